import Tensor

extension Llama {
    /// Reads every weight named by `names` from `weights`, checking each shape against `configuration`.
    ///
    /// The output head is `names.output` when present, else the token embedding (tie_word_embeddings,
    /// or a GGUF file without output.weight); q/k/v biases are read when present (Qwen2).
    public convenience init(configuration c: Configuration, weights w: WeightSource, names: LlamaWeightNames,
                            ropeStyle: RoPEStyle) throws {
        try Self.validate(c, source: w.sourceName)
        let s = c.shape
        let d = s.hiddenSize, q = s.queryWidth, kv = s.kvWidth, f = s.ffnWidth
        var layers: [LayerParameters] = []
        for i in 0..<s.layerCount {
            let n = names.layer(i)
            layers.append(LayerParameters(
                attentionNorm: try w.requireVector(n.attentionNorm, count: d),
                query: try w.requireMatrix(n.query, rows: q, cols: d),
                key: try w.requireMatrix(n.key, rows: kv, cols: d),
                value: try w.requireMatrix(n.value, rows: kv, cols: d),
                queryBias: try w.optionalVector(n.queryBias, count: q),
                keyBias: try w.optionalVector(n.keyBias, count: kv),
                valueBias: try w.optionalVector(n.valueBias, count: kv),
                attentionOutput: try w.requireMatrix(n.attentionOutput, rows: d, cols: q),
                attentionOutputBias: try w.optionalVector(n.attentionOutputBias, count: d),
                ffnNorm: try w.requireVector(n.ffnNorm, count: d),
                gate: try w.requireMatrix(n.gate, rows: f, cols: d),
                up: try w.requireMatrix(n.up, rows: f, cols: d),
                down: try w.requireMatrix(n.down, rows: d, cols: f)))
        }
        let embedding = try w.requireMatrix(names.tokenEmbedding, rows: s.vocabularySize, cols: d)
        let output = try w.optionalMatrix(names.output, rows: s.vocabularySize, cols: d)
        let parameters = Parameters(tokenEmbedding: embedding, layers: layers,
                                    finalNorm: try w.requireVector(names.finalNorm, count: d), output: output)
        self.init(configuration: c, parameters: parameters, ropeStyle: ropeStyle)
    }

    /// Rejects configurations the forward pass cannot run, naming the field.
    static func validate(_ c: Configuration, source: String) throws {
        func positive(_ value: Int, _ field: String) throws {
            guard value > 0 else {
                throw ModelError.invalidConfiguration(source: source, field: field, problem: "must be positive, got \(value)")
            }
        }
        try positive(c.vocabSize, "vocab_size")
        try positive(c.hiddenSize, "hidden_size")
        try positive(c.intermediateSize, "intermediate_size")
        try positive(c.numHiddenLayers, "num_hidden_layers")
        try positive(c.numAttentionHeads, "num_attention_heads")
        try positive(c.maxPositionEmbeddings, "max_position_embeddings")
        let s = c.shape
        try positive(s.kvHeads, "num_key_value_heads")
        guard s.heads % s.kvHeads == 0 else {
            throw ModelError.invalidConfiguration(source: source, field: "num_key_value_heads",
                                                  problem: "(\(s.kvHeads)) must divide num_attention_heads (\(s.heads))")
        }
        guard s.headDim > 0, s.headDim % 2 == 0, c.headDim != nil || s.headDim * s.heads == c.hiddenSize else {
            throw ModelError.invalidConfiguration(source: source, field: "num_attention_heads",
                                                  problem: "(\(s.heads)) must split hidden_size (\(c.hiddenSize)) into heads of even width")
        }
        guard c.rmsNormEps.isFinite, c.rmsNormEps >= 0, (c.ropeTheta ?? 10000) > 0 else {
            throw ModelError.invalidConfiguration(source: source, field: "rms_norm_eps / rope_theta",
                                                  problem: "must be finite and non-negative")
        }
        if let scaling = c.ropeScaling, let kind = scaling.ropeType ?? scaling.type, kind != "default" {
            throw ModelError.unsupported(source: source, feature: "rope_scaling of type \(kind)")
        }
    }
}
