import Testing
import Models
import Tensor
@testable import Training

/// LoRA fine-tuning of the tiny Qwen2 checkpoint on a handful of sequences.
struct FineTunerTests {
    let records = (0..<6).map { i in PromptCompletionRecord(prompt: "def f\(i)(x):", completion: " return x + \(i)") }
    /// Bytes folded into the tiny model's 32-token vocabulary.
    let tokenizer = ClosureTokenizer { $0.utf8.map { Int($0) % 31 + 1 } }

    func tuner(seed: UInt64, options: FineTuningOptions) throws -> (FineTuner, [TrainingBatch]) {
        let path = Fixture.path("qwen2_tiny_model")
        let model = try TrainableTransformer.load(path: path, mode: .frozen(quantizingProjectionsTo: nil))
        var random = TrainingRandom(seed: seed)
        let adapter = try LoRAAdapter(config: AdapterConfig(r: 4, loraAlpha: 8, loraDropout: 0.1, targetModules: .names(["q_proj", "v_proj"])),
                                      layout: try LoRAModelLayout(directory: try ModelDirectory(path: path)), random: &random)
        try model.attach(adapter, seed: seed)
        let data = try TokenizedDataset(records: records, tokenizer: tokenizer, maxLength: 24, bosToken: 0)
        let batches = try data.examples.batches(of: 2)
        return (try FineTuner(model: model, batches: batches, options: options), batches)
    }

    let options = FineTuningOptions(optimizer: AdamW.Options(learningRate: 5e-2, weightDecay: 0), decay: .cosine, warmupSteps: 2,
                                    microBatchesPerStep: 3, maxGradientNorm: 1, epochs: 8)

    @Test func loraFineTuningLowersTheLossOnItsData() throws {
        let (run, batches) = try tuner(seed: 1, options: options)
        let before = try run.evaluate(batches)
        var steps: [FineTuningStep] = []
        while !run.isFinished { steps.append(try run.step()) }
        #expect(steps.count == 8 && run.totalSteps == 8)
        #expect(steps[0].learningRate == 0 && steps[1].learningRate == 0.025)
        // One step per epoch: all three batches of two examples.
        #expect(steps.allSatisfy { $0.scoredTokens == batches.map(\.scoredTokens).reduce(0, +) })
        #expect(steps[0].tokens == batches.map(\.tokens.count).reduce(0, +))
        #expect(try run.evaluate(batches) < 0.8 * before)
    }

    @Test func sameSeedGivesTheSameLossCurve() throws {
        func curve() throws -> [Float] {
            let (run, _) = try tuner(seed: 7, options: options)
            return try (0..<4).map { _ in try run.step().loss }
        }
        #expect(try curve() == (try curve()))
    }

    @Test func aRunPastItsStepsIsAnError() throws {
        var short = options
        short.epochs = 1
        let (run, _) = try tuner(seed: 1, options: short)
        _ = try run.step()
        #expect(run.isFinished)
        #expect(throws: TrainingError.self) { try run.step() }
    }

    @Test func aResumedRunContinuesExactlyAsAnUninterruptedOne() throws {
        let (uninterrupted, _) = try tuner(seed: 5, options: options)
        let expected = try (0..<5).map { _ in try uninterrupted.step().loss }

        let (first, _) = try tuner(seed: 5, options: options)
        let head = try (0..<2).map { _ in try first.step().loss }
        let directory = try Fixture.scratchDirectory()
        try first.saveCheckpoint(to: directory)
        // A fresh process: a new model and adapter (different seed, so nothing carries over by accident).
        let (resumed, _) = try tuner(seed: 99, options: options)
        try resumed.restoreCheckpoint(from: directory)
        let tail = try (0..<3).map { _ in try resumed.step().loss }
        #expect(head + tail == expected)
    }
}
