import Foundation
import Testing
import Models
import Tensor
@testable import Training

/// adapter_model.safetensors: PEFT's keys and shapes, both ways, and outputs as PEFT computes them.
struct LoRAAdapterTests {
    let qwen2 = LoRAModelLayoutTests.qwen2

    @Test func readsAPEFTAdapterAndComputesPEFTsOutput() throws {
        let layout = try LoRAModelLayout(shape: qwen2)
        let adapter = try LoRAAdapter.read(directory: Fixture.path("peft_qwen2_adapter"), layout: layout)
        #expect(adapter.modules.count == 4)
        let reference = try SafetensorsFile(path: Fixture.path("peft_qwen2_reference.safetensors"))
        let pair = try #require(adapter.weights["model.layers.1.self_attn.q_proj"])
        let lora = try LoRALinear(base: try reference.matrix(named: "weight"),
                                  bias: try Tensor(shape: [16], values: try reference.floats(named: "bias")),
                                  a: pair.a, b: pair.b, scaling: adapter.config.scaling, dropout: Float(adapter.config.loraDropout))
        let x = try reference.floats(named: "x"), expected = try reference.floats(named: "y")
        let y = Tensor(shape: [3, 16])
        x.withUnsafeBufferPointer {
            lora.forward($0.baseAddress!, rows: 3, into: y.data, saving: LoRAActivations(for: lora, capacity: 3), training: false)
        }
        #expect(zip(y.toArray(), expected).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func writesPEFTKeysAndReadsThemBack() throws {
        let layout = try LoRAModelLayout(shape: LoRAModelLayoutTests.opt)
        var random = TrainingRandom(seed: 9)
        let config = AdapterConfig(r: 4, loraAlpha: 16, targetModules: .names(layout.defaultTargetModules))
        let adapter = try LoRAAdapter(config: config, layout: layout, random: &random)
        for (_, pair) in adapter.weights.sorted(by: { $0.key < $1.key }) { for i in 0..<pair.b.count { pair.b.data[i] = random.nextFloat(in: -1, 1) } }
        let directory = try Fixture.scratchDirectory()
        try adapter.write(to: directory)

        let file = try SafetensorsFile(path: directory + "/adapter_model.safetensors")
        let a = try file.tensor(named: "base_model.model.model.decoder.layers.0.self_attn.q_proj.lora_A.weight")
        let b = try file.tensor(named: "base_model.model.model.decoder.layers.1.self_attn.v_proj.lora_B.weight")
        #expect(a.shape == [4, 16] && b.shape == [16, 4])
        #expect(file.tensors.count == 8)
        #expect(file.metadata == ["format": "pt"])

        let again = try LoRAAdapter.read(directory: directory, layout: layout)
        #expect(again.config == config)
        for (path, pair) in adapter.weights {
            #expect(again.weights[path]?.a.toArray() == pair.a.toArray())
            #expect(again.weights[path]?.b.toArray() == pair.b.toArray())
        }
    }

    @Test func freshAdapterHasZeroBEverywhere() throws {
        var random = TrainingRandom(seed: 1)
        let adapter = try LoRAAdapter(config: AdapterConfig(r: 2, targetModules: .allLinear),
                                      layout: try LoRAModelLayout(shape: qwen2), random: &random)
        #expect(adapter.weights.count == 14)
        #expect(adapter.weights.values.allSatisfy { $0.b.toArray().allSatisfy { $0 == 0 } })
    }

    @Test func aWrongShapeIsAnErrorNamingTheKey() throws {
        let directory = try Fixture.scratchDirectory()
        try AdapterConfig(r: 4, loraAlpha: 8, targetModules: .names(["q_proj"])).jsonData()
            .write(to: URL(fileURLWithPath: directory + "/adapter_config.json"))
        var writer = SafetensorsWriter()
        for layer in 0..<2 {
            let key = "base_model.model.model.layers.\(layer).self_attn.q_proj"
            try writer.add(key + ".lora_A.weight", floats: [Float](repeating: 0, count: 4 * 8), shape: [4, 8])
            try writer.add(key + ".lora_B.weight", floats: [Float](repeating: 0, count: 16 * 4), shape: [16, 4])
        }
        try writer.write(to: directory + "/adapter_model.safetensors")
        let error = try #require(throws: TrainingError.self) {
            try LoRAAdapter.read(directory: directory, layout: try LoRAModelLayout(shape: qwen2))
        }
        #expect("\(error)".hasSuffix(
            "adapter_model.safetensors: base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight has shape [4, 8], expected [4, 16] (lora_A is [r, in])"))
    }

    @Test func aKeyForAModuleTheModelLacksIsAnErrorNamingIt() throws {
        let directory = try Fixture.scratchDirectory()
        try AdapterConfig(r: 4, targetModules: .names(["q_proj"])).jsonData()
            .write(to: URL(fileURLWithPath: directory + "/adapter_config.json"))
        var writer = SafetensorsWriter()
        try writer.add("base_model.model.model.layers.7.self_attn.q_proj.lora_A.weight", floats: [Float](repeating: 0, count: 64), shape: [4, 16])
        try writer.write(to: directory + "/adapter_model.safetensors")
        let error = try #require(throws: TrainingError.self) {
            try LoRAAdapter.read(directory: directory, layout: try LoRAModelLayout(shape: qwen2))
        }
        #expect("\(error)".hasSuffix("is for model.layers.7.self_attn.q_proj, which Qwen2 does not have"))
    }

    @Test func missingWeightsForATargetedModuleAreAnError() throws {
        let layout = try LoRAModelLayout(shape: qwen2)
        let config = AdapterConfig(r: 4, targetModules: .names(["q_proj"]))
        #expect(throws: TrainingError.self) { try LoRAAdapter(config: config, layout: layout, weights: [:]) }
    }
}
