import Foundation
import Models
import Tensor

/// The model a worker serves for its variant, loaded once at start.
struct VariantModel {
    let model: LoadedModel
    let description: String

    /// Loads `modelPath` and turns it into `variant`: as is for base and merged, quantized
    /// in-process for q8 (Q8_0) and q4 (Q4_K, Q4_0 where rows are not a multiple of 256).
    static func load(variant: String, modelPath: String, lceHome: String) throws -> VariantModel {
        let loaded = try LoadedModel.load(path: modelPath)
        switch variant {
        case "base", "merged":
            return VariantModel(model: loaded, description: "as stored")
        case "q8", "q4":
            let target: DType = variant == "q8" ? .q8_0 : .q4_K
            let quantized = try ModelQuantizer.quantize(loaded.model, to: target)
            return VariantModel(model: LoadedModel(model: quantized, tokenizer: loaded.tokenizer, path: loaded.path),
                                description: "quantized to \(target) at start")
        default:
            throw WorkerError.unsupportedVariant(
                "variant \(variant): serving LoRA adapters without merging needs the training module's adapter runtime, "
                + "which is not built yet; merge the adapter (lce merge) and serve it as --variant merged")
        }
    }
}

/// Why a worker cannot start or serve.
enum WorkerError: Error, CustomStringConvertible {
    case unsupportedVariant(String)

    var description: String {
        switch self {
        case .unsupportedVariant(let message): return message
        }
    }
}
