import Tensor

/// Meta's OPT (facebook/opt-*): learned positions offset by 2, pre- or post-LayerNorm blocks
/// (do_layer_norm_before), ReLU feed-forward, optional project_in/project_out when the word embedding
/// is narrower than the hidden size, output head tied to the token embedding.
public final class OPT: LanguageModel, @unchecked Sendable {
    /// OPT's learned position table starts two rows in (a fairseq padding legacy).
    public static let positionOffset = 2

    /// config.json of a Hugging Face OPT checkpoint.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Rows of the token embedding.
        public var vocabSize: Int
        /// Width of the residual stream.
        public var hiddenSize: Int
        /// Decoder layers.
        public var numHiddenLayers: Int
        /// Width of the feed-forward hidden layer.
        public var ffnDim: Int
        /// Attention heads.
        public var numAttentionHeads: Int
        /// The context length (the position table has two more rows).
        public var maxPositionEmbeddings: Int
        /// Absent means true (every OPT except 350m normalises before each sublayer).
        public var doLayerNormBefore: Bool?
        /// Absent means hiddenSize; smaller in opt-350m, which then has project_in/out.
        public var wordEmbedProjDim: Int?
        /// The feed-forward nonlinearity; absent means relu.
        public var activationFunction: ActivationFunction?
        /// Absent means true; the loader rejects false (linear layers without biases).
        public var enableBias: Bool?
        /// Absent means false; true drops the final norm of the pre-LN layout.
        public var removeFinalLayerNorm: Bool?

        enum CodingKeys: String, CodingKey {
            case vocabSize = "vocab_size", hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers"
            case ffnDim = "ffn_dim", numAttentionHeads = "num_attention_heads"
            case maxPositionEmbeddings = "max_position_embeddings", doLayerNormBefore = "do_layer_norm_before"
            case wordEmbedProjDim = "word_embed_proj_dim", activationFunction = "activation_function"
            case enableBias = "enable_bias", removeFinalLayerNorm = "_remove_final_layer_norm"
        }

        /// The sizes derived from this configuration.
        public var shape: ModelShape {
            ModelShape(architecture: "opt", vocabularySize: vocabSize, contextLength: maxPositionEmbeddings,
                       hiddenSize: hiddenSize, layerCount: numHiddenLayers, heads: numAttentionHeads,
                       kvHeads: numAttentionHeads, headDim: hiddenSize / max(numAttentionHeads, 1), ffnWidth: ffnDim,
                       embeddingWidth: wordEmbedProjDim ?? hiddenSize, gatedFFN: false)
        }

        /// True when each sublayer normalises its input (pre-LN) rather than its output.
        public var preLayerNorm: Bool { doLayerNormBefore ?? true }
        /// True when the decoder ends with final_layer_norm (Hugging Face creates it only for pre-LN).
        public var hasFinalLayerNorm: Bool { preLayerNorm && !(removeFinalLayerNorm ?? false) }
    }

    /// The weights of one decoder layer; matrices are [out, in].
    public struct LayerParameters: @unchecked Sendable {
        /// self_attn_layer_norm, [hidden] each.
        public var attentionNorm: FloatBuffer, attentionNormBias: FloatBuffer
        /// q_proj, k_proj, v_proj, [hidden, hidden] each, with biases.
        public var query: WeightMatrix, key: WeightMatrix, value: WeightMatrix
        /// The projections' biases, [hidden] each.
        public var queryBias: FloatBuffer, keyBias: FloatBuffer, valueBias: FloatBuffer
        /// out_proj, [hidden, hidden].
        public var attentionOutput: WeightMatrix, attentionOutputBias: FloatBuffer
        /// final_layer_norm of the layer (before or after the feed-forward), [hidden] each.
        public var ffnNorm: FloatBuffer, ffnNormBias: FloatBuffer
        /// fc1, [ffn, hidden]; fc2, [hidden, ffn].
        public var up: WeightMatrix, upBias: FloatBuffer, down: WeightMatrix, downBias: FloatBuffer

        /// Groups one layer's weights.
        public init(attentionNorm: FloatBuffer, attentionNormBias: FloatBuffer, query: WeightMatrix, key: WeightMatrix,
                    value: WeightMatrix, queryBias: FloatBuffer, keyBias: FloatBuffer, valueBias: FloatBuffer,
                    attentionOutput: WeightMatrix, attentionOutputBias: FloatBuffer, ffnNorm: FloatBuffer,
                    ffnNormBias: FloatBuffer, up: WeightMatrix, upBias: FloatBuffer, down: WeightMatrix,
                    downBias: FloatBuffer) {
            self.attentionNorm = attentionNorm
            self.attentionNormBias = attentionNormBias
            self.query = query
            self.key = key
            self.value = value
            self.queryBias = queryBias
            self.keyBias = keyBias
            self.valueBias = valueBias
            self.attentionOutput = attentionOutput
            self.attentionOutputBias = attentionOutputBias
            self.ffnNorm = ffnNorm
            self.ffnNormBias = ffnNormBias
            self.up = up
            self.upBias = upBias
            self.down = down
            self.downBias = downBias
        }
    }

    /// Every weight of the model (llm.c's ParameterTensors).
    public struct Parameters: @unchecked Sendable {
        /// embed_tokens, [vocab, embeddingWidth]; also the output head.
        public var tokenEmbedding: WeightMatrix
        /// embed_positions, [maxPositions + 2, hidden].
        public var positionEmbedding: WeightMatrix
        /// project_in [hidden, embeddingWidth] and project_out [embeddingWidth, hidden], when the widths differ.
        public var projectIn: WeightMatrix?, projectOut: WeightMatrix?
        /// The decoder layers in order.
        public var layers: [LayerParameters]
        /// The decoder's final_layer_norm, present in the pre-LN layout.
        public var finalNorm: FloatBuffer?, finalNormBias: FloatBuffer?
        /// lm_head, [vocab, embeddingWidth]; the token embedding itself when tied.
        public var output: WeightMatrix
        /// True when `output` is the token embedding.
        public var tiedOutput: Bool

        /// Groups the model's weights; a nil `output` ties the head to the token embedding.
        public init(tokenEmbedding: WeightMatrix, positionEmbedding: WeightMatrix, projectIn: WeightMatrix?,
                    projectOut: WeightMatrix?, layers: [LayerParameters], finalNorm: FloatBuffer?,
                    finalNormBias: FloatBuffer?, output: WeightMatrix?) {
            self.tokenEmbedding = tokenEmbedding
            self.positionEmbedding = positionEmbedding
            self.projectIn = projectIn
            self.projectOut = projectOut
            self.layers = layers
            self.finalNorm = finalNorm
            self.finalNormBias = finalNormBias
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
    private let activation: ActivationFunction
    /// torch.nn.LayerNorm's default; OPT's config has no field for it.
    private let eps: Float = 1e-5

    /// A model from its configuration and weights (the loader checks their shapes agree).
    public init(configuration: Configuration, parameters: Parameters) {
        self.configuration = configuration
        self.parameters = parameters
        self.shape = configuration.shape
        self.activation = configuration.activationFunction ?? .relu
    }

    /// Runs a batch of new tokens through every layer (see `LanguageModel.forward`).
    public func forward(_ tokens: UnsafeBufferPointer<Int32>, cache: KVCache, activations a: Activations,
                        logits: UnsafeMutablePointer<Float>, allPositions: Bool) {
        let n = tokens.count, d = shape.hiddenSize
        let x = a.residual.pointer  // [n, hidden]
        if let projectIn = parameters.projectIn {
            Embedding.forward(tokens, table: parameters.tokenEmbedding, into: a.embedded.pointer)  // [n, e]
            Linear.forward(a.embedded.pointer, batch: n, weight: projectIn, bias: nil, into: x)
        } else {
            Embedding.forward(tokens, table: parameters.tokenEmbedding, into: x)
        }
        Embedding.addPositions(firstRow: cache.count + Self.positionOffset, batch: n,
                               table: parameters.positionEmbedding, scratch: a.row.pointer, into: x)
        for l in 0..<parameters.layers.count {
            attentionBlock(layer: l, batch: n, cache: cache, activations: a)
            feedForwardBlock(layer: l, batch: n, activations: a)
        }
        let first = allPositions ? 0 : n - 1, rows = n - first
        var last = UnsafeMutablePointer(x + first * d)  // [rows, hidden]
        if let norm = parameters.finalNorm {
            LayerNorm.forward(last, batch: rows, width: d, weight: norm, bias: parameters.finalNormBias, eps: eps,
                              into: a.normed.pointer)
            last = a.normed.pointer
        }
        if let projectOut = parameters.projectOut {
            Linear.forward(last, batch: rows, weight: projectOut, bias: nil, into: a.embedded.pointer)  // [rows, e]
            last = a.embedded.pointer
        }
        Linear.forward(last, batch: rows, weight: parameters.output, bias: nil, into: logits)
    }

    /// residual [n, hidden] += out_proj(attention(q, k, v)), normalised before (pre-LN) or after (post-LN).
    func attentionBlock(layer l: Int, batch n: Int, cache: KVCache, activations a: Activations) {
        let p = parameters.layers[l]
        let d = shape.hiddenSize, kvw = shape.kvWidth
        let start = cache.count
        let keys = cache.keys(layer: l), values = cache.values(layer: l)
        let pre = configuration.preLayerNorm
        var input = a.residual.pointer
        if pre {
            LayerNorm.forward(a.residual.pointer, batch: n, width: d, weight: p.attentionNorm,
                              bias: p.attentionNormBias, eps: eps, into: a.normed.pointer)
            input = a.normed.pointer
        }
        Linear.forward(input, batch: n, weight: p.query, bias: p.queryBias, into: a.query.pointer)
        Linear.forward(input, batch: n, weight: p.key, bias: p.keyBias, into: keys + start * kvw)
        Linear.forward(input, batch: n, weight: p.value, bias: p.valueBias, into: values + start * kvw)
        // Hugging Face scales q (bias included) by head_dim^-0.5; scaling the scores is the same product.
        CausalSelfAttention.forward(query: a.query.pointer, keys: keys, values: values, startPosition: start, batch: n,
                                    heads: shape.heads, kvHeads: shape.kvHeads, headDim: shape.headDim,
                                    scale: 1 / Float(shape.headDim).squareRoot(), scores: a.scores.pointer,
                                    into: a.attention.pointer)
        Linear.forward(a.attention.pointer, batch: n, weight: p.attentionOutput, bias: p.attentionOutputBias,
                       into: a.sublayer.pointer)
        Kernels.addInPlace(a.residual.pointer, a.sublayer.pointer, count: n * d)
        if !pre {
            LayerNorm.forward(a.residual.pointer, batch: n, width: d, weight: p.attentionNorm,
                              bias: p.attentionNormBias, eps: eps, into: a.residual.pointer)
        }
    }

    /// residual [n, hidden] += fc2(relu(fc1(h))), h normalised before (pre-LN), or the sum normalised after.
    func feedForwardBlock(layer l: Int, batch n: Int, activations a: Activations) {
        let p = parameters.layers[l]
        let d = shape.hiddenSize, f = shape.ffnWidth
        let pre = configuration.preLayerNorm
        var input = a.residual.pointer
        if pre {
            LayerNorm.forward(a.residual.pointer, batch: n, width: d, weight: p.ffnNorm, bias: p.ffnNormBias,
                              eps: eps, into: a.normed.pointer)
            input = a.normed.pointer
        }
        Linear.forward(input, batch: n, weight: p.up, bias: p.upBias, into: a.ffnHidden.pointer)
        activation.forward(a.ffnHidden.pointer, count: n * f)
        Linear.forward(a.ffnHidden.pointer, batch: n, weight: p.down, bias: p.downBias, into: a.sublayer.pointer)
        Kernels.addInPlace(a.residual.pointer, a.sublayer.pointer, count: n * d)
        if !pre {
            LayerNorm.forward(a.residual.pointer, batch: n, width: d, weight: p.ffnNorm, bias: p.ffnNormBias,
                              eps: eps, into: a.residual.pointer)
        }
    }
}
