import Testing
import Models
import Tensor
@testable import Training

/// A tiny Qwen2 checkpoint with a PEFT-trained-shape adapter: this engine's loss and logits
/// against what transformers + PEFT computed for the same tokens (Fixtures/make_peft_fixtures.py).
struct PEFTModelTests {
    let reference: SafetensorsFile

    init() throws {
        reference = try SafetensorsFile(path: Fixture.path("peft_qwen2_reference.safetensors"))
    }

    /// tokens [2, 6] and Hugging Face labels turned into this engine's shifted targets.
    func batch() throws -> (tokens: [Int32], targets: [Int32]) {
        let tokens = try reference.floats(named: "tokens").map { Int32($0) }
        let labels = try reference.floats(named: "labels").map { Int32($0) }
        var targets = [Int32](repeating: -100, count: tokens.count)
        for s in 0..<2 { for t in 0..<5 { targets[s * 6 + t] = labels[s * 6 + t + 1] } }
        return (tokens, targets)
    }

    func modelWithAdapter(_ mode: TrainableTransformer.WeightMode) throws -> TrainableTransformer {
        let path = Fixture.path("qwen2_tiny_model")
        let model = try TrainableTransformer.load(path: path, mode: mode)
        let layout = try LoRAModelLayout(directory: try ModelDirectory(path: path))
        try model.attach(try LoRAAdapter.read(directory: Fixture.path("peft_qwen2_adapter"), layout: layout))
        return model
    }

    @Test func lossWithAPEFTAdapterEqualsPEFTs() throws {
        let model = try modelWithAdapter(.frozen(quantizingProjectionsTo: nil))
        let (tokens, targets) = try batch()
        let a = TransformerActivations(architecture: model.architecture, sequences: 2, length: 6)
        let loss = try model.loss(tokens: tokens, targets: targets, activations: a, training: false)
        let expected = try reference.floats(named: "loss")[0]
        #expect(loss.scoredRows == 8)
        #expect(abs(loss.loss - expected) < 1e-5)
    }

    @Test func logitsWithAPEFTAdapterEqualPEFTs() throws {
        let model = try modelWithAdapter(.frozen(quantizingProjectionsTo: nil))
        let (tokens, targets) = try batch()
        let a = TransformerActivations(architecture: model.architecture, sequences: 2, length: 6)
        _ = try model.loss(tokens: tokens, targets: targets, activations: a, training: false)
        let expected = try reference.floats(named: "logits")
        let worst = zip(a.logits.toArray(), expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-4)
    }

    @Test func fullModeLoadsTheSameWeightsAsTrainableParameters() throws {
        let model = try TrainableTransformer.load(path: Fixture.path("qwen2_tiny_model"), mode: .trainable)
        let parameters = try model.trainableParameters()
        // embed, 2 × (2 norms + q/k/v weights and biases + o, gate, up, down), final norm, head
        #expect(parameters.count == 1 + 2 * (2 + 6 + 4) + 1 + 1)
        #expect(parameters.elementCount == 32 * 16 * 2 + 16 + 2 * (2 * 16 + 16 * 16 + 16 + 2 * (8 * 16 + 8) + 16 * 16 + 3 * 16 * 24))
    }
}
