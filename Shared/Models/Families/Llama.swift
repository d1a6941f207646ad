import Tensor

/// The LLaMA-style decoder (LLaMA, Qwen2, Mistral): RMSNorm, rotary positions, SwiGLU feed-forward,
/// grouped-query attention with optional q/k/v biases (Qwen2), optionally tied output head.
public final class Llama: LanguageModel, @unchecked Sendable {
    /// config.json of a Hugging Face LLaMA / Qwen2 / Mistral checkpoint (the fields the forward pass needs).
    ///
    /// Mistral's sliding_window is not applied: within the session's context (4096 by default) full
    /// causal attention and a 4096-token window give the same result.
    public struct Configuration: Codable, Sendable, Equatable {
        /// config.json's model_type: "llama", "qwen2" or "mistral".
        public var modelType: String
        /// Rows of the embedding and the output head.
        public var vocabSize: Int
        /// Width of the residual stream.
        public var hiddenSize: Int
        /// Width of the SwiGLU hidden layer.
        public var intermediateSize: Int
        /// Decoder layers.
        public var numHiddenLayers: Int
        /// Query heads.
        public var numAttentionHeads: Int
        /// Fewer than numAttentionHeads under grouped-query attention; absent means equal.
        public var numKeyValueHeads: Int?
        /// Absent means hiddenSize / numAttentionHeads.
        public var headDim: Int?
        /// The longest sequence the model was trained for.
        public var maxPositionEmbeddings: Int
        /// RMSNorm's epsilon.
        public var rmsNormEps: Float
        /// Absent means 10000, LLaMA's original base.
        public var ropeTheta: Float?
        /// True when the output head is the token embedding (Qwen2's small models).
        public var tieWordEmbeddings: Bool?
        /// Position-interpolation settings; any non-null value is rejected by the loader.
        public var ropeScaling: RopeScaling?

        /// The only part of rope_scaling the loader reads: which scheme it asks for.
        public struct RopeScaling: Codable, Sendable, Equatable {
            /// The older spelling of the scheme's name.
            public var type: String?
            /// The scheme's name ("linear", "dynamic", "yarn", "llama3").
            public var ropeType: String?
            enum CodingKeys: String, CodingKey { case type, ropeType = "rope_type" }
        }

        enum CodingKeys: String, CodingKey {
            case modelType = "model_type", vocabSize = "vocab_size", hiddenSize = "hidden_size"
            case intermediateSize = "intermediate_size", numHiddenLayers = "num_hidden_layers"
            case numAttentionHeads = "num_attention_heads", numKeyValueHeads = "num_key_value_heads"
            case headDim = "head_dim", maxPositionEmbeddings = "max_position_embeddings"
            case rmsNormEps = "rms_norm_eps", ropeTheta = "rope_theta"
            case tieWordEmbeddings = "tie_word_embeddings", ropeScaling = "rope_scaling"
        }

        /// Creates a configuration from its fields (GGUF metadata, tests).
        public init(modelType: String, vocabSize: Int, hiddenSize: Int, intermediateSize: Int, numHiddenLayers: Int,
                    numAttentionHeads: Int, numKeyValueHeads: Int?, headDim: Int? = nil, maxPositionEmbeddings: Int,
                    rmsNormEps: Float, ropeTheta: Float?, tieWordEmbeddings: Bool?) {
            self.modelType = modelType
            self.vocabSize = vocabSize
            self.hiddenSize = hiddenSize
            self.intermediateSize = intermediateSize
            self.numHiddenLayers = numHiddenLayers
            self.numAttentionHeads = numAttentionHeads
            self.numKeyValueHeads = numKeyValueHeads
            self.headDim = headDim
            self.maxPositionEmbeddings = maxPositionEmbeddings
            self.rmsNormEps = rmsNormEps
            self.ropeTheta = ropeTheta
            self.tieWordEmbeddings = tieWordEmbeddings
        }

        /// The sizes derived from this configuration.
        public var shape: ModelShape {
            let heads = numAttentionHeads
            return ModelShape(architecture: modelType, vocabularySize: vocabSize, contextLength: maxPositionEmbeddings,
                              hiddenSize: hiddenSize, layerCount: numHiddenLayers, heads: heads,
                              kvHeads: numKeyValueHeads ?? heads, headDim: headDim ?? hiddenSize / max(heads, 1),
                              ffnWidth: intermediateSize, embeddingWidth: hiddenSize, gatedFFN: true)
        }
    }

    /// The weights of one decoder layer; matrices are [out, in].
    public struct LayerParameters: @unchecked Sendable {
        /// input_layernorm / attn_norm, [hidden].
        public var attentionNorm: FloatBuffer
        /// [heads·headDim, hidden], [kvHeads·headDim, hidden], [kvHeads·headDim, hidden].
        public var query: WeightMatrix, key: WeightMatrix, value: WeightMatrix
        /// Qwen2's (and attention_bias LLaMA's) projection biases.
        public var queryBias: FloatBuffer?, keyBias: FloatBuffer?, valueBias: FloatBuffer?
        /// o_proj / attn_output, [hidden, heads·headDim], and its bias when attention_bias is set.
        public var attentionOutput: WeightMatrix
        /// o_proj's bias, present only when attention_bias is set.
        public var attentionOutputBias: FloatBuffer?
        /// post_attention_layernorm / ffn_norm, [hidden].
        public var ffnNorm: FloatBuffer
        /// [ffn, hidden], [ffn, hidden], [hidden, ffn].
        public var gate: WeightMatrix, up: WeightMatrix, down: WeightMatrix

        /// Groups one layer's weights.
        public init(attentionNorm: FloatBuffer, query: WeightMatrix, key: WeightMatrix, value: WeightMatrix,
                    queryBias: FloatBuffer?, keyBias: FloatBuffer?, valueBias: FloatBuffer?,
                    attentionOutput: WeightMatrix, attentionOutputBias: FloatBuffer?, ffnNorm: FloatBuffer,
                    gate: WeightMatrix, up: WeightMatrix, down: WeightMatrix) {
            self.attentionNorm = attentionNorm
            self.query = query
            self.key = key
            self.value = value
            self.queryBias = queryBias
            self.keyBias = keyBias
            self.valueBias = valueBias
            self.attentionOutput = attentionOutput
            self.attentionOutputBias = attentionOutputBias
            self.ffnNorm = ffnNorm
            self.gate = gate
            self.up = up
            self.down = down
        }
    }

    /// Every weight of the model (llm.c's ParameterTensors).
    public struct Parameters: @unchecked Sendable {
        /// embed_tokens / token_embd, [vocab, hidden].
        public var tokenEmbedding: WeightMatrix
        /// The decoder layers in order.
        public var layers: [LayerParameters]
        /// model.norm / output_norm, [hidden].
        public var finalNorm: FloatBuffer
        /// lm_head / output, [vocab, hidden]; the token embedding itself when tied.
        public var output: WeightMatrix
        /// True when `output` is the token embedding.
        public var tiedOutput: Bool

        /// Groups the model's weights.
        public init(tokenEmbedding: WeightMatrix, layers: [LayerParameters], finalNorm: FloatBuffer,
                    output: WeightMatrix?) {
            self.tokenEmbedding = tokenEmbedding
            self.layers = layers
            self.finalNorm = finalNorm
            self.output = output ?? tokenEmbedding
            self.tiedOutput = output == nil
        }
    }

    /// The configuration the model was built from.
    public let configuration: Configuration
    /// Every weight of the model.
    public let parameters: Parameters
    /// Sizes derived from the configuration.
    public let shape: ModelShape
    /// .halves for Hugging Face checkpoints and GGUF qwen2; .interleaved for GGUF llama, whose q/k rows llama.cpp permuted.
    public let ropeStyle: RoPEStyle
    private let theta: Float

    /// A model from its configuration and weights (the loader checks their shapes agree).
    public init(configuration: Configuration, parameters: Parameters, ropeStyle: RoPEStyle) {
        self.configuration = configuration
        self.parameters = parameters
        self.shape = configuration.shape
        self.ropeStyle = ropeStyle
        self.theta = configuration.ropeTheta ?? 10000
    }

    /// Runs a batch of new tokens through every layer (see `LanguageModel.forward`).
    public func forward(_ tokens: UnsafeBufferPointer<Int32>, cache: KVCache, activations a: Activations,
                        logits: UnsafeMutablePointer<Float>, allPositions: Bool) {
        let n = tokens.count, d = shape.hiddenSize
        let x = a.residual.pointer  // [n, hidden]
        Embedding.forward(tokens, table: parameters.tokenEmbedding, into: x)
        for l in 0..<parameters.layers.count {
            attentionBlock(layer: l, batch: n, cache: cache, activations: a)
            feedForwardBlock(layer: l, batch: n, activations: a)
        }
        let first = allPositions ? 0 : n - 1, rows = n - first
        RMSNorm.forward(x + first * d, batch: rows, width: d, weight: parameters.finalNorm,
                        eps: configuration.rmsNormEps, into: a.normed.pointer)
        Linear.forward(a.normed.pointer, batch: rows, weight: parameters.output, bias: nil, into: logits)
    }

    /// residual [n, hidden] += o_proj(attention(rope(q), rope(k), v)) of the normalised residual.
    func attentionBlock(layer l: Int, batch n: Int, cache: KVCache, activations a: Activations) {
        let p = parameters.layers[l]
        let d = shape.hiddenSize, kvw = shape.kvWidth
        let start = cache.count
        let keys = cache.keys(layer: l), values = cache.values(layer: l)
        RMSNorm.forward(a.residual.pointer, batch: n, width: d, weight: p.attentionNorm,
                        eps: configuration.rmsNormEps, into: a.normed.pointer)
        // k and v go straight into the cache rows of positions start..<start+n.
        Linear.forward(a.normed.pointer, batch: n, weights: [p.query, p.key, p.value],
                       biases: [p.queryBias, p.keyBias, p.valueBias],
                       into: [a.query.pointer, keys + start * kvw, values + start * kvw])
        RotaryEmbedding.forward(a.query.pointer, batch: n, heads: shape.heads, headDim: shape.headDim,
                                startPosition: start, theta: theta, style: ropeStyle)
        RotaryEmbedding.forward(keys + start * kvw, batch: n, heads: shape.kvHeads, headDim: shape.headDim,
                                startPosition: start, theta: theta, style: ropeStyle)
        CausalSelfAttention.forward(query: a.query.pointer, keys: keys, values: values, startPosition: start, batch: n,
                                    heads: shape.heads, kvHeads: shape.kvHeads, headDim: shape.headDim,
                                    scale: 1 / Float(shape.headDim).squareRoot(), scores: a.scores.pointer,
                                    scoresCapacity: a.scores.count, into: a.attention.pointer)
        Linear.forward(a.attention.pointer, batch: n, weight: p.attentionOutput, bias: p.attentionOutputBias,
                       into: a.sublayer.pointer)
        Kernels.addInPlace(a.residual.pointer, a.sublayer.pointer, count: n * d)
    }

    /// residual [n, hidden] += down(silu(gate(h)) · up(h)) with h the normalised residual.
    func feedForwardBlock(layer l: Int, batch n: Int, activations a: Activations) {
        let p = parameters.layers[l]
        let d = shape.hiddenSize, f = shape.ffnWidth
        RMSNorm.forward(a.residual.pointer, batch: n, width: d, weight: p.ffnNorm,
                        eps: configuration.rmsNormEps, into: a.normed.pointer)
        Linear.forward(a.normed.pointer, batch: n, weights: [p.gate, p.up], biases: [nil, nil],
                       into: [a.ffnHidden.pointer, a.ffnUp.pointer])
        Kernels.swiglu(gate: a.ffnHidden.pointer, up: a.ffnUp.pointer, count: n * f, into: a.ffnHidden.pointer)
        Linear.forward(a.ffnHidden.pointer, batch: n, weight: p.down, bias: nil, into: a.sublayer.pointer)
        Kernels.addInPlace(a.residual.pointer, a.sublayer.pointer, count: n * d)
    }
}
