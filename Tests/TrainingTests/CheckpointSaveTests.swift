import Foundation
import Testing
import Models
import Tensor
@testable import Training

/// A fully trained model written back as a checkpoint reads in again with the same loss.
struct CheckpointSaveTests {
    @Test func gpt2WrittenAfterAStepReloadsWithTheSameLoss() throws {
        let source = Fixture.path("gpt2_tiny_model")
        let model = try TrainableTransformer.load(path: source, mode: .trainable)
        let tokens: [Int32] = [1, 5, 9, 2, 11, 7, 3, 3, 8, 0, 10, 4]
        let targets: [Int32] = [-100, 9, 2, 11, 7, -100, -100, 8, 0, 10, 4, -100]
        let a = TransformerActivations(architecture: model.architecture, sequences: 2, length: 6)
        let parameters = try model.trainableParameters()
        let optimizer = AdamW(parameters: parameters, options: .init(learningRate: 1e-2))
        _ = try model.loss(tokens: tokens, targets: targets, activations: a, training: true)
        model.backward(activations: a)
        optimizer.step()
        let trained = try model.loss(tokens: tokens, targets: targets, activations: a, training: false).loss

        let output = try Fixture.scratchDirectory()
        try model.writeSafetensors(to: output + "/model.safetensors")
        try FileManager.default.copyItem(atPath: source + "/config.json", toPath: output + "/config.json")
        let written = try ModelDirectory(path: output)
        #expect(try written.tensor(named: "transformer.h.0.mlp.c_fc.weight").shape == [8, 32])  // Conv1D [in, out]
        let reloaded = try TrainableTransformer.load(path: output, mode: .trainable)
        let b = TransformerActivations(architecture: reloaded.architecture, sequences: 2, length: 6)
        #expect(try reloaded.loss(tokens: tokens, targets: targets, activations: b, training: false).loss == trained)
    }
}
