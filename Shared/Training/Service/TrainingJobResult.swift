/// What a finished job produced and measured.
public struct TrainingJobResult: Sendable, Equatable {
    /// The directory written (adapter in PEFT layout, or a whole model for full fine-tuning).
    public var outputDirectory: String
    /// The method trained.
    public var method: TrainingMethod
    /// Optimizer steps taken in the run (counting those before a resume).
    public var steps: Int
    /// The training loss of the last step.
    public var finalTrainLoss: Float
    /// The held-out loss before this process trained (step 0, or the resumed step; nil without a held-out split).
    public var initialEvalLoss: Float?
    /// The held-out loss after training.
    public var finalEvalLoss: Float?
    /// Every held-out evaluation: (optimizer step, loss).
    public var evalLosses: [EvaluatedLoss]
    /// Tokens of the examples (padding excluded) trained on in this process.
    public var trainedTokens: Int
    /// trainedTokens over the training time.
    public var tokensPerSecond: Double
    /// Wall-clock seconds spent training in this process (evaluation included).
    public var durationSeconds: Double
    /// Bytes of the written files.
    public var sizeBytes: Int64
    /// The data's figures.
    public var data: TrainingDataSummary

    /// One held-out evaluation.
    public struct EvaluatedLoss: Sendable, Equatable {
        /// Optimizer steps taken when it was measured.
        public var step: Int
        /// Mean loss per scored held-out token.
        public var loss: Float
    }
}
