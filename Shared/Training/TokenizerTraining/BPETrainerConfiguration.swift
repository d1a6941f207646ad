/// What a byte-level BPE training run aims for: the settings of `tokenizers`' BpeTrainer that
/// this trainer supports.
public struct BPETrainerConfiguration: Sendable, Equatable, Codable {
    /// The tokens a code model of this project reserves: end of text (also BOS and unknown, as
    /// in GPT-2), padding, and the three fill-in-the-middle markers.
    public static let defaultSpecialTokens = ["<|endoftext|>", "<|pad|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>"]

    /// The vocabulary size to reach: special tokens, plus the 256 byte tokens, plus merges.
    public var vocabularySize: Int
    /// Training stops when the most frequent pair occurs fewer times than this.
    public var minimumFrequency: Int
    /// Tokens given the first ids, in order, before the byte alphabet.
    public var specialTokens: [String]

    /// A configuration; `vocabularySize` counts the special and byte tokens.
    public init(vocabularySize: Int = 8192, minimumFrequency: Int = 2,
                specialTokens: [String] = BPETrainerConfiguration.defaultSpecialTokens) {
        self.vocabularySize = vocabularySize
        self.minimumFrequency = minimumFrequency
        self.specialTokens = specialTokens
    }

    /// The special tokens without repeats, in first-seen order (a repeat gets no second id).
    var distinctSpecialTokens: [String] {
        var seen = Set<String>()
        return specialTokens.filter { seen.insert($0).inserted }
    }

    /// Checks the settings can be trained.
    /// - Throws: `TokenizerTrainingError` naming the setting that is out of range.
    func validate() throws {
        let floor = distinctSpecialTokens.count + 256
        guard vocabularySize >= floor else {
            throw TokenizerTrainingError(subject: "vocabulary size", problem: "\(vocabularySize) is below the \(distinctSpecialTokens.count) special tokens plus 256 byte tokens (\(floor))")
        }
        guard vocabularySize <= Int(Int32.max) else {
            throw TokenizerTrainingError(subject: "vocabulary size", problem: "\(vocabularySize) is too large")
        }
        guard minimumFrequency >= 0 else {
            throw TokenizerTrainingError(subject: "minimum frequency", problem: "\(minimumFrequency) is negative")
        }
        if let empty = specialTokens.firstIndex(of: "") {
            throw TokenizerTrainingError(subject: "special token \(empty)", problem: "is empty")
        }
    }
}
