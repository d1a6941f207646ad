/// A token matched in the raw text before pre-tokenization (tokenizer.json's `added_tokens`,
/// or a GGUF control or user-defined token).
public struct AddedToken: Sendable, Equatable {
    /// The token's id.
    public let id: Int
    /// The exact text that stands for the token.
    public let content: String
    /// Whether it is a special (control) token, which decoding may skip and which plain-text
    /// encoding does not match.
    public let special: Bool
    /// Whether whitespace just before the token is swallowed with it.
    public let lstrip: Bool
    /// Whether whitespace just after the token is swallowed with it.
    public let rstrip: Bool
    /// Whether the token is matched in normalized text rather than in the raw text.
    public let normalized: Bool
    /// Whether the token only matches when not inside a word.
    public let singleWord: Bool

    /// Creates an added token; the flags default to how special tokens are usually declared.
    public init(id: Int, content: String, special: Bool, lstrip: Bool = false, rstrip: Bool = false,
                normalized: Bool = false, singleWord: Bool = false) {
        self.id = id
        self.content = content
        self.special = special
        self.lstrip = lstrip
        self.rstrip = rstrip
        self.normalized = normalized
        self.singleWord = singleWord
    }
}
