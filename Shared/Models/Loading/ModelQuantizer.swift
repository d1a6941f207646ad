import Tensor

/// Makes the 8-bit and 4-bit variants of a model in this process: every linear layer's weight is
/// quantized through the Tensor module, embeddings and norms are kept, and the result runs on the
/// quantized kernels.
public enum ModelQuantizer {
    /// The layouts a variant can use for its linear weights.
    public static let supportedTypes: [DType] = [.q8_0, .q4_0, .q4_K, .q5_0, .q6_K, .f16]

    /// The dtype a weight of `cols` inputs gets under `target`: K-quants need rows of whole
    /// 256-element super-blocks, so narrower rows fall back to the 32-element layout of the same
    /// width class (Q4_K -> Q4_0, Q6_K -> Q8_0), and rows that fit no block stay Float32.
    public static func layout(for target: DType, cols: Int) -> DType {
        if cols % target.blockElements == 0 { return target }
        let fallback: DType = target == .q6_K ? .q8_0 : .q4_0
        return cols % fallback.blockElements == 0 ? fallback : .f32
    }

    /// The model with its linear weights quantized to `target` (already quantized weights are
    /// dequantized first, so a variant can be made from any source).
    public static func quantize(_ model: any LanguageModel, to target: DType) throws -> any LanguageModel {
        guard supportedTypes.contains(target) else {
            throw ModelError.unsupported(source: "quantizer", feature: "quantizing to \(target)")
        }
        return try model.mapLinearWeights { _, weight in
            let dtype = layout(for: target, cols: weight.cols)
            if weight.dtype == dtype { return weight }
            let values = weight.toFloat32()
            if dtype == .f32 { return try WeightMatrix.fromFloat32(values, rows: weight.rows, cols: weight.cols) }
            return try WeightMatrix.quantize(values, rows: weight.rows, cols: weight.cols, to: dtype)
        }
    }
}
