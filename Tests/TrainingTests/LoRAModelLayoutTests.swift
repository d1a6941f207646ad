import Testing
import Models
@testable import Training

/// Module paths, widths and target selection per family, as PEFT names them.
struct LoRAModelLayoutTests {
    static let qwen2 = ModelShape(architecture: "qwen2", vocabularySize: 32, contextLength: 64, hiddenSize: 16, layerCount: 2,
                                  heads: 4, kvHeads: 2, headDim: 4, ffnWidth: 24, embeddingWidth: 16, gatedFFN: true)
    static let opt = ModelShape(architecture: "opt", vocabularySize: 32, contextLength: 64, hiddenSize: 16, layerCount: 2,
                                heads: 4, kvHeads: 4, headDim: 4, ffnWidth: 32, embeddingWidth: 16, gatedFFN: false)
    static let gpt2 = ModelShape(architecture: "gpt2", vocabularySize: 32, contextLength: 64, hiddenSize: 8, layerCount: 1,
                                 heads: 2, kvHeads: 2, headDim: 4, ffnWidth: 32, embeddingWidth: 8, gatedFFN: false)

    @Test func defaultTargetsArePEFTs() throws {
        #expect(try LoRAModelLayout(shape: Self.qwen2).defaultTargetModules == ["q_proj", "v_proj"])
        #expect(try LoRAModelLayout(shape: Self.opt).defaultTargetModules == ["q_proj", "v_proj"])
        #expect(try LoRAModelLayout(shape: Self.gpt2).defaultTargetModules == ["c_attn"])
        #expect(try LoRAModelLayout(shape: Self.gpt2).fanInFanOut)
    }

    @Test func qwen2QAndVProjectionsHaveGroupedQueryWidths() throws {
        let modules = try TargetModules.names(["q_proj", "v_proj"]).resolve(in: LoRAModelLayout(shape: Self.qwen2), source: "test")
        #expect(modules.map(\.path) == ["model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj",
                                        "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"])
        #expect(modules[0].outFeatures == 16 && modules[1].outFeatures == 8 && modules[1].inFeatures == 16)
    }

    @Test func optPathsLiveUnderTheDecoder() throws {
        let modules = try TargetModules.names(["q_proj"]).resolve(in: LoRAModelLayout(shape: Self.opt), source: "test")
        #expect(modules.first?.path == "model.decoder.layers.0.self_attn.q_proj")
    }

    @Test func allLinearSelectsEveryLinearModuleButTheHead() throws {
        let layout = try LoRAModelLayout(shape: Self.qwen2)
        #expect(try TargetModules.allLinear.resolve(in: layout, source: "test").count == 14)
        #expect(try TargetModules.allLinear.resolve(in: LoRAModelLayout(shape: Self.opt), source: "test").count == 12)
    }

    @Test func patternMatchesWholePaths() throws {
        let layout = try LoRAModelLayout(shape: Self.qwen2)
        let modules = try TargetModules.pattern(#"model\.layers\.1\..*_proj"#).resolve(in: layout, source: "test")
        #expect(modules.count == 7 && modules.allSatisfy { $0.layer == 1 })
    }

    @Test func aNameTheModelLacksIsAnErrorNamingIt() throws {
        let layout = try LoRAModelLayout(shape: Self.gpt2)
        #expect(throws: TrainingError.invalidAdapter("adapter_config.json: target_modules names q_proj, which GPT-2 layer 0 does not have")) {
            try TargetModules.names(["c_attn", "q_proj"]).resolve(in: layout, source: "adapter_config.json")
        }
    }

    @Test func gpt2LeafNameCProjSelectsBothAttentionAndMLPProjections() throws {
        let modules = try TargetModules.names(["c_proj"]).resolve(in: LoRAModelLayout(shape: Self.gpt2), source: "test")
        #expect(modules.map(\.path) == ["transformer.h.0.attn.c_proj", "transformer.h.0.mlp.c_proj"])
        #expect(modules[1].inFeatures == 32 && modules[1].isConv1D)
    }

    @Test func unknownArchitectureIsAnError() {
        var shape = Self.opt
        shape.architecture = "bloom"
        #expect(throws: TrainingError.self) { try LoRAModelLayout(shape: shape) }
    }
}
