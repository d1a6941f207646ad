import Foundation
import Models
import Tensor
import Training

/// A base model opened for one method the way `lce train` opens it: LoRA over the Float32
/// checkpoint as stored, QLoRA over 4-bit projections (the GGUF's own blocks when the benchmark was
/// given a GGUF, else the checkpoint's projections re-encoded as Q4_K), full fine-tuning with every
/// weight copied to a trained Float32 tensor.
struct TrainingBase {
    /// The network.
    let model: TrainableTransformer
    /// The module paths and shapes adapters are named by.
    let layout: LoRAModelLayout

    /// Why the base could not be opened.
    struct Failure: Error, CustomStringConvertible {
        /// The message.
        let description: String
    }

    /// Opens the base for `method` from the Float32 checkpoint `directory` (and, for QLoRA, `gguf` when given).
    static func open(_ method: TrainingMethod, directory: String, gguf: String?) throws -> TrainingBase {
        let checkpoint = try ModelDirectory(path: directory)
        switch method {
        case .full:
            return TrainingBase(model: try TrainableTransformer.load(path: directory, mode: .trainable),
                                layout: try LoRAModelLayout(directory: checkpoint))
        case .lora:
            return TrainingBase(model: try TrainableTransformer.load(path: directory, mode: .frozen(quantizingProjectionsTo: nil)),
                                layout: try LoRAModelLayout(directory: checkpoint))
        case .qlora:
            if let gguf {
                // The model alone: the tokenizer (tens of MiB at Qwen2's vocabulary) is not part of training's memory.
                guard let llama = try ModelLoader.load(gguf: try GGUFFile(path: gguf)) as? Llama else {
                    throw Failure(description: "\(gguf): QLoRA from a GGUF file needs a LLaMA-style model")
                }
                return TrainingBase(model: try TrainableTransformer(frozen: try fourBit(llama)), layout: try LoRAModelLayout(shape: llama.shape))
            }
            let layout = try LoRAModelLayout(directory: checkpoint)
            if layout.family == .llama, let llama = try ModelLoader.load(directory: checkpoint) as? Llama {
                return TrainingBase(model: try TrainableTransformer(frozen: try fourBit(llama)), layout: layout)
            }
            // GPT-2 and OPT load with one dtype for every projection: Q4_K when all rows hold whole super-blocks.
            let dtype: DType = layout.modules.allSatisfy { $0.inFeatures % DType.q4_K.blockElements == 0 } ? .q4_K : .q4_0
            return TrainingBase(model: try TrainableTransformer.load(path: directory, mode: .frozen(quantizingProjectionsTo: dtype)),
                                layout: layout)
        }
    }

    /// `llama` with every Float projection re-encoded as Q4_K (Q4_0 or F32 where rows do not fit its
    /// blocks); projections that are already quantized stay as they are.
    static func fourBit(_ llama: Llama) throws -> Llama {
        let mapped = try llama.mapLinearWeights { _, weight in
            guard [.f32, .f16, .bf16].contains(weight.dtype) else { return weight }
            let dtype = ModelQuantizer.layout(for: .q4_K, cols: weight.cols)
            guard dtype != .f32 else { return weight }
            return try WeightMatrix.quantize(weight.toFloat32(), rows: weight.rows, cols: weight.cols, to: dtype)
        }
        guard let result = mapped as? Llama else { throw Failure(description: "re-encoding the projections lost the LLaMA model") }
        return result
    }

    /// "q4_K ×144, q6_K ×24; embedding q8_0 (tied head)": what the decoder's projections and the embedding hold.
    var weightSummary: String {
        var counts: [String: Int] = [:]
        for layer in model.layers {
            let projections = [layer.fusedQKV, layer.query, layer.key, layer.value, layer.attentionOutput, layer.gate,
                               layer.ffnIn, layer.ffnOut]
            for projection in projections.compactMap({ $0 }) { counts["\(projection.weight.dtype)", default: 0] += 1 }
        }
        let mix = counts.sorted { $0.value > $1.value }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        let head = model.architecture.tiedOutput ? " (tied head)" : ", head \(model.head.weight.dtype)"
        return "\(mix); embedding \(model.tokenEmbedding.table.dtype)\(head)"
    }
}
