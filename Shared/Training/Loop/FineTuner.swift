import Tensor

/// Runs fine-tuning over prepared batches: micro-batches accumulate into optimizer steps with
/// clipping, a warmup-then-decay schedule and AdamW, on whatever the model trains (full weights,
/// or LoRA/QLoRA adapters). Deterministic for a fixed thread count: the batches come in the
/// given order and dropout draws from each adapter's seeded stream.
public final class FineTuner {
    /// The model being trained.
    public let model: TrainableTransformer
    /// The run's options.
    public let options: FineTuningOptions
    /// The training batches of one epoch, in order.
    public let batches: [TrainingBatch]
    /// The optimizer (its moments and step count are the run's resumable state).
    public let optimizer: AdamW
    /// The learning-rate schedule over `totalSteps`.
    public let schedule: LearningRateSchedule
    /// Micro-batches consumed so far over the whole run.
    public private(set) var microBatchesDone = 0
    private let parameters: [TrainableParameter]
    private let accumulation: GradientAccumulation
    private var activations: [String: TransformerActivations] = [:]

    /// A run over `batches` for `options.epochs` epochs.
    public init(model: TrainableTransformer, batches: [TrainingBatch], options: FineTuningOptions) throws {
        guard !batches.isEmpty else { throw TrainingError.invalidArgument("there are no training batches") }
        guard options.epochs >= 1 else { throw TrainingError.invalidArgument("epochs must be at least 1, got \(options.epochs)") }
        self.model = model
        self.options = options
        self.batches = batches
        parameters = try model.trainableParameters()
        guard !parameters.isEmpty else { throw TrainingError.invalidArgument("the model has nothing to train (attach an adapter or load it trainable)") }
        accumulation = try GradientAccumulation(microBatchesPerStep: options.microBatchesPerStep)
        optimizer = AdamW(parameters: parameters, options: options.optimizer)
        schedule = LearningRateSchedule(decay: options.decay, warmupSteps: options.warmupSteps,
                                        totalSteps: accumulation.optimizerSteps(forMicroBatches: batches.count) * options.epochs)
    }

    /// Sets the position in the batches (a restored checkpoint's).
    func restore(microBatchesDone done: Int) {
        microBatchesDone = done
    }

    /// Optimizer steps the whole run takes.
    public var totalSteps: Int { schedule.totalSteps }

    /// True when every epoch's batches have been used.
    public var isFinished: Bool { microBatchesDone >= batches.count * options.epochs }

    /// One optimizer step: the next micro-batches up to the step's end, then clip, schedule and update.
    public func step() throws -> FineTuningStep {
        guard !isFinished else { throw TrainingError.invalidArgument("the run has already taken its \(totalSteps) steps") }
        parameters.zeroGradients()
        var losses: [Float] = []
        var scored = 0, tokens = 0
        var micro: [TrainingBatch] = []
        var endsStep = false
        while !endsStep {
            let index = microBatchesDone % batches.count
            micro.append(batches[index])
            endsStep = accumulation.endsStep(microBatch: index, ofEpoch: batches.count)
            microBatchesDone += 1
        }
        let scale = 1 / Float(micro.count)
        for batch in micro {
            let a = activations(for: batch)
            let result = try model.loss(tokens: batch.tokens, targets: batch.targets, activations: a, training: true)
            model.backward(activations: a, lossScale: scale)
            losses.append(result.loss)
            scored += result.scoredRows
            tokens += batch.tokens.count
        }
        let norm = options.maxGradientNorm.map { GradientClipping.clipByGlobalNorm(parameters, maxNorm: $0) }
            ?? Float(GradientClipping.globalNorm(parameters))
        let rate = schedule.learningRate(base: options.optimizer.learningRate, atStep: optimizer.stepCount)
        optimizer.step(learningRate: rate)
        return FineTuningStep(step: optimizer.stepCount, loss: losses.reduce(0, +) / Float(losses.count), learningRate: rate,
                              gradientNorm: norm, scoredTokens: scored, tokens: tokens)
    }

    /// The mean loss per scored token over `batches`, without dropout or updates (held-out evaluation).
    public func evaluate(_ batches: [TrainingBatch]) throws -> Float {
        var total: Double = 0
        var scored = 0
        for batch in batches {
            let result = try model.loss(tokens: batch.tokens, targets: batch.targets, activations: activations(for: batch), training: false)
            total += Double(result.loss) * Double(result.scoredRows)
            scored += result.scoredRows
        }
        return scored == 0 ? 0 : Float(total / Double(scored))
    }

    /// Activations for the batch's shape, made once per distinct shape.
    private func activations(for batch: TrainingBatch) -> TransformerActivations {
        let key = "\(batch.sequences)x\(batch.length)"
        if let existing = activations[key] { return existing }
        let made = TransformerActivations(for: model, sequences: batch.sequences, length: batch.length)
        activations[key] = made
        return made
    }
}
