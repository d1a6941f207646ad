import Models

/// Bytes a model's weights take as stored (quantized blocks at their block size, vectors as Float32): the size
/// on disk of a variant made in-process, which has no file of its own (GGUF metadata and the tokenizer, a few MB, aside).
public enum WeightBytes {
    /// The sum over `model.namedWeights`.
    public static func of(_ model: any LanguageModel) -> Int64 {
        var total: Int64 = 0
        for (_, weight) in model.namedWeights {
            switch weight {
            case .matrix(let matrix): total += Int64(matrix.rowBytes) * Int64(matrix.rows)
            case .vector(let vector): total += Int64(vector.count) * 4
            }
        }
        return total
    }
}
