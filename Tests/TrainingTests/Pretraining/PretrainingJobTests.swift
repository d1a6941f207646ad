import Foundation
import Models
import Testing
import Training

@Suite("Pre-training job")
struct PretrainingJobTests {
    @Test func runWritesAHuggingFaceLlamaDirectory() throws {
        let output = PretrainingFixture.outputDirectory()
        try PretrainingJob.run(options: PretrainingFixture.options(corpus: try PretrainingFixture.corpus(), steps: 4),
                               outputDirectory: output, command: "lce pretrain --test")
        for name in ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "README.md",
                     "training_report.json", "corpus.json"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(name).path), "\(name) missing")
        }
        let config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("config.json"))) as? [String: Any])
        #expect(config["model_type"] as? String == "llama")
        #expect(config["architectures"] as? [String] == ["LlamaForCausalLM"])
        #expect(config["vocab_size"] as? Int == 320)
        #expect(config["intermediate_size"] as? Int == 96)
        let card = try String(contentsOf: output.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(card.contains("lce pretrain --test"))
        #expect(card.contains("PSF-2.0"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("checkpoint").path))
    }

    @Test func trainingLowersValidationLoss() throws {
        let report = try PretrainingJob.run(options: PretrainingFixture.options(corpus: try PretrainingFixture.corpus()),
                                            outputDirectory: PretrainingFixture.outputDirectory(), command: "test")
        #expect(report.steps == 40)
        #expect(report.tokensSeen == 40 * 4 * 16)
        #expect(report.initialValidationLoss > 5)  // about ln(320) untrained
        #expect(report.finalValidationLoss < report.initialValidationLoss - 2)
        #expect(report.curve.map(\.step) == [20, 40])
        #expect(report.curve[1].trainLoss < report.curve[0].trainLoss)
    }

    @Test func outputLoadsThroughLoadedModelAndGenerates() throws {
        let output = PretrainingFixture.outputDirectory()
        try PretrainingJob.run(options: PretrainingFixture.options(corpus: try PretrainingFixture.corpus(), steps: 60),
                               outputDirectory: output, command: "test")
        let loaded = try LoadedModel.load(path: output.path)
        #expect(loaded.model.shape.vocabularySize == 320)
        #expect(loaded.model.shape.layerCount == 1)
        let result = try loaded.generate("def ", options: GenerationOptions(maxTokens: 8, temperature: 0),
                                         generator: Generator(model: loaded.model))
        #expect(result.tokens.count == 8)
        #expect(!result.text.isEmpty)
    }

    @Test func fixedSeedAndThreadsGiveIdenticalWeights() throws {
        let corpus = try PretrainingFixture.corpus()
        var weights: [Data] = []
        for _ in 0..<2 {
            let output = PretrainingFixture.outputDirectory()
            try PretrainingJob.run(options: PretrainingFixture.options(corpus: corpus, steps: 6), outputDirectory: output, command: "test")
            weights.append(try Data(contentsOf: output.appendingPathComponent("model.safetensors")))
        }
        #expect(weights[0] == weights[1])
        var other = PretrainingFixture.options(corpus: corpus, steps: 6)
        other.seed = 1
        let output = PretrainingFixture.outputDirectory()
        try PretrainingJob.run(options: other, outputDirectory: output, command: "test")
        #expect(try Data(contentsOf: output.appendingPathComponent("model.safetensors")) != weights[0])
    }

    @Test func resumedRunEndsWithTheUninterruptedWeights() throws {
        let corpus = try PretrainingFixture.corpus()
        let options = PretrainingFixture.options(corpus: corpus, steps: 8)
        let straight = PretrainingFixture.outputDirectory()
        let full = try PretrainingJob.run(options: options, outputDirectory: straight, command: "test")
        let resumed = PretrainingFixture.outputDirectory()
        var first = options
        first.stopAfterSteps = 3
        let partial = try PretrainingJob.run(options: first, outputDirectory: resumed, command: "test")
        #expect(partial.steps == 3)
        var resumedAt: Int?
        let rest = try PretrainingJob.run(options: options, outputDirectory: resumed, command: "test", resume: true) { event in
            if case .resumed(let step) = event { resumedAt = step }
        }
        #expect(resumedAt == 3)
        #expect(rest.steps == 8)
        #expect(rest.finalValidationLoss == full.finalValidationLoss)
        #expect(try Data(contentsOf: straight.appendingPathComponent("model.safetensors"))
                == Data(contentsOf: resumed.appendingPathComponent("model.safetensors")))
    }

    @Test func resumingAtTheStopStepKeepsTheCheckpointModel() throws {
        var options = PretrainingFixture.options(corpus: try PretrainingFixture.corpus(), steps: 8)
        options.stopAfterSteps = 3
        let output = PretrainingFixture.outputDirectory()
        try PretrainingJob.run(options: options, outputDirectory: output, command: "test")
        let weights = try Data(contentsOf: output.appendingPathComponent("model.safetensors"))
        let again = try PretrainingJob.run(options: options, outputDirectory: output, command: "test", resume: true)
        #expect(again.steps == 3)
        #expect(try Data(contentsOf: output.appendingPathComponent("model.safetensors")) == weights)
        let card = try String(contentsOf: output.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(card.contains("stopped after step 3 of its 8-step schedule"))
    }

    @Test func optionsThatCannotMakeAModelAreRejected() throws {
        var options = PretrainingFixture.options(corpus: try PretrainingFixture.corpus())
        options.heads = 3
        #expect(throws: TrainingError.self) {
            try PretrainingJob.run(options: options, outputDirectory: PretrainingFixture.outputDirectory(), command: "test")
        }
        #expect(throws: (any Error).self) {
            var missing = PretrainingFixture.options(corpus: "/nonexistent/corpus")
            missing.steps = 1
            try PretrainingJob.run(options: missing, outputDirectory: PretrainingFixture.outputDirectory(), command: "test")
        }
    }
}
