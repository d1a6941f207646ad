/// The sizes that describe a decoder-only transformer, shared by every family: what the
/// activations, the KV cache and the sampler are allocated from.
public struct ModelShape: Sendable, Equatable {
    /// The family name as config.json's model_type / GGUF's general.architecture spell it ("gpt2", "qwen2").
    public var architecture: String
    /// Tokens in the vocabulary (rows of the output head).
    public var vocabularySize: Int
    /// The longest sequence the model was trained for.
    public var contextLength: Int
    /// Width of the residual stream.
    public var hiddenSize: Int
    /// Decoder layers.
    public var layerCount: Int
    /// Query heads.
    public var heads: Int
    /// Key/value heads (fewer than `heads` under grouped-query attention).
    public var kvHeads: Int
    /// Elements per head.
    public var headDim: Int
    /// Width of the feed-forward hidden layer.
    public var ffnWidth: Int
    /// Width of the token embedding when it differs from the hidden size (OPT's word_embed_proj_dim).
    public var embeddingWidth: Int
    /// True when the feed-forward layer has a gate and an up projection (SwiGLU).
    public var gatedFFN: Bool

    /// Floats per position per layer in the KV cache.
    public var kvWidth: Int { kvHeads * headDim }
    /// Width of the concatenated query heads.
    public var queryWidth: Int { heads * headDim }

    /// Creates a shape; the family initialisers check that the sizes agree with each other.
    public init(architecture: String, vocabularySize: Int, contextLength: Int, hiddenSize: Int, layerCount: Int,
                heads: Int, kvHeads: Int, headDim: Int, ffnWidth: Int, embeddingWidth: Int, gatedFFN: Bool) {
        self.architecture = architecture
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.heads = heads
        self.kvHeads = kvHeads
        self.headDim = headDim
        self.ffnWidth = ffnWidth
        self.embeddingWidth = embeddingWidth
        self.gatedFFN = gatedFFN
    }
}
