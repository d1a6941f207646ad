import Tensor

extension OPT {
    /// Reads every weight named by `names` from `weights`, checking each shape against `configuration`.
    public convenience init(configuration c: Configuration, weights w: WeightSource, names: OPTWeightNames) throws {
        try Self.validate(c, source: w.sourceName)
        let s = c.shape
        let d = s.hiddenSize, f = s.ffnWidth, e = s.embeddingWidth
        var layers: [LayerParameters] = []
        for i in 0..<s.layerCount {
            let n = names.layer(i)
            layers.append(LayerParameters(
                attentionNorm: try w.requireVector(n.attentionNorm, count: d),
                attentionNormBias: try w.requireVector(n.attentionNormBias, count: d),
                query: try w.requireMatrix(n.query, rows: d, cols: d),
                key: try w.requireMatrix(n.key, rows: d, cols: d),
                value: try w.requireMatrix(n.value, rows: d, cols: d),
                queryBias: try w.requireVector(n.queryBias, count: d),
                keyBias: try w.requireVector(n.keyBias, count: d),
                valueBias: try w.requireVector(n.valueBias, count: d),
                attentionOutput: try w.requireMatrix(n.attentionOutput, rows: d, cols: d),
                attentionOutputBias: try w.requireVector(n.attentionOutputBias, count: d),
                ffnNorm: try w.requireVector(n.ffnNorm, count: d),
                ffnNormBias: try w.requireVector(n.ffnNormBias, count: d),
                up: try w.requireMatrix(n.up, rows: f, cols: d), upBias: try w.requireVector(n.upBias, count: f),
                down: try w.requireMatrix(n.down, rows: d, cols: f), downBias: try w.requireVector(n.downBias, count: d)))
        }
        let projected = e != d
        let parameters = Parameters(
            tokenEmbedding: try w.requireMatrix(names.tokenEmbedding, rows: s.vocabularySize, cols: e),
            positionEmbedding: try w.requireMatrix(names.positionEmbedding, rows: s.contextLength + OPT.positionOffset,
                                                   cols: d),
            projectIn: projected ? try w.requireMatrix(names.projectIn, rows: d, cols: e) : nil,
            projectOut: projected ? try w.requireMatrix(names.projectOut, rows: e, cols: d) : nil,
            layers: layers,
            finalNorm: c.hasFinalLayerNorm ? try w.requireVector(names.finalNorm, count: d) : nil,
            finalNormBias: c.hasFinalLayerNorm ? try w.requireVector(names.finalNormBias, count: d) : nil,
            output: try w.optionalMatrix(names.output, rows: s.vocabularySize, cols: e))
        self.init(configuration: c, parameters: parameters)
    }

    /// Rejects configurations the forward pass cannot run, naming the field.
    static func validate(_ c: Configuration, source: String) throws {
        for (value, field) in [(c.vocabSize, "vocab_size"), (c.hiddenSize, "hidden_size"), (c.ffnDim, "ffn_dim"),
                               (c.numHiddenLayers, "num_hidden_layers"), (c.numAttentionHeads, "num_attention_heads"),
                               (c.maxPositionEmbeddings, "max_position_embeddings"),
                               (c.shape.embeddingWidth, "word_embed_proj_dim")] where value <= 0 {
            throw ModelError.invalidConfiguration(source: source, field: field, problem: "must be positive, got \(value)")
        }
        guard c.hiddenSize % c.numAttentionHeads == 0 else {
            throw ModelError.invalidConfiguration(source: source, field: "num_attention_heads",
                                                  problem: "(\(c.numAttentionHeads)) must divide hidden_size (\(c.hiddenSize))")
        }
        if c.enableBias == false {
            throw ModelError.unsupported(source: source, feature: "enable_bias = false")
        }
    }
}
