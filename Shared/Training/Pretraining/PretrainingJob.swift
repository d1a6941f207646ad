import Foundation
import Models
import Tensor

/// The whole `lce pretrain` job: corpus → tokenizer → packed token stream → a LLaMA-style model
/// trained from scratch (every parameter) → a Hugging Face model directory with a model card.
public enum PretrainingJob {
    /// RMSNorm epsilon of the models it makes.
    public static let rmsNormEps: Float = 1e-5
    /// Rotary base of the models it makes.
    public static let ropeTheta: Float = 10_000

    /// The architecture `options` describe (LLaMA, tied head).
    public static func architecture(_ options: PretrainingOptions) -> TransformerArchitecture {
        let shape = ModelShape(architecture: "llama", vocabularySize: options.vocabularySize, contextLength: options.context,
                               hiddenSize: options.hidden, layerCount: options.layers, heads: options.heads, kvHeads: options.heads,
                               headDim: options.hidden / options.heads, ffnWidth: options.resolvedFFNWidth,
                               embeddingWidth: options.hidden, gatedFFN: true)
        return .llama(shape: shape, rmsNormEps: rmsNormEps, ropeTheta: ropeTheta, qkvBias: false, tiedOutput: true)
    }

    /// Runs the job into `outputDirectory`; `command` is recorded in the model card as the way to
    /// reproduce it. With `resume`, a checkpoint in `outputDirectory/checkpoint` (and the tokenizer
    /// beside it) is picked up and the run continues from it.
    ///
    /// A complete model directory is written at every checkpoint, so a run stopped early still
    /// leaves a loadable model.
    /// - Throws: `TrainingError` or `TokenizerTrainingError` naming the bad setting or file.
    @discardableResult
    public static func run(options: PretrainingOptions, outputDirectory: URL, command: String, resume: Bool = false,
                           progress: (PretrainingProgress) -> Void = { _ in }) throws -> PretrainingReport {
        try options.validate()
        if let threads = options.threads { Threading.count = threads }
        let threads = Threading.count
        let rootURL: URL
        if let root = options.corpusRoot {
            rootURL = URL(fileURLWithPath: root)
        } else {
            guard let found = PythonCorpus.defaultRoot() else {
                throw TrainingError.invalidArgument("no system Python standard library under /usr/lib: give --corpus DIR")
            }
            rootURL = found
        }
        do {
            try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw TrainingError.invalidArgument("\(outputDirectory.path): cannot create the output directory: \(error.localizedDescription)")
        }
        let corpus = try PythonCorpus.collect(root: rootURL, options: PythonCorpusOptions(maximumFileBytes: options.maximumFileBytes))
        let split = corpus.split(validationFraction: options.validationFraction, seed: options.seed)
        let checkpointPath = outputDirectory.appendingPathComponent("checkpoint").path
        let resuming = resume && FileManager.default.fileExists(atPath: checkpointPath + "/trainer_state.json")

        // 1. Tokenizer.
        var clock = Stopwatch()
        if !(resuming && FileManager.default.fileExists(atPath: outputDirectory.appendingPathComponent("tokenizer.json").path)) {
            try TokenizerTrainingJob.run(corpus: corpus, outputDirectory: outputDirectory, vocabSize: options.vocabularySize,
                                         settings: TokenizerFileSettings(modelMaxLength: options.context),
                                         validationFraction: options.validationFraction, seed: options.seed) {
                progress(.tokenizer($0))
            }
        }
        var tokenizerSeconds = clock.lap()
        let tokenizer = try BPETokenizer(modelDirectory: outputDirectory)
        guard tokenizer.vocabularySize <= options.vocabularySize, let endOfText = tokenizer.id(forToken: "<|endoftext|>") else {
            throw TrainingError.invalidData("\(outputDirectory.path)/tokenizer.json: not the tokenizer this run trains (vocabulary or <|endoftext|>)")
        }

        // 2. Token streams.
        let train = try PackedSequences(corpus: split.train, tokenizer: tokenizer, length: options.context) {
            progress(.tokenizing(split: "train", files: $0, of: $1))
        }
        let validation = try PackedSequences(corpus: split.validation, tokenizer: tokenizer, length: options.context) {
            progress(.tokenizing(split: "validation", files: $0, of: $1))
        }
        var tokenizingSeconds = clock.lap()
        guard validation.count > 0 else {
            throw TrainingError.invalidData("\(rootURL.path): the held-out files give no sequence of \(options.context) tokens")
        }

        // 3. Model and run.
        let model = try TrainableTransformer.randomlyInitialized(architecture(options), seed: options.seed)
        let batches = try train.trainingBatches(steps: options.steps, batchSize: options.batchSize, seed: options.seed)
        let tuning = FineTuningOptions(optimizer: AdamW.Options(learningRate: options.learningRate, beta1: 0.9, beta2: 0.999,
                                                                epsilon: 1e-8, weightDecay: options.weightDecay),
                                       decay: .cosine, warmupSteps: options.warmupSteps, microBatchesPerStep: 1,
                                       maxGradientNorm: 1, epochs: 1)
        let tuner = try FineTuner(model: model, batches: batches, options: tuning)
        let evaluation = try validation.evaluationBatches(batchSize: options.batchSize, limit: options.evaluationSequences)
        let measured = min(options.evaluationSequences > 0 ? options.evaluationSequences : validation.count, validation.count)
        let parameters = try model.trainableParameters().reduce(0) { $0 + $1.value.count }
        let files = PretrainedModelFiles(options: options, endOfTextID: endOfText,
                                         paddingID: tokenizer.id(forToken: "<|pad|>"))

        var curve: [PretrainingReport.CurvePoint] = []
        var initialLoss = try tuner.evaluate(evaluation)
        var recentLosses: [Float] = []
        var sinceEvaluation: [Float] = []
        var seconds: Double = 0
        if resuming {
            try tuner.restoreCheckpoint(from: checkpointPath)
            let saved = try RunRecord.read(from: checkpointPath)
            curve = saved.curve
            initialLoss = saved.initialValidationLoss
            seconds = saved.trainingSeconds
            tokenizerSeconds = saved.tokenizerSeconds ?? tokenizerSeconds
            tokenizingSeconds = saved.tokenizingSeconds ?? tokenizingSeconds
            recentLosses = saved.recentLosses ?? []
            progress(.resumed(step: tuner.optimizer.stepCount))
        }
        func report(validationLoss: Float) -> PretrainingReport {
            PretrainingReport(
                parameters: parameters, vocabularySize: options.vocabularySize,
                trainFiles: split.train.files.count, validationFiles: split.validation.files.count,
                trainBytes: split.train.totalBytes, validationBytes: split.validation.totalBytes,
                trainTokens: train.tokens.count, validationTokens: validation.tokens.count,
                steps: tuner.optimizer.stepCount, tokensSeen: tuner.optimizer.stepCount * options.batchSize * options.context,
                finalTrainLoss: recentLosses.isEmpty ? (curve.last?.trainLoss ?? .nan) : recentLosses.reduce(0, +) / Float(recentLosses.count),
                finalValidationLoss: validationLoss, initialValidationLoss: initialLoss,
                validationSequencesMeasured: measured, tokenizerSeconds: tokenizerSeconds, tokenizingSeconds: tokenizingSeconds,
                trainingSeconds: seconds,
                tokensPerSecond: seconds > 0 ? Double(tuner.optimizer.stepCount * options.batchSize * options.context) / seconds : 0,
                threads: threads, curve: curve)
        }
        func writeModel(_ report: PretrainingReport, status: PretrainedModelFiles.Status) throws {
            try model.writeSafetensors(to: outputDirectory.appendingPathComponent("model.safetensors").path)
            try write(files.configJSON(), "config.json")
            try write(files.generationConfigJSON(), "generation_config.json")
            let licensed = FileManager.default.fileExists(atPath: outputDirectory.appendingPathComponent("CORPUS_LICENSE.txt").path)
            let card = files.readme(report: report, command: command, corpusRoot: rootURL.path, licenseCopied: licensed, status: status)
            try write(Data(card.utf8), "README.md")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // A loss is NaN only when nothing was measured yet (or training diverged); say so rather than fail.
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            try write(encoder.encode(report), "training_report.json")
        }
        func write(_ data: Data, _ name: String) throws {
            let url = outputDirectory.appendingPathComponent(name)
            do { try data.write(to: url, options: .atomic) } catch {
                throw TrainingError.invalidArgument("\(url.path): cannot write the file: \(error.localizedDescription)")
            }
        }

        var lastValidation = curve.last?.validationLoss ?? initialLoss
        if let stop = options.stopAfterSteps, tuner.optimizer.stepCount >= stop, !tuner.isFinished {
            // Resumed at or past the asked stop: the model is the checkpoint's.
            let stopped = report(validationLoss: lastValidation)
            try writeModel(stopped, status: .stopped)
            return stopped
        }
        var run = Stopwatch()
        while !tuner.isFinished {
            let step = try tuner.step()
            seconds += run.lap()
            recentLosses.append(step.loss)
            if recentLosses.count > 50 { recentLosses.removeFirst() }
            sinceEvaluation.append(step.loss)
            let tokensSeen = Double(step.step * options.batchSize * options.context)
            progress(.trained(step, totalSteps: tuner.totalSteps, tokensPerSecond: seconds > 0 ? tokensSeen / seconds : 0,
                              elapsedSeconds: seconds))
            let last = tuner.isFinished
            if last || (options.evaluationInterval > 0 && step.step % options.evaluationInterval == 0) {
                lastValidation = try tuner.evaluate(evaluation)
                seconds += run.lap()
                curve.append(.init(step: step.step, trainLoss: sinceEvaluation.reduce(0, +) / Float(sinceEvaluation.count),
                                   validationLoss: lastValidation))
                sinceEvaluation.removeAll()
                progress(.evaluated(step: step.step, validationLoss: lastValidation))
            }
            let stopping = !last && options.stopAfterSteps.map { step.step >= $0 } == true
            if !last, stopping || (options.checkpointInterval > 0 && step.step % options.checkpointInterval == 0) {
                try tuner.saveCheckpoint(to: checkpointPath)
                try RunRecord(curve: curve, initialValidationLoss: initialLoss, trainingSeconds: seconds,
                              tokenizerSeconds: tokenizerSeconds, tokenizingSeconds: tokenizingSeconds,
                              recentLosses: recentLosses).write(to: checkpointPath)
                try writeModel(report(validationLoss: lastValidation), status: .checkpoint)
                _ = run.lap()
                progress(.checkpointed(step: step.step))
            }
            if stopping {
                let stopped = report(validationLoss: lastValidation)
                try writeModel(stopped, status: .stopped)
                return stopped
            }
        }
        let final = report(validationLoss: lastValidation)
        try writeModel(final, status: .finished)
        try? FileManager.default.removeItem(atPath: checkpointPath)
        return final
    }
}
