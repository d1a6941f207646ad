/// The figures of a pre-training run, written into the model card and `training_report.json`.
public struct PretrainingReport: Sendable, Equatable, Codable {
    /// One evaluation point of the loss curve.
    public struct CurvePoint: Sendable, Equatable, Codable {
        /// Optimizer steps taken.
        public var step: Int
        /// Mean training loss over the steps since the previous point.
        public var trainLoss: Float
        /// Validation loss at this step.
        public var validationLoss: Float
    }
    /// Trained parameters (the tied head counted once).
    public var parameters: Int
    /// Tokenizer vocabulary size.
    public var vocabularySize: Int
    /// Corpus files trained on and held out.
    public var trainFiles: Int, validationFiles: Int
    /// Bytes of source trained on and held out.
    public var trainBytes: Int, validationBytes: Int
    /// Tokens in the packed training and validation sequences.
    public var trainTokens: Int, validationTokens: Int
    /// Optimizer steps taken and tokens run through the model in training.
    public var steps: Int, tokensSeen: Int
    /// Mean training loss of the last steps (up to 50), and the validation loss at the end.
    public var finalTrainLoss: Float, finalValidationLoss: Float
    /// Validation loss of the untrained model (about ln(vocabulary)).
    public var initialValidationLoss: Float
    /// Validation sequences the losses were measured on.
    public var validationSequencesMeasured: Int
    /// Seconds spent on the tokenizer, on tokenizing the corpus, and on training (evaluation included).
    public var tokenizerSeconds: Double, tokenizingSeconds: Double, trainingSeconds: Double
    /// Training tokens per second.
    public var tokensPerSecond: Double
    /// Threads used.
    public var threads: Int
    /// The loss curve at each evaluation.
    public var curve: [CurvePoint]
}
