/// The roles and limits written into tokenizer_config.json and special_tokens_map.json, which
/// tell `transformers` (and the project's loader) which special token does what.
public struct TokenizerFileSettings: Sendable, Equatable, Codable {
    /// The end-of-text token, also used as BOS and unknown token, as GPT-2 does.
    public var endOfTextToken: String
    /// The padding token, if any.
    public var paddingToken: String?
    /// The longest input the model takes, in tokens (`model_max_length`).
    public var modelMaxLength: Int

    /// Settings for a GPT-2-style checkpoint.
    public init(endOfTextToken: String = "<|endoftext|>", paddingToken: String? = "<|pad|>", modelMaxLength: Int = 1024) {
        self.endOfTextToken = endOfTextToken
        self.paddingToken = paddingToken
        self.modelMaxLength = modelMaxLength
    }
}
