import Foundation
import Models
import Tensor
import Training

/// The model a worker serves for its variant, loaded once at start.
struct VariantModel {
    let model: LoadedModel
    let description: String

    /// Loads `modelPath` and turns it into `variant`: as is for base and merged, quantized
    /// in-process for q8 (Q8_0) and q4 (Q4_K, Q4_0 where rows are not a multiple of 256), and
    /// through `$LCE_HOME/adapters/<adapter>` for lora.<adapter> (adapter folded in at Float32)
    /// and qlora.<adapter> (base quantized to Q4_K, adapter attached over it as low-rank terms).
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
            // lora.<adapter> and qlora.<adapter>: the registry's adapter folded into the weights at load.
            let parts = variant.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["lora", "qlora"].contains(parts[0]), !parts[1].isEmpty else {
                throw WorkerError.unsupportedVariant("variant \(variant): expected base, merged, q8, q4, lora.<adapter> or qlora.<adapter>")
            }
            let directory = URL(fileURLWithPath: lceHome).appendingPathComponent("adapters").appendingPathComponent(parts[1]).path
            guard FileManager.default.fileExists(atPath: directory + "/" + AdapterConfig.fileName) else {
                throw WorkerError.unsupportedVariant(
                    "variant \(variant): no adapter at \(directory) (train one with lce train --output \(directory), or the trainer service)")
            }
            if parts[0] == "lora" {
                return VariantModel(model: try loaded.applyingAdapter(directory: directory),
                                    description: "adapter \(parts[1]) folded into the weights at start")
            }
            let base = LoadedModel(model: try ModelQuantizer.quantize(loaded.model, to: .q4_K), tokenizer: loaded.tokenizer,
                                   path: loaded.path)
            return VariantModel(model: try base.applyingAdapter(directory: directory, overQuantizedBase: true),
                                description: "quantized to q4_K at start, adapter \(parts[1]) attached over it")
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
