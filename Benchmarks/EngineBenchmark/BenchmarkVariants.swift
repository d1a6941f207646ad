import Models
import Tensor

/// The three variants the benchmark compares, all made from the one Q4_K_M file in this process.
///
/// - Q4_K_M: the file as llama.cpp's quantizer wrote it (Q5_0/Q8_0/Q4_K/Q6_K mix), memory-mapped.
/// - F32: every matrix, the token embedding (and so the tied output head) included, dequantized
///   to Float32 in owned memory.
/// - Q8_0: `ModelQuantizer.quantize(to: .q8_0)`: each linear weight dequantized, then requantized
///   to Q8_0, and the token embedding/tied head to Q8_0 too, as llama.cpp's Q8_0 does.
enum BenchmarkVariants {
    /// Why a variant could not be made.
    struct Failure: Error, CustomStringConvertible {
        /// The message.
        let description: String
    }

    /// The model as a Llama, the only family the benchmark's traffic figures are written for.
    static func llama(_ model: any LanguageModel) throws -> Llama {
        guard let llama = model as? Llama else {
            throw Failure(description: "the benchmark measures LLaMA/Qwen2 models; this one is \(model.shape.architecture)")
        }
        return llama
    }

    /// Every matrix as Float32.
    static func float32(from model: Llama) throws -> Llama {
        let mapped = try llama(model.mapLinearWeights { _, w in try toFloat32(w) })
        return try replacingEmbedding(of: mapped, with: toFloat32(mapped.parameters.tokenEmbedding))
    }

    /// Every matrix as Q8_0.
    static func q8_0(from model: Llama) throws -> Llama {
        try llama(ModelQuantizer.quantize(model, to: .q8_0))
    }

    /// A Float32 copy of `w` in owned memory.
    static func toFloat32(_ w: WeightMatrix) throws -> WeightMatrix {
        w.dtype == .f32 ? w : try WeightMatrix.fromFloat32(w.toFloat32(), rows: w.rows, cols: w.cols)
    }

    /// `model` with a new token embedding, which is also the output head when the two are tied.
    static func replacingEmbedding(of model: Llama, with embedding: WeightMatrix) -> Llama {
        var p = model.parameters
        p.tokenEmbedding = embedding
        if p.tiedOutput { p.output = embedding }
        return Llama(configuration: model.configuration, parameters: p, ropeStyle: model.ropeStyle)
    }
}
