/// Where a pre-training run is, for a progress bar.
public enum PretrainingProgress: Sendable {
    /// The tokenizer is being trained.
    case tokenizer(TokenizerTrainingProgress)
    /// Files of the named split tokenized so far.
    case tokenizing(split: String, files: Int, of: Int)
    /// An optimizer step finished: the step, the run's total, tokens per second and seconds so far.
    case trained(FineTuningStep, totalSteps: Int, tokensPerSecond: Double, elapsedSeconds: Double)
    /// Validation loss after a step.
    case evaluated(step: Int, validationLoss: Float)
    /// A checkpoint (and a usable model) was written after a step.
    case checkpointed(step: Int)
    /// A checkpoint was restored and the run continues after its step.
    case resumed(step: Int)
}
