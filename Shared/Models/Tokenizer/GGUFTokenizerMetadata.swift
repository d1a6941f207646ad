/// The `tokenizer.ggml.*` metadata of a GGUF file, as plain values.
public struct GGUFTokenizerMetadata: Sendable, Equatable {
    /// `tokenizer.ggml.model`; only "gpt2" (byte-level BPE) is supported.
    public var model: String
    /// `tokenizer.ggml.pre`, which names the pre-tokenizer ("qwen2", "gpt-2", "llama-bpe", "starcoder").
    public var pre: String?
    /// `tokenizer.ggml.tokens`: each id's token in the byte-level alphabet.
    public var tokens: [String]
    /// `tokenizer.ggml.token_type`: each id's `GGUFTokenType` raw value; nil means all normal.
    public var tokenTypes: [Int]?
    /// `tokenizer.ggml.merges`: "left right" pairs, earliest first.
    public var merges: [String]
    /// `tokenizer.ggml.bos_token_id`.
    public var bosTokenID: Int?
    /// `tokenizer.ggml.eos_token_id`.
    public var eosTokenID: Int?
    /// `tokenizer.ggml.padding_token_id`.
    public var paddingTokenID: Int?
    /// `tokenizer.ggml.add_bos_token`: whether prompts start with the BOS token.
    public var addBOSToken: Bool?
    /// What the metadata came from, used in error messages (such as the GGUF file's path).
    public var source: String

    /// Creates the metadata from values already read.
    public init(model: String, pre: String?, tokens: [String], tokenTypes: [Int]?, merges: [String],
                bosTokenID: Int?, eosTokenID: Int?, paddingTokenID: Int?, addBOSToken: Bool? = nil,
                source: String = "GGUF metadata") {
        self.model = model
        self.pre = pre
        self.tokens = tokens
        self.tokenTypes = tokenTypes
        self.merges = merges
        self.bosTokenID = bosTokenID
        self.eosTokenID = eosTokenID
        self.paddingTokenID = paddingTokenID
        self.addBOSToken = addBOSToken
        self.source = source
    }

    /// Reads the `tokenizer.ggml.*` keys from `metadata`; `source` names the file in errors.
    /// - Throws: `TokenizerError` when a required key is absent.
    public init(reading metadata: some GGUFMetadataSource, source: String) throws {
        func required<T>(_ value: T?, _ key: String, _ kind: String) throws -> T {
            guard let value else {
                throw TokenizerError(source: source, field: key, problem: "absent or not \(kind)")
            }
            return value
        }
        self.init(model: try required(metadata.ggufString("tokenizer.ggml.model"), "tokenizer.ggml.model", "a string"),
                  pre: metadata.ggufString("tokenizer.ggml.pre"),
                  tokens: try required(metadata.ggufStringArray("tokenizer.ggml.tokens"), "tokenizer.ggml.tokens", "a string array"),
                  tokenTypes: metadata.ggufIntegerArray("tokenizer.ggml.token_type"),
                  merges: try required(metadata.ggufStringArray("tokenizer.ggml.merges"), "tokenizer.ggml.merges", "a string array"),
                  bosTokenID: metadata.ggufInteger("tokenizer.ggml.bos_token_id"),
                  eosTokenID: metadata.ggufInteger("tokenizer.ggml.eos_token_id"),
                  paddingTokenID: metadata.ggufInteger("tokenizer.ggml.padding_token_id"),
                  addBOSToken: metadata.ggufBool("tokenizer.ggml.add_bos_token"),
                  source: source)
    }
}
