import Foundation
import Models
import Tensor
import Testing
@testable import Training

/// The job runner the `lce train` command and the trainer service share.
struct TrainingJobRunnerTests {
    @Test func loraJobLowersTheHeldOutLoss() throws {
        let directory = try Fixture.scratchDirectory()
        let spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 24, in: directory), output: directory + "/adapter")
        let result = try TrainingJobFixture.runner(spec).run()
        #expect(result.data.trainExamples == 18 && result.data.heldOutExamples == 6)
        #expect(result.steps == 5 * 6)  // 18 examples in batches of 4 -> 5 steps per epoch
        let before = try #require(result.initialEvalLoss), after = try #require(result.finalEvalLoss)
        #expect(after < 0.7 * before)
        #expect(result.tokensPerSecond > 0 && result.trainedTokens > 0)
    }

    @Test func theWrittenAdapterLoadsBackWithTheJobsSettings() throws {
        let directory = try Fixture.scratchDirectory()
        var spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 12, in: directory), output: directory + "/adapter")
        spec.epochs = 2
        spec.targetModules = ["q_proj", "v_proj", "down_proj"]
        let result = try TrainingJobFixture.runner(spec).run()
        let layout = try LoRAModelLayout(directory: try ModelDirectory(path: spec.modelPath))
        let adapter = try LoRAAdapter.read(directory: result.outputDirectory, layout: layout)
        #expect(adapter.config.r == 4 && adapter.config.loraAlpha == 8 && adapter.config.targetModules == .names(["q_proj", "v_proj", "down_proj"]))
        #expect(adapter.modules.count == 2 * 3)
        // B starts at zero; training moved it.
        let b = try #require(adapter.weights["model.layers.1.mlp.down_proj"]).b
        #expect(b.toArray().contains { $0 != 0 })
        let files = [AdapterConfig.fileName, LoRAAdapter.weightsFileName].map { result.outputDirectory + "/" + $0 }
        let sizes = try files.map { try #require(FileManager.default.attributesOfItem(atPath: $0)[.size] as? NSNumber).int64Value }
        #expect(result.sizeBytes == sizes.reduce(0, +))
    }

    @Test func evaluationAndCheckpointsComeEveryNSteps() throws {
        let directory = try Fixture.scratchDirectory()
        var spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 12, in: directory), output: directory + "/adapter")
        spec.maxSteps = 7
        spec.evalEvery = 3
        spec.saveEvery = 2
        var evaluated: [Int] = [], saved: [Int] = [], steps: [Int] = []
        let result = try TrainingJobFixture.runner(spec).run(observe: { event in
            switch event {
            case .evaluated(let step, _): evaluated.append(step)
            case .checkpointed(let step, let path):
                saved.append(step)
                #expect(path.hasSuffix("/adapter/checkpoint-\(step)"))
            case .step(let report): steps.append(report.step.step)
            default: break
            }
        })
        #expect(steps == Array(1...7) && result.steps == 7)
        #expect(evaluated == [0, 3, 6, 7])
        #expect(saved == [2, 4, 6])
        for step in saved {
            let checkpoint = directory + "/adapter/checkpoint-\(step)"
            #expect(FileManager.default.fileExists(atPath: checkpoint + "/trainer_state.json"))
            #expect(FileManager.default.fileExists(atPath: checkpoint + "/" + LoRAAdapter.weightsFileName))
        }
    }

    @Test func anInterruptedJobResumedFromItsCheckpointEndsWithTheSameAdapter() throws {
        let directory = try Fixture.scratchDirectory()
        let data = try TrainingJobFixture.writeData(count: 12, in: directory)
        var spec = TrainingJobFixture.spec(data: data, output: directory + "/whole")
        spec.epochs = 3
        _ = try TrainingJobFixture.runner(spec).run()

        spec.outputDirectory = directory + "/split"
        var stepsSeen = 0
        let interruption = #expect(throws: TrainingJobInterrupted.self) {
            _ = try TrainingJobFixture.runner(spec).run(observe: { if case .step = $0 { stepsSeen += 1 } }, shouldStop: { stepsSeen == 4 })
        }
        let checkpoint = try #require(interruption?.checkpoint)
        spec.resumeFrom = checkpoint
        let resumed = try TrainingJobFixture.runner(spec).run()
        #expect(resumed.steps == 9)
        let whole = try SafetensorsFile(path: directory + "/whole/" + LoRAAdapter.weightsFileName)
        let split = try SafetensorsFile(path: directory + "/split/" + LoRAAdapter.weightsFileName)
        #expect(whole.tensors.map(\.name) == split.tensors.map(\.name))
        for tensor in whole.tensors {
            #expect(try whole.floats(named: tensor.name) == (try split.floats(named: tensor.name)))
        }
    }

    @Test func aBadDataLineFailsNamingTheFileAndLine() throws {
        let directory = try Fixture.scratchDirectory()
        let path = directory + "/bad.jsonl"
        try "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": \"a\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let spec = TrainingJobFixture.spec(data: path, output: directory + "/adapter")
        let error = #expect(throws: TrainingError.self) { try TrainingJobFixture.runner(spec).run() }
        #expect(error?.description == "\(path):2: missing \"completion\" (or HumanEval's \"canonical_solution\")")
        #expect(!FileManager.default.fileExists(atPath: directory + "/adapter"))
    }

    @Test func aMissingModelFailsWithItsPath() throws {
        let directory = try Fixture.scratchDirectory()
        var spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 4, in: directory), output: directory + "/adapter")
        spec.modelPath = directory + "/no-such-model"
        let error = #expect(throws: TrainingError.self) { try TrainingJobFixture.runner(spec).run() }
        #expect(error?.description.contains("\(directory)/no-such-model: the model does not exist") == true)
    }

    @Test func anUnknownTargetModuleFailsNamingIt() throws {
        let directory = try Fixture.scratchDirectory()
        var spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 4, in: directory), output: directory + "/adapter")
        spec.targetModules = ["q_proj", "c_attn"]
        let error = #expect(throws: TrainingError.self) { try TrainingJobFixture.runner(spec).run() }
        #expect(error?.description.contains("target_modules names c_attn") == true)
    }

    @Test func dataWithNoCompletionWithinTheMaxLengthFailsSayingSo() throws {
        let directory = try Fixture.scratchDirectory()
        var spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 8, in: directory), output: directory + "/adapter")
        spec.maxLength = 4  // BOS + "def" leaves no room for any completion token
        let error = #expect(throws: TrainingError.self) { try TrainingJobFixture.runner(spec).run() }
        #expect(error?.description == "\(spec.dataPath): no example has a completion token within 4 tokens")
    }

    @Test func fullFineTuningWritesAModelTheInferenceLoaderReads() throws {
        let directory = try Fixture.scratchDirectory()
        var spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 8, in: directory), output: directory + "/full",
                                           model: "opt_tiny_model")
        spec.method = .full
        spec.learningRate = 1e-2
        spec.epochs = 2
        let result = try TrainingJobFixture.runner(spec).run()
        #expect(try #require(result.finalEvalLoss) < (try #require(result.initialEvalLoss)))
        let loaded = try ModelLoader.load(path: result.outputDirectory)
        #expect(loaded.shape.architecture == "opt")
        let trained = try SafetensorsFile(path: result.outputDirectory + "/model.safetensors")
        let base = try SafetensorsFile(path: Fixture.path("opt_tiny_model/model.safetensors"))
        let name = "model.decoder.layers.0.fc1.weight"
        #expect(try trained.floats(named: name) != (try base.floats(named: name)))
    }

    @Test func qloraTrainsAdaptersOverProjectionsHeldIn4Bits() throws {
        let directory = try Fixture.scratchDirectory()
        var spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 24, in: directory), output: directory + "/qlora")
        spec.modelPath = TrainingJobFixture.modelsFixture("qwen2")
        spec.method = .qlora
        let source = try TrainableModelSource.open(spec, loadTokenizer: false)
        // 64- and 128-wide rows fit no Q4_K super-block, so Q4_0 holds them.
        #expect(source.model.layers.allSatisfy { $0.query?.weight.dtype == .q4_0 && $0.ffnOut.weight.dtype == .q4_0 })
        let result = try TrainingJobFixture.runner(spec).run()
        #expect(try #require(result.finalEvalLoss) < 0.8 * (try #require(result.initialEvalLoss)))
        _ = try LoRAAdapter.read(directory: result.outputDirectory, layout: source.layout)
    }

    @Test func qloraOnRowsNoBlockFitsFailsWithAReason() throws {
        let directory = try Fixture.scratchDirectory()
        var spec = TrainingJobFixture.spec(data: try TrainingJobFixture.writeData(count: 8, in: directory), output: directory + "/qlora",
                                           model: "opt_tiny_model")
        spec.method = .qlora
        let error = #expect(throws: TrainingError.self) { try TrainingJobFixture.runner(spec).run() }
        #expect(error?.description.contains("multiple of 32") == true)
    }
}
