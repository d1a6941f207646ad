import Foundation
import Models
import Tensor
import Testing
@testable import Training

/// Serving through an adapter: folded into a loaded model in memory, or merged into files, the
/// inference path gives the logits of the base with the adapter attached.
struct AdapterRuntimeTests {
    /// An all-linear adapter with random A and B (B non-zero, so it changes the outputs).
    static func randomAdapter(layout: LoRAModelLayout, rank: Int = 3, seed: UInt64) throws -> LoRAAdapter {
        let config = AdapterConfig(r: rank, loraAlpha: 6, targetModules: .allLinear, fanInFanOut: layout.fanInFanOut)
        var random = TrainingRandom(seed: seed)
        var weights: [String: LoRAWeights] = [:]
        for module in layout.modules {
            let a = Tensor(shape: [rank, module.inFeatures]), b = Tensor(shape: [module.outFeatures, rank])
            for i in 0..<a.count { a.data[i] = random.nextFloat(in: -0.3, 0.3) }
            for i in 0..<b.count { b.data[i] = random.nextFloat(in: -0.3, 0.3) }
            weights[module.path] = LoRAWeights(a: a, b: b)
        }
        return try LoRAAdapter(config: config, layout: layout, weights: weights)
    }

    /// Logits [tokens, vocab] of the training model with the adapter attached (base + adapter, unmerged).
    static func attachedLogits(model path: String, adapter: LoRAAdapter, tokens: [Int32]) throws -> [Float] {
        let model = try TrainableTransformer.load(path: path, mode: .frozen(quantizingProjectionsTo: nil))
        try model.attach(adapter)
        let a = TransformerActivations(architecture: model.architecture, sequences: 1, length: tokens.count)
        var targets = Array(tokens.dropFirst()) + [CrossEntropyBackward.ignoreIndex]
        targets[0] = tokens[1]
        _ = try model.loss(tokens: tokens, targets: targets, activations: a, training: false)
        return a.logits.toArray()
    }

    /// Logits [tokens, vocab] through the inference engine.
    static func inferenceLogits(_ model: any LanguageModel, tokens: [Int32]) throws -> [Float] {
        try InferenceSession(model: model).forward(tokens.map(Int.init), allPositions: true)
    }

    static func maxDifference(_ x: [Float], _ y: [Float]) -> Float {
        zip(x, y).map { abs($0 - $1) }.max() ?? .infinity
    }

    static let families = ["gpt2_tiny_model", "opt_tiny_model", "qwen2_tiny_model"]

    @Test(arguments: families)
    func foldedInMemoryGivesTheAttachedAdaptersLogits(model name: String) throws {
        let path = Fixture.path(name)
        let adapter = try Self.randomAdapter(layout: try LoRAModelLayout(directory: try ModelDirectory(path: path)), seed: 11)
        let tokens: [Int32] = [1, 5, 2, 7, 3, 4, 6]
        let expected = try Self.attachedLogits(model: path, adapter: adapter, tokens: tokens)
        let base = try ModelLoader.load(path: path)
        let folded = try adapter.merged(into: base, requantize: false)
        let logits = try Self.inferenceLogits(folded, tokens: tokens)
        #expect(logits.count == expected.count)
        #expect(Self.maxDifference(logits, expected) < 1e-4)
        // The adapter matters: the base alone is far from it.
        #expect(Self.maxDifference(try Self.inferenceLogits(base, tokens: tokens), expected) > 1e-2)
    }

    @Test(arguments: families)
    func attachedAsLowRankTermsGivesTheAttachedAdaptersLogits(model name: String) throws {
        let path = Fixture.path(name)
        let adapter = try Self.randomAdapter(layout: try LoRAModelLayout(directory: try ModelDirectory(path: path)), seed: 15)
        let tokens: [Int32] = [4, 2, 7, 1, 6, 3]
        let expected = try Self.attachedLogits(model: path, adapter: adapter, tokens: tokens)
        let base = try ModelLoader.load(path: path)
        let attached = try adapter.attached(to: base)
        #expect(Self.maxDifference(try Self.inferenceLogits(attached, tokens: tokens), expected) < 1e-4)
        #expect(Self.maxDifference(try Self.inferenceLogits(base, tokens: tokens), expected) > 1e-2)
    }

    @Test(arguments: families)
    func theMergedModelOnDiskGivesTheAttachedAdaptersLogits(model name: String) throws {
        let path = Fixture.path(name)
        let adapter = try Self.randomAdapter(layout: try LoRAModelLayout(directory: try ModelDirectory(path: path)), seed: 12)
        let tokens: [Int32] = [2, 9, 1, 3, 8, 5]
        let expected = try Self.attachedLogits(model: path, adapter: adapter, tokens: tokens)
        let output = try Fixture.scratchDirectory() + "/merged"
        try AdapterMerge.mergeModel(at: path, adapter: adapter, into: output)
        let logits = try Self.inferenceLogits(try ModelLoader.load(path: output), tokens: tokens)
        #expect(Self.maxDifference(logits, expected) < 1e-4)
    }

    @Test func aPEFTAdapterDirectoryServesThroughTheLoadedModel() throws {
        // The adapter Python PEFT wrote for the tiny Qwen2, read from disk as the worker reads it.
        let path = Fixture.path("qwen2_tiny_model")
        let adapter = try LoRAAdapter.read(directory: Fixture.path("peft_qwen2_adapter"),
                                           layout: try LoRAModelLayout(directory: try ModelDirectory(path: path)))
        let tokens: [Int32] = [3, 1, 4, 1, 5, 9, 2, 6]
        let expected = try Self.attachedLogits(model: path, adapter: adapter, tokens: tokens)
        let folded = try adapter.merged(into: try ModelLoader.load(path: path), requantize: false)
        #expect(Self.maxDifference(try Self.inferenceLogits(folded, tokens: tokens), expected) < 1e-4)
    }

    @Test func qloraServingAttachesTheAdapterOverTheQuantizedBaseUntouched() throws {
        let path = TrainingJobFixture.modelsFixture("qwen2")
        let layout = try LoRAModelLayout(directory: try ModelDirectory(path: path))
        let adapter = try LoRAAdapter(config: AdapterConfig(r: 2, loraAlpha: 4, targetModules: .names(["v_proj"])), layout: layout,
                                      weights: try Self.randomAdapter(layout: layout, rank: 2, seed: 13).weights
                                          .filter { $0.key.hasSuffix("v_proj") })
        let quantized = try ModelQuantizer.quantize(try ModelLoader.load(path: path), to: .q4_0)
        let attached = try #require(try adapter.attached(to: quantized) as? Llama)
        let base = try #require(quantized as? Llama)
        let value = attached.parameters.layers[0].value, baseValue = base.parameters.layers[0].value
        // The 4-bit bytes are the base's own; the adapter rides beside them, exactly scaling · B · A.
        #expect(value.dtype == .q4_0 && value.bytes == baseValue.bytes)
        let delta = try adapter.delta(modulePath: "model.layers.0.self_attn.v_proj", rows: 0..<layout.modules[2].outFeatures, columns: 64)
        let added = zip(value.toFloat32(), baseValue.toFloat32()).map { $0 - $1 }
        #expect(Self.maxDifference(added, delta) < 1e-5)
        // Untargeted weights carry nothing.
        #expect(attached.parameters.layers[0].query.lowRank == nil)
        #expect(attached.parameters.layers[0].query.bytes == base.parameters.layers[0].query.bytes)
        // Folding and re-encoding in 4 bits instead loses part of the adapter; attaching loses none of it.
        let folded = try #require(try adapter.merged(into: quantized, requantize: true) as? Llama)
        let refolded = zip(folded.parameters.layers[0].value.toFloat32(), baseValue.toFloat32()).map { $0 - $1 }
        #expect(Self.maxDifference(refolded, delta) > 1e-3)
        // A model carrying low-rank terms is not written as if its bytes held them.
        let file = try Fixture.scratchDirectory() + "/attached.gguf"
        #expect(throws: (any Error).self) { try ModelGGUFExport.write(attached, to: file, name: "attached") }
    }

    @Test func rotaryPairsInterleaveAsLlamaCppPermutesQueryRows() {
        // One head of 4 dims, one column: rows (h0 h1 | h2 h3) in halves order become (h0 h2 h1 h3).
        let rows: [Float] = [10, 11, 20, 21]
        #expect(LoRAAdapter.interleavingRotaryPairs(rows, heads: 1, headDim: 4, columns: 1) == [10, 20, 11, 21])
    }

    @Test func anAdapterForAnotherModelFailsNamingTheModule() throws {
        let adapterLayout = try LoRAModelLayout(directory: try ModelDirectory(path: Fixture.path("opt_tiny_model")))
        let adapter = try Self.randomAdapter(layout: adapterLayout, seed: 14)
        let directory = try Fixture.scratchDirectory()
        try adapter.write(to: directory)
        let tokenizerFile = URL(fileURLWithPath: TrainingJobFixture.modelsFixture("qwen2")).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tokenizer/Fixtures/gpt2-style.tokenizer.json")
        let loaded = LoadedModel(model: try ModelLoader.load(path: Fixture.path("qwen2_tiny_model")),
                                 tokenizer: try BPETokenizer(tokenizerJSON: tokenizerFile), path: "qwen2")
        let error = #expect(throws: TrainingError.self) { try loaded.applyingAdapter(directory: directory) }
        #expect(error?.description.contains("model.decoder.layers.0") == true)
    }
}
