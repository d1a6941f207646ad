import Tensor

/// Makes the 8-bit and 4-bit variants of a model in this process: every linear weight is quantized
/// through the Tensor module, the token embedding and output head (tied or not) get a wider layout
/// as llama.cpp's quantizer gives them, norms and biases are kept, and the result runs on the
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

    /// The dtype the token embedding and output head get under `target`: Q8_0 for 8-bit, F16 for
    /// half precision, and Q6_K (Q8_0 for rows narrower than a super-block) for the 4- to 6-bit
    /// layouts, as llama.cpp's Q4_K_M keeps its output head at 6 bits. A decode step reads the head
    /// whole, so in Float32 it would be most of a small model's traffic; lookups decode one row.
    public static func headLayout(for target: DType, cols: Int) -> DType {
        switch target {
        case .q8_0: return layout(for: .q8_0, cols: cols)
        case .f16: return .f16
        default: return layout(for: .q6_K, cols: cols)
        }
    }

    /// The model with its linear weights quantized to `target` and its embedding and head to
    /// `headLayout(for:cols:)` (already quantized weights are dequantized first, so a variant can
    /// be made from any source).
    public static func quantize(_ model: any LanguageModel, to target: DType) throws -> any LanguageModel {
        guard supportedTypes.contains(target) else {
            throw ModelError.unsupported(source: "quantizer", feature: "quantizing to \(target)")
        }
        let mapped = try model.mapLinearWeights { name, weight in
            let head = name == "output.weight"
            return try reencode(weight, to: head ? headLayout(for: target, cols: weight.cols) : layout(for: target, cols: weight.cols))
        }
        return try quantizingEmbedding(of: mapped, to: target)
    }

    /// `model` with its token embedding (and so a tied output head) re-encoded to
    /// `headLayout(for: target, cols:)`; everything else is kept. For callers that map the linear
    /// weights themselves (`lce quantize` reports each one) and want the head the variant would get.
    public static func quantizingEmbedding(of model: any LanguageModel, to target: DType) throws -> any LanguageModel {
        guard let family = model as? TokenEmbeddingReplacing else { return model }
        let (embedding, output, tied) = family.embeddingAndHead
        let table = try reencode(embedding, to: headLayout(for: target, cols: embedding.cols))
        return family.replacing(embedding: table, output: tied ? table : output)
    }

    /// `weight` in `dtype`, the same matrix when it already is.
    static func reencode(_ weight: WeightMatrix, to dtype: DType) throws -> WeightMatrix {
        if weight.dtype == dtype { return weight }
        let values = weight.toFloat32()
        if dtype == .f32 { return try WeightMatrix.fromFloat32(values, rows: weight.rows, cols: weight.cols) }
        return try WeightMatrix.quantize(values, rows: weight.rows, cols: weight.cols, to: dtype)
    }
}
