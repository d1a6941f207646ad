/// The hyperparameters of a fine-tuning run, with Hugging Face Trainer's usual values as defaults.
public struct FineTuningOptions: Sendable, Equatable, Codable {
    /// AdamW's betas, epsilon, weight decay and base learning rate.
    public var optimizer: AdamW.Options
    /// Warmup then decay, over the run's optimizer steps.
    public var decay: LearningRateSchedule.Decay
    /// Linear warmup steps.
    public var warmupSteps: Int
    /// Micro-batches whose gradients make one optimizer step.
    public var microBatchesPerStep: Int
    /// Global gradient-norm limit (nil: no clipping).
    public var maxGradientNorm: Float?
    /// Passes over the training batches.
    public var epochs: Int

    /// Options; Trainer's defaults where not given (lr 5e-5, no decay, linear schedule, clip at 1).
    public init(optimizer: AdamW.Options = AdamW.Options(learningRate: 5e-5, weightDecay: 0), decay: LearningRateSchedule.Decay = .linear,
                warmupSteps: Int = 0, microBatchesPerStep: Int = 1, maxGradientNorm: Float? = 1, epochs: Int = 1) {
        self.optimizer = optimizer
        self.decay = decay
        self.warmupSteps = warmupSteps
        self.microBatchesPerStep = microBatchesPerStep
        self.maxGradientNorm = maxGradientNorm
        self.epochs = epochs
    }
}
