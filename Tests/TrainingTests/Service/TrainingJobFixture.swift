import Foundation
@testable import Training

/// A small training job over the tiny Qwen2 checkpoint, whose 32-token vocabulary takes bytes folded into it.
enum TrainingJobFixture {
    /// Bytes folded into the tiny models' vocabularies (id 0 stays free for BOS).
    static let tokenizer = ClosureTokenizer { $0.utf8.map { Int($0) % 11 + 1 } }

    /// Writes `count` records whose completions share one pattern, so held-out records can be learnt from the rest.
    static func writeData(count: Int, in directory: String, name: String = "train.jsonl") throws -> String {
        let path = directory + "/" + name
        let lines = (0..<count).map { i in #"{"prompt": "def f\#(i % 7)(x):", "completion": " return x*\#(i % 3)"}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A LoRA job on the tiny Qwen2 model with a learning rate that moves it in a few steps.
    static func spec(data: String, output: String, model: String = "qwen2_tiny_model") -> TrainingJobSpec {
        var spec = TrainingJobSpec(modelPath: Fixture.path(model), dataPath: data, outputDirectory: output)
        spec.rank = 4
        spec.alpha = 8
        spec.dropout = 0.1
        spec.learningRate = 3e-2
        spec.batchSize = 4
        spec.epochs = 6
        spec.maxLength = 32
        spec.heldOutFraction = 0.25
        spec.warmupSteps = 1
        spec.seed = 3
        return spec
    }

    /// A model directory of the Models tests' family fixtures ("qwen2", "gpt2", "opt", "llama").
    static func modelsFixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ModelsTests/Families/Fixtures/\(name)").path
    }

    /// A runner for `spec` with the folding tokenizer and BOS 0.
    static func runner(_ spec: TrainingJobSpec) -> TrainingJobRunner {
        TrainingJobRunner(spec: spec, tokenizer: tokenizer, bosToken: 0)
    }
}
