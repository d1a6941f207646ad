/// A trained byte-level BPE: its vocabulary in id order and its merges in rank order, ready to
/// be written as Hugging Face tokenizer files.
public struct TrainedBPE: Sendable, Equatable {
    /// Each id's token: a special token's content, or a byte sequence spelled in GPT-2's
    /// byte-to-character alphabet (`Ġ` for a space).
    public let vocabulary: [String]
    /// The special tokens, which hold the first ids.
    public let specialTokens: [String]
    /// The merges, earliest first, as the ids of their left and right tokens.
    public let merges: [TokenPair]
    /// The pre-tokenizer the words were cut with.
    public let preTokenizer: TrainingPreTokenizer

    /// Two token ids, left then right.
    public struct TokenPair: Sendable, Equatable, Hashable {
        /// The left token's id.
        public let left: Int
        /// The right token's id.
        public let right: Int

        /// The pair `left`, `right`.
        public init(left: Int, right: Int) {
            self.left = left
            self.right = right
        }
    }

    /// The merges as token strings, as merges.txt lists them.
    public var mergeStrings: [(String, String)] {
        merges.map { (vocabulary[$0.left], vocabulary[$0.right]) }
    }
}
