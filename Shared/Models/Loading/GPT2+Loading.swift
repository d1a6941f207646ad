import Tensor

extension GPT2 {
    /// Reads every weight named by `names` from `weights`, checking each shape against `configuration`;
    /// Conv1D weights ([in, out]) are transposed to [out, in] in Float32, and the fused q/k/v split in three.
    public convenience init(configuration c: Configuration, weights w: WeightSource, names: GPT2WeightNames) throws {
        try Self.validate(c, source: w.sourceName)
        let s = c.shape
        let d = s.hiddenSize, f = s.ffnWidth
        func linear(_ name: String, out: Int, in inWidth: Int) throws -> WeightMatrix {
            guard names.conv1DLayout else { return try w.requireMatrix(name, rows: out, cols: inWidth) }
            let stored = try w.requireMatrix(name, rows: inWidth, cols: out)
            return try WeightMatrix.fromFloat32(Self.transpose(stored.toFloat32(), rows: inWidth, cols: out),
                                                rows: out, cols: inWidth)
        }
        var layers: [LayerParameters] = []
        for i in 0..<s.layerCount {
            let n = names.layer(i)
            let qkv = try linear(n.qkv, out: 3 * d, in: d)
            let qkvBias = try w.requireVector(n.qkvBias, count: 3 * d)
            // Rows are contiguous in every dtype, so q, k and v are views of thirds of the fused matrix.
            let third = { (k: Int) throws -> WeightMatrix in
                try WeightMatrix(rows: d, cols: d, dtype: qkv.dtype, bytes: qkv.bytes + k * d * qkv.rowBytes,
                                 owner: qkv.owner)
            }
            let biasThird = { (k: Int) in FloatBuffer(Array(UnsafeBufferPointer(start: qkvBias.pointer + k * d, count: d))) }
            layers.append(LayerParameters(
                attentionNorm: try w.requireVector(n.attentionNorm, count: d),
                attentionNormBias: try w.requireVector(n.attentionNormBias, count: d),
                query: try third(0), key: try third(1), value: try third(2),
                queryBias: biasThird(0), keyBias: biasThird(1), valueBias: biasThird(2),
                attentionOutput: try linear(n.attentionOutput, out: d, in: d),
                attentionOutputBias: try w.requireVector(n.attentionOutputBias, count: d),
                ffnNorm: try w.requireVector(n.ffnNorm, count: d),
                ffnNormBias: try w.requireVector(n.ffnNormBias, count: d),
                up: try linear(n.up, out: f, in: d), upBias: try w.requireVector(n.upBias, count: f),
                down: try linear(n.down, out: d, in: f), downBias: try w.requireVector(n.downBias, count: d)))
        }
        let parameters = Parameters(
            tokenEmbedding: try w.requireMatrix(names.tokenEmbedding, rows: s.vocabularySize, cols: d),
            positionEmbedding: try w.requireMatrix(names.positionEmbedding, rows: s.contextLength, cols: d),
            layers: layers,
            finalNorm: try w.requireVector(names.finalNorm, count: d),
            finalNormBias: try w.requireVector(names.finalNormBias, count: d),
            output: try w.optionalMatrix(names.output, rows: s.vocabularySize, cols: d))
        self.init(configuration: c, parameters: parameters)
    }

    /// [rows, cols] -> [cols, rows].
    static func transpose(_ values: [Float], rows: Int, cols: Int) -> [Float] {
        var out = [Float](repeating: 0, count: values.count)
        for r in 0..<rows {
            for c in 0..<cols { out[c * rows + r] = values[r * cols + c] }
        }
        return out
    }

    /// Rejects configurations the forward pass cannot run, naming the field.
    static func validate(_ c: Configuration, source: String) throws {
        for (value, field) in [(c.vocabSize, "vocab_size"), (c.nPositions, "n_positions"), (c.nEmbd, "n_embd"),
                               (c.nLayer, "n_layer"), (c.nHead, "n_head"), (c.shape.ffnWidth, "n_inner")] where value <= 0 {
            throw ModelError.invalidConfiguration(source: source, field: field, problem: "must be positive, got \(value)")
        }
        guard c.nEmbd % c.nHead == 0 else {
            throw ModelError.invalidConfiguration(source: source, field: "n_head",
                                                  problem: "(\(c.nHead)) must divide n_embd (\(c.nEmbd))")
        }
    }
}
