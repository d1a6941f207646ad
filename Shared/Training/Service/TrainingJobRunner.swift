import Foundation
import Models
import Tensor

/// Runs one fine-tuning job from files to files: opens the base, tokenizes and splits the data,
/// trains LoRA, QLoRA or every weight with held-out evaluation and checkpoints every N steps,
/// and writes the adapter in PEFT layout (or the whole model for full fine-tuning).
///
/// The `lce train` command and the trainer service both call it; they only wire options and
/// report its events. It runs on the caller's thread and blocks until the job is done.
public final class TrainingJobRunner {
    /// The job.
    public let spec: TrainingJobSpec
    private let tokenizerOverride: (any TrainingTokenizer)?
    private let bosOverride: Int?, eosOverride: Int?

    /// A runner for `spec`; `tokenizer` (with its BOS/EOS ids) replaces the model's tokenizer.json,
    /// for models stored without one.
    public init(spec: TrainingJobSpec, tokenizer: (any TrainingTokenizer)? = nil, bosToken: Int? = nil, eosToken: Int? = nil) {
        self.spec = spec
        tokenizerOverride = tokenizer
        bosOverride = bosToken
        eosOverride = eosToken
    }

    /// The checkpoint directory name written after `step` optimizer steps (Trainer's "checkpoint-N").
    public static func checkpointName(step: Int) -> String { "checkpoint-\(step)" }

    /// Trains, reporting progress to `observe`; `shouldStop` is asked after every step and, when
    /// it answers true, the run writes a checkpoint and throws `TrainingJobInterrupted`.
    public func run(observe: (TrainingJobEvent) -> Void = { _ in },
                    shouldStop: () -> Bool = { false }) throws -> TrainingJobResult {
        if let problem = spec.problem { throw TrainingError.invalidArgument(problem) }
        let source = try TrainableModelSource.open(spec, loadTokenizer: tokenizerOverride == nil)
        let model = source.model

        var adapter: LoRAAdapter?
        if spec.method != .full {
            let targets: TargetModules = spec.targetModules == ["all-linear"] ? .allLinear
                : .names(spec.targetModules ?? source.layout.defaultTargetModules)
            let config = AdapterConfig(r: spec.rank, loraAlpha: spec.alpha, loraDropout: spec.dropout, targetModules: targets,
                                       useRSLoRA: spec.useRSLoRA, fanInFanOut: source.layout.fanInFanOut,
                                       baseModelNameOrPath: spec.modelPath)
            var random = TrainingRandom(seed: spec.seed)
            let made = try LoRAAdapter(config: config, layout: source.layout, random: &random)
            try model.attach(made, seed: spec.seed)
            adapter = made
        }

        let prepared = try prepareData(source: source)
        let stepLimit = spec.maxSteps.map { min($0, prepared.tuner.totalSteps) } ?? prepared.tuner.totalSteps
        let tuner = prepared.tuner
        var summary = prepared.summary
        summary.totalSteps = stepLimit
        summary.trainableParameters = try model.trainableParameters().reduce(0) { $0 + $1.value.count }
        observe(.prepared(summary))

        if let resume = spec.resumeFrom {
            try tuner.restoreCheckpoint(from: resume)
            observe(.resumed(step: tuner.optimizer.stepCount, directory: resume))
        }

        let started = Date()
        var evalLosses: [TrainingJobResult.EvaluatedLoss] = []
        func evaluate() throws {
            guard !prepared.heldOut.isEmpty, evalLosses.last?.step != tuner.optimizer.stepCount else { return }
            let loss = try tuner.evaluate(prepared.heldOut)
            evalLosses.append(.init(step: tuner.optimizer.stepCount, loss: loss))
            observe(.evaluated(step: tuner.optimizer.stepCount, loss: loss))
        }
        func checkpoint() throws -> String {
            let directory = URL(fileURLWithPath: spec.outputDirectory)
                .appendingPathComponent(Self.checkpointName(step: tuner.optimizer.stepCount)).path
            try tuner.saveCheckpoint(to: directory)
            try adapter?.write(to: directory)
            observe(.checkpointed(step: tuner.optimizer.stepCount, directory: directory))
            return directory
        }

        try evaluate()
        var tokens = 0
        var lastLoss: Float = .nan
        let batchesPerEpoch = Double(tuner.batches.count)
        while !tuner.isFinished, tuner.optimizer.stepCount < stepLimit {
            let stepStarted = Date()
            let firstBatch = tuner.microBatchesDone
            let step = try tuner.step()
            let stepTokens = (firstBatch..<tuner.microBatchesDone).reduce(0) { $0 + prepared.realTokens[$1 % prepared.realTokens.count] }
            let seconds = max(Date().timeIntervalSince(stepStarted), 1e-9)
            guard step.loss.isFinite else {
                throw TrainingError.invalidArgument("the training loss became \(step.loss) at step \(step.step); lower the learning rate (\(spec.learningRate))")
            }
            tokens += stepTokens
            lastLoss = step.loss
            observe(.step(TrainingStepReport(step: step, totalSteps: stepLimit, epoch: Double(tuner.microBatchesDone) / batchesPerEpoch,
                                             tokensPerSecond: Double(stepTokens) / seconds,
                                             elapsedSeconds: Date().timeIntervalSince(started))))
            if spec.evalEvery > 0, step.step % spec.evalEvery == 0 { try evaluate() }
            if spec.saveEvery > 0, step.step % spec.saveEvery == 0, step.step < stepLimit { _ = try checkpoint() }
            if shouldStop(), step.step < stepLimit {
                throw TrainingJobInterrupted(step: step.step, checkpoint: try checkpoint())
            }
        }
        try evaluate()
        let duration = Date().timeIntervalSince(started)

        let written = try writeOutput(adapter: adapter, source: source)
        return TrainingJobResult(outputDirectory: spec.outputDirectory, method: spec.method, steps: tuner.optimizer.stepCount,
                                 finalTrainLoss: lastLoss, initialEvalLoss: evalLosses.first?.loss, finalEvalLoss: evalLosses.last?.loss,
                                 evalLosses: evalLosses, trainedTokens: tokens,
                                 tokensPerSecond: duration > 0 ? Double(tokens) / duration : 0, durationSeconds: duration,
                                 sizeBytes: written, data: summary)
    }

    /// The fine-tuner over the training split and the held-out batches.
    private func prepareData(source: TrainableModelSource) throws
        -> (tuner: FineTuner, heldOut: [TrainingBatch], realTokens: [Int], summary: TrainingDataSummary) {
        let records = try PromptCompletionRecord.readJSONL(path: spec.dataPath)
        guard !records.isEmpty else { throw TrainingError.invalidData("\(spec.dataPath): the file has no records") }
        let tokenizer: any TrainingTokenizer
        var bos = bosOverride, eos = eosOverride
        if let tokenizerOverride {
            tokenizer = tokenizerOverride
        } else if let bpe = source.tokenizer {
            tokenizer = ClosureTokenizer { bpe.encode($0) }
            bos = bpe.addsBOSToken ? bpe.bosTokenID : nil
            eos = bpe.eosTokenID
        } else {
            throw TrainingError.invalidArgument("\(spec.modelPath): no tokenizer to encode the data with")
        }
        let maxLength = min(spec.maxLength, source.model.architecture.shape.contextLength)
        let data = try TokenizedDataset(records: records, tokenizer: tokenizer, maxLength: maxLength, bosToken: bos, eosToken: eos)
        let split = data.split(heldOutFraction: spec.heldOutFraction, seed: spec.seed)
        guard !split.train.isEmpty else {
            throw TrainingError.invalidData("\(spec.dataPath): no example has a completion token within \(maxLength) tokens")
        }
        let vocabulary = source.model.architecture.shape.vocabularySize
        if let bad = (split.train + split.heldOut).lazy.flatMap(\.tokens).first(where: { Int($0) >= vocabulary || $0 < 0 }) {
            throw TrainingError.invalidData("\(spec.dataPath): the tokenizer gave id \(bad), outside the model's vocabulary of \(vocabulary)")
        }
        // Every batch padded to one length: the fine-tuner keeps activations (logits included,
        // vocabulary-wide) per batch shape, so ragged lengths would each hold their own.
        let length = (split.train + split.heldOut).map(\.tokens.count).max() ?? maxLength
        func padded(_ examples: [TrainingExample]) throws -> [TrainingExample] {
            try examples.map { example in
                let extra = length - example.tokens.count
                return try TrainingExample(tokens: example.tokens + [Int32](repeating: 0, count: extra),
                                           lossMask: example.lossMask + [Bool](repeating: false, count: extra))
            }
        }
        var batches = try padded(split.train).batches(of: spec.batchSize)
        var realTokens = stride(from: 0, to: split.train.count, by: spec.batchSize).map { start in
            split.train[start..<min(start + spec.batchSize, split.train.count)].reduce(0) { $0 + $1.tokens.count }
        }
        var epochs = spec.epochs
        if let maxSteps = spec.maxSteps {
            // The schedule spans the steps actually taken: cut the batches when one epoch is more
            // than enough, else run just enough epochs.
            let needed = maxSteps * spec.gradientAccumulation
            if needed <= batches.count {
                batches = Array(batches.prefix(needed))
                realTokens = Array(realTokens.prefix(needed))
                epochs = 1
            } else {
                epochs = min(epochs, (needed + batches.count - 1) / batches.count)
            }
        }
        let options = FineTuningOptions(optimizer: AdamW.Options(learningRate: spec.learningRate, weightDecay: spec.weightDecay),
                                        decay: spec.decay, warmupSteps: spec.warmupSteps,
                                        microBatchesPerStep: spec.gradientAccumulation, maxGradientNorm: spec.maxGradientNorm,
                                        epochs: epochs)
        let tuner = try FineTuner(model: source.model, batches: batches, options: options)
        let summary = TrainingDataSummary(trainExamples: split.train.count, heldOutExamples: split.heldOut.count,
                                          truncatedExamples: data.truncatedCount, droppedRecords: data.droppedCount,
                                          totalSteps: tuner.totalSteps, trainableParameters: 0)
        return (tuner, try padded(split.heldOut).batches(of: spec.batchSize), realTokens, summary)
    }

    /// Writes the adapter (PEFT layout) or the fully trained model; returns the bytes written.
    private func writeOutput(adapter: LoRAAdapter?, source: TrainableModelSource) throws -> Int64 {
        let fileManager = FileManager.default
        let output = URL(fileURLWithPath: spec.outputDirectory)
        try fileManager.createDirectory(at: output, withIntermediateDirectories: true)
        var files: [URL] = []
        if let adapter {
            try adapter.write(to: output.path)
            files = [output.appendingPathComponent(AdapterConfig.fileName), output.appendingPathComponent(LoRAAdapter.weightsFileName)]
        } else {
            let weights = output.appendingPathComponent("model.safetensors")
            try source.model.writeSafetensors(to: weights.path)
            files = [weights]
            if let directory = source.directory {
                for name in try fileManager.contentsOfDirectory(atPath: directory).sorted()
                    where !name.hasSuffix(".safetensors") && name != "model.safetensors.index.json" {
                    let from = URL(fileURLWithPath: directory).appendingPathComponent(name)
                    var isDirectory: ObjCBool = false
                    guard fileManager.fileExists(atPath: from.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                    let to = output.appendingPathComponent(name)
                    if fileManager.fileExists(atPath: to.path) { try fileManager.removeItem(at: to) }
                    try fileManager.copyItem(at: from, to: to)
                    files.append(to)
                }
            }
        }
        return files.reduce(Int64(0)) { total, file in
            total + ((try? fileManager.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }
}
