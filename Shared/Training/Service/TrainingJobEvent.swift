/// What a running job reports as it goes: for a progress bar, a log or `training.step` events.
public enum TrainingJobEvent: Sendable, Equatable {
    /// The data is ready: examples per split, what truncation did, and the optimizer steps the run takes.
    case prepared(TrainingDataSummary)
    /// An optimizer step finished.
    case step(TrainingStepReport)
    /// The held-out loss after `step` optimizer steps (0: before training).
    case evaluated(step: Int, loss: Float)
    /// A checkpoint was written after `step` optimizer steps.
    case checkpointed(step: Int, directory: String)
    /// A checkpoint was restored; training continues after `step`.
    case resumed(step: Int, directory: String)
}

/// The numbers a job's data preparation produced.
public struct TrainingDataSummary: Sendable, Equatable {
    /// Examples trained on.
    public var trainExamples: Int
    /// Examples held out for the evaluation loss.
    public var heldOutExamples: Int
    /// Examples cut to the maximum length (and kept).
    public var truncatedExamples: Int
    /// Records dropped because no completion token survived truncation.
    public var droppedRecords: Int
    /// Optimizer steps the run takes.
    public var totalSteps: Int
    /// Trained parameters (adapter A and B, or every weight).
    public var trainableParameters: Int
}

/// One optimizer step with the run's running figures.
public struct TrainingStepReport: Sendable, Equatable {
    /// What the fine-tuner reported.
    public var step: FineTuningStep
    /// Optimizer steps of the whole run.
    public var totalSteps: Int
    /// Fractional epoch reached.
    public var epoch: Double
    /// Tokens (padding excluded) per second over the step.
    public var tokensPerSecond: Double
    /// Seconds since training started.
    public var elapsedSeconds: Double
}
