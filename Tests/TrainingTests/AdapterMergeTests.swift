import Foundation
import Testing
import Models
import Tensor
@testable import Training

/// W' = W + scaling · B · A, in both weight orientations, for one matrix and a whole checkpoint.
struct AdapterMergeTests {
    @Test func mergedLinearWeightComputesWhatTheAdapterComputes() throws {
        let layout = try LoRAModelLayout(shape: LoRAModelLayoutTests.qwen2)
        let adapter = try LoRAAdapter.read(directory: Fixture.path("peft_qwen2_adapter"), layout: layout)
        let reference = try SafetensorsFile(path: Fixture.path("peft_qwen2_reference.safetensors"))
        var weight = try reference.floats(named: "weight")
        try weight.withUnsafeMutableBufferPointer {
            try adapter.merge(modulePath: "model.layers.1.self_attn.q_proj", into: $0.baseAddress!, storedInOut: false)
        }
        let x = try reference.floats(named: "x"), bias = try reference.floats(named: "bias")
        let expected = try reference.floats(named: "y")
        let y = Tensor(shape: [3, 16])
        LinearBackward.forward(x, rows: 3, inFeatures: 16, outFeatures: 16, weight: weight, bias: bias, into: y.data)
        #expect(zip(y.toArray(), expected).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func mergingACheckpointFoldsTheAdapterIntoGPT2sConv1DWeights() throws {
        let model = try ModelDirectory(path: Fixture.path("gpt2_tiny_model"))
        let layout = try LoRAModelLayout(directory: model)
        #expect(layout.modules.first?.path == "transformer.h.0.attn.c_attn")
        #expect(layout.modules.first?.inFeatures == 8 && layout.modules.first?.outFeatures == 24)
        let adapter = try LoRAAdapter.read(directory: Fixture.path("gpt2_tiny_adapter"), layout: layout)
        let output = try Fixture.scratchDirectory()
        let merged = try AdapterMerge.mergeModel(at: Fixture.path("gpt2_tiny_model"), adapter: adapter, into: output)
        #expect(merged == ["transformer.h.0.attn.c_attn.weight"])

        let result = try ModelDirectory(path: output)
        let expected = try SafetensorsFile(path: Fixture.path("gpt2_tiny_merged_reference.safetensors"))
        let values = try result.floats(named: "transformer.h.0.attn.c_attn.weight")
        #expect(zip(values, try expected.floats(named: "transformer.h.0.attn.c_attn.weight")).allSatisfy { abs($0 - $1) < 1e-5 })
        // Everything else is copied unchanged, config and tokenizer files included.
        #expect(try result.floats(named: "transformer.h.0.mlp.c_fc.weight") == (try model.floats(named: "transformer.h.0.mlp.c_fc.weight")))
        #expect(result.tensorNames == model.tensorNames)
        #expect(FileManager.default.fileExists(atPath: output + "/tokenizer_config.json"))
        #expect(result.modelType == "gpt2")
    }

    @Test func mergedModelsLogitsEqualTheBaseWithTheAdapter() throws {
        let base = Fixture.path("gpt2_tiny_model")
        let layout = try LoRAModelLayout(directory: try ModelDirectory(path: base))
        let adapter = try LoRAAdapter.read(directory: Fixture.path("gpt2_tiny_adapter"), layout: layout)
        let output = try Fixture.scratchDirectory()
        try AdapterMerge.mergeModel(at: base, adapter: adapter, into: output)

        let tokens: [Int32] = [1, 5, 9, 2, 11, 7, 3, 3, 8, 0, 10, 4]
        let targets: [Int32] = [-100, 9, 2, 11, 7, -100, -100, 8, 0, 10, 4, -100]
        let withAdapter = try TrainableTransformer.load(path: base, mode: .frozen(quantizingProjectionsTo: nil))
        try withAdapter.attach(adapter)
        let merged = try TrainableTransformer.load(path: output, mode: .frozen(quantizingProjectionsTo: nil))
        let a = TransformerActivations(architecture: withAdapter.architecture, sequences: 2, length: 6)
        let b = TransformerActivations(architecture: merged.architecture, sequences: 2, length: 6)
        _ = try withAdapter.loss(tokens: tokens, targets: targets, activations: a, training: false)
        _ = try merged.loss(tokens: tokens, targets: targets, activations: b, training: false)
        let worst = zip(a.logits.toArray(), b.logits.toArray()).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-4)
        // The adapter does change the logits, so the comparison is not vacuous.
        let plain = try TrainableTransformer.load(path: base, mode: .frozen(quantizingProjectionsTo: nil))
        let c = TransformerActivations(architecture: plain.architecture, sequences: 2, length: 6)
        _ = try plain.loss(tokens: tokens, targets: targets, activations: c, training: false)
        #expect((zip(c.logits.toArray(), b.logits.toArray()).map { abs($0 - $1) }.max() ?? 0) > 1e-2)
    }
}
