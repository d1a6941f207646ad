import Foundation
import Testing
import Models
import Tensor
@testable import Training

/// GPT-2 and OPT checkpoints read into trainable models give transformers' loss and logits
/// (Conv1D transposition, the tied head, OPT's position offset of 2).
struct CheckpointLossTests {
    let reference: SafetensorsFile

    init() throws {
        reference = try SafetensorsFile(path: Fixture.path("base_losses.safetensors"))
    }

    func check(_ family: String, mode: TrainableTransformer.WeightMode) throws -> (lossError: Float, logitError: Float) {
        let model = try TrainableTransformer.load(path: Fixture.path("\(family)_tiny_model"), mode: mode)
        let tokens = try reference.floats(named: "tokens").map { Int32($0) }
        let labels = try reference.floats(named: "labels").map { Int32($0) }
        var targets = [Int32](repeating: -100, count: 12)
        for s in 0..<2 { for t in 0..<5 { targets[s * 6 + t] = labels[s * 6 + t + 1] } }
        let a = TransformerActivations(architecture: model.architecture, sequences: 2, length: 6)
        let loss = try model.loss(tokens: tokens, targets: targets, activations: a, training: false).loss
        let logits = try reference.floats(named: "\(family)_logits")
        return (abs(loss - (try reference.floats(named: "\(family)_loss")[0])),
                zip(a.logits.toArray(), logits).map { abs($0 - $1) }.max() ?? .infinity)
    }

    @Test func gpt2CheckpointGivesTransformersLossAndLogits() throws {
        let (loss, logits) = try check("gpt2", mode: .trainable)
        #expect(loss < 1e-5 && logits < 1e-4)
    }

    @Test func optCheckpointGivesTransformersLossAndLogits() throws {
        let (loss, logits) = try check("opt", mode: .trainable)
        #expect(loss < 1e-5 && logits < 1e-4)
    }

    @Test func frozenGPT2CheckpointGivesTheSameLoss() throws {
        let (loss, _) = try check("gpt2", mode: .frozen(quantizingProjectionsTo: nil))
        #expect(loss < 1e-5)
    }
}
