import Testing
import Models
import Tensor
@testable import Training

/// Training on a model the Models module loaded gives the same loss as reading the checkpoint directly.
struct LoadedModelTests {
    @Test func frozenLlamaFromTheModelLoaderWithAPEFTAdapterGivesPEFTsLoss() throws {
        let path = Fixture.path("qwen2_tiny_model")
        let loaded = try ModelLoader.load(directory: try ModelDirectory(path: path))
        let llama = try #require(loaded as? Llama)
        let model = try TrainableTransformer(frozen: llama)
        try model.attach(try LoRAAdapter.read(directory: Fixture.path("peft_qwen2_adapter"), layout: try LoRAModelLayout(shape: llama.shape)))
        let reference = try SafetensorsFile(path: Fixture.path("peft_qwen2_reference.safetensors"))
        let tokens = try reference.floats(named: "tokens").map { Int32($0) }
        let labels = try reference.floats(named: "labels").map { Int32($0) }
        var targets = [Int32](repeating: -100, count: 12)
        for s in 0..<2 { for t in 0..<5 { targets[s * 6 + t] = labels[s * 6 + t + 1] } }
        let a = TransformerActivations(architecture: model.architecture, sequences: 2, length: 6)
        let loss = try model.loss(tokens: tokens, targets: targets, activations: a, training: false).loss
        #expect(abs(loss - (try reference.floats(named: "loss")[0])) < 1e-5)
    }
}
