/// The kinds of token in a GGUF file's `tokenizer.ggml.token_type` array (llama.cpp's values).
public enum GGUFTokenType: Int32, Sendable {
    /// An ordinary vocabulary token.
    case normal = 1
    /// The unknown token.
    case unknown = 2
    /// A control token such as `<|im_end|>`: a special added token.
    case control = 3
    /// A token the model's authors added, matched in text but not special.
    case userDefined = 4
    /// A placeholder that pads the vocabulary to the embedding size.
    case unused = 5
    /// A byte token of SentencePiece-style vocabularies.
    case byte = 6
}
