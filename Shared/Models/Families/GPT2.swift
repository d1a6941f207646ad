import Tensor

/// GPT-2: learned positions, pre-LayerNorm blocks, fused-then-split q/k/v with biases, GELU (tanh) MLP,
/// output head tied to the token embedding.
public final class GPT2: LanguageModel, @unchecked Sendable {
    /// config.json of a Hugging Face GPT-2 checkpoint.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Rows of the token embedding.
        public var vocabSize: Int
        /// Rows of the learned position table (the context length).
        public var nPositions: Int
        /// Width of the residual stream.
        public var nEmbd: Int
        /// Transformer blocks.
        public var nLayer: Int
        /// Attention heads.
        public var nHead: Int
        /// Absent or null means 4 × n_embd.
        public var nInner: Int?
        /// LayerNorm's epsilon; absent means 1e-5.
        public var layerNormEpsilon: Float?
        /// The MLP's nonlinearity; absent means gelu_new.
        public var activationFunction: ActivationFunction?

        enum CodingKeys: String, CodingKey {
            case vocabSize = "vocab_size", nPositions = "n_positions", nEmbd = "n_embd", nLayer = "n_layer"
            case nHead = "n_head", nInner = "n_inner", layerNormEpsilon = "layer_norm_epsilon"
            case activationFunction = "activation_function"
        }

        /// Creates a configuration from its fields (GGUF metadata, tests).
        public init(vocabSize: Int, nPositions: Int, nEmbd: Int, nLayer: Int, nHead: Int, nInner: Int? = nil,
                    layerNormEpsilon: Float? = nil, activationFunction: ActivationFunction? = nil) {
            self.vocabSize = vocabSize
            self.nPositions = nPositions
            self.nEmbd = nEmbd
            self.nLayer = nLayer
            self.nHead = nHead
            self.nInner = nInner
            self.layerNormEpsilon = layerNormEpsilon
            self.activationFunction = activationFunction
        }

        /// The sizes derived from this configuration.
        public var shape: ModelShape {
            ModelShape(architecture: "gpt2", vocabularySize: vocabSize, contextLength: nPositions, hiddenSize: nEmbd,
                       layerCount: nLayer, heads: nHead, kvHeads: nHead, headDim: nEmbd / max(nHead, 1),
                       ffnWidth: nInner ?? 4 * nEmbd, embeddingWidth: nEmbd, gatedFFN: false)
        }
    }

    /// The weights of one block; matrices are [out, in] (Hugging Face's Conv1D [in, out] is transposed on load).
    public struct LayerParameters: @unchecked Sendable {
        /// ln_1 / attn_norm, [hidden] each.
        public var attentionNorm: FloatBuffer, attentionNormBias: FloatBuffer
        /// Rows of c_attn / attn_qkv split in three, [hidden, hidden] each, with their biases.
        public var query: WeightMatrix, key: WeightMatrix, value: WeightMatrix
        /// The three thirds of c_attn's bias, [hidden] each.
        public var queryBias: FloatBuffer, keyBias: FloatBuffer, valueBias: FloatBuffer
        /// attn.c_proj / attn_output, [hidden, hidden].
        public var attentionOutput: WeightMatrix, attentionOutputBias: FloatBuffer
        /// ln_2 / ffn_norm, [hidden] each.
        public var ffnNorm: FloatBuffer, ffnNormBias: FloatBuffer
        /// mlp.c_fc / ffn_up, [ffn, hidden]; mlp.c_proj / ffn_down, [hidden, ffn].
        public var up: WeightMatrix, upBias: FloatBuffer, down: WeightMatrix, downBias: FloatBuffer

        /// Groups one block's weights.
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
        /// wte / token_embd, [vocab, hidden].
        public var tokenEmbedding: WeightMatrix
        /// wpe / position_embd, [positions, hidden].
        public var positionEmbedding: WeightMatrix
        /// The blocks in order.
        public var layers: [LayerParameters]
        /// ln_f / output_norm, [hidden] each.
        public var finalNorm: FloatBuffer, finalNormBias: FloatBuffer
        /// lm_head / output, [vocab, hidden]; the token embedding itself when tied.
        public var output: WeightMatrix
        /// True when `output` is the token embedding.
        public var tiedOutput: Bool

        /// Groups the model's weights; a nil `output` ties the head to the token embedding.
        public init(tokenEmbedding: WeightMatrix, positionEmbedding: WeightMatrix, layers: [LayerParameters],
                    finalNorm: FloatBuffer, finalNormBias: FloatBuffer, output: WeightMatrix?) {
            self.tokenEmbedding = tokenEmbedding
            self.positionEmbedding = positionEmbedding
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
    private let eps: Float
    private let activation: ActivationFunction

    /// A model from its configuration and weights (the loader checks their shapes agree).
    public init(configuration: Configuration, parameters: Parameters) {
        self.configuration = configuration
        self.parameters = parameters
        self.shape = configuration.shape
        self.eps = configuration.layerNormEpsilon ?? 1e-5
        self.activation = configuration.activationFunction ?? .geluNew
    }

    /// Runs a batch of new tokens through every block (see `LanguageModel.forward`).
    public func forward(_ tokens: UnsafeBufferPointer<Int32>, cache: KVCache, activations a: Activations,
                        logits: UnsafeMutablePointer<Float>, allPositions: Bool) {
        let n = tokens.count, d = shape.hiddenSize
        let x = a.residual.pointer  // [n, hidden]
        Embedding.forward(tokens, table: parameters.tokenEmbedding, into: x)
        Embedding.addPositions(firstRow: cache.count, batch: n, table: parameters.positionEmbedding,
                               scratch: a.row.pointer, into: x)
        for l in 0..<parameters.layers.count {
            attentionBlock(layer: l, batch: n, cache: cache, activations: a)
            feedForwardBlock(layer: l, batch: n, activations: a)
        }
        let first = allPositions ? 0 : n - 1, rows = n - first
        LayerNorm.forward(x + first * d, batch: rows, width: d, weight: parameters.finalNorm,
                          bias: parameters.finalNormBias, eps: eps, into: a.normed.pointer)
        Linear.forward(a.normed.pointer, batch: rows, weight: parameters.output, bias: nil, into: logits)
    }

    /// residual [n, hidden] += c_proj(attention(q, k, v)) of ln_1(residual).
    func attentionBlock(layer l: Int, batch n: Int, cache: KVCache, activations a: Activations) {
        let p = parameters.layers[l]
        let d = shape.hiddenSize, kvw = shape.kvWidth
        let start = cache.count
        let keys = cache.keys(layer: l), values = cache.values(layer: l)
        LayerNorm.forward(a.residual.pointer, batch: n, width: d, weight: p.attentionNorm, bias: p.attentionNormBias,
                          eps: eps, into: a.normed.pointer)
        Linear.forward(a.normed.pointer, batch: n, weight: p.query, bias: p.queryBias, into: a.query.pointer)
        Linear.forward(a.normed.pointer, batch: n, weight: p.key, bias: p.keyBias, into: keys + start * kvw)
        Linear.forward(a.normed.pointer, batch: n, weight: p.value, bias: p.valueBias, into: values + start * kvw)
        CausalSelfAttention.forward(query: a.query.pointer, keys: keys, values: values, startPosition: start, batch: n,
                                    heads: shape.heads, kvHeads: shape.kvHeads, headDim: shape.headDim,
                                    scale: 1 / Float(shape.headDim).squareRoot(), scores: a.scores.pointer,
                                    into: a.attention.pointer)
        Linear.forward(a.attention.pointer, batch: n, weight: p.attentionOutput, bias: p.attentionOutputBias,
                       into: a.sublayer.pointer)
        Kernels.addInPlace(a.residual.pointer, a.sublayer.pointer, count: n * d)
    }

    /// residual [n, hidden] += c_proj(gelu(c_fc(ln_2(residual)))).
    func feedForwardBlock(layer l: Int, batch n: Int, activations a: Activations) {
        let p = parameters.layers[l]
        let d = shape.hiddenSize, f = shape.ffnWidth
        LayerNorm.forward(a.residual.pointer, batch: n, width: d, weight: p.ffnNorm, bias: p.ffnNormBias,
                          eps: eps, into: a.normed.pointer)
        Linear.forward(a.normed.pointer, batch: n, weight: p.up, bias: p.upBias, into: a.ffnHidden.pointer)
        activation.forward(a.ffnHidden.pointer, count: n * f)
        Linear.forward(a.ffnHidden.pointer, batch: n, weight: p.down, bias: p.downBias, into: a.sublayer.pointer)
        Kernels.addInPlace(a.residual.pointer, a.sublayer.pointer, count: n * d)
    }
}
