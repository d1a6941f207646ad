/// What a tokenizer training job produced and measured.
public struct TokenizerTrainingReport: Sendable, Equatable {
    /// The tokens in the written vocabulary, special tokens included.
    public let vocabularySize: Int
    /// The merges learnt.
    public let mergeCount: Int
    /// The number of training files.
    public let trainFiles: Int
    /// The bytes of the training files.
    public let trainBytes: Int
    /// Distinct pre-tokenized words in the training files.
    public let distinctWords: Int
    /// The number of validation files.
    public let validationFiles: Int
    /// The bytes of the validation files.
    public let validationBytes: Int
    /// Tokens the written tokenizer gives the validation files.
    public let validationTokens: Int
    /// Whether every validation file decoded back to its exact text.
    public let validationRoundTripExact: Bool
    /// Seconds spent pre-tokenizing and counting words.
    public let countingSeconds: Double
    /// Seconds spent merging.
    public let mergingSeconds: Double
    /// Seconds the whole job took, writing and measuring included.
    public let totalSeconds: Double

    /// Validation bytes per token: how much text one token carries on unseen code.
    public var validationBytesPerToken: Double {
        validationTokens == 0 ? 0 : Double(validationBytes) / Double(validationTokens)
    }
}
