/// One step of a pre-tokenizer sequence, each splitting every piece the previous step made.
enum PreTokenizerStep: Sendable, Equatable {
    /// A Split pre-tokenizer with a known regex.
    case split(SplitPattern, SplitBehavior, invert: Bool)
    /// Hugging Face's ByteLevel pre-tokenizer: an optional leading space, then GPT-2's split.
    case byteLevel(addPrefixSpace: Bool, useRegex: Bool)
    /// The Digits pre-tokenizer: numbers apart from the rest, one piece per digit if `individual`.
    case digits(individual: Bool)
}
