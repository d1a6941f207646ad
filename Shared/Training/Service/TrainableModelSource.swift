import Foundation
import Models
import Tensor

/// A base model opened for a training job: the trainable network, the module layout adapters
/// are named by, and the tokenizer beside the weights (when there is one).
struct TrainableModelSource {
    let model: TrainableTransformer
    let layout: LoRAModelLayout
    let tokenizer: BPETokenizer?
    /// The Hugging Face directory, when the model came from one (full fine-tuning copies its files).
    let directory: String?

    /// Opens `spec.modelPath` for `spec.method`: a Hugging Face directory (any of the three
    /// families) or a GGUF file (LLaMA-style only, LoRA and QLoRA only). `loadTokenizer` false
    /// skips tokenizer.json (a caller supplying its own tokenizer).
    static func open(_ spec: TrainingJobSpec, loadTokenizer: Bool) throws -> TrainableModelSource {
        let path = spec.modelPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TrainingError.invalidArgument("\(path): the model does not exist (give a Hugging Face directory or a .gguf file)")
        }
        if isDirectory.boolValue {
            let directory = try ModelDirectory(path: path)
            let layout = try LoRAModelLayout(directory: directory)
            let tokenizer = loadTokenizer ? try BPETokenizer(modelDirectory: URL(fileURLWithPath: path)) : nil
            let model: TrainableTransformer
            switch spec.method {
            case .full:
                model = try TrainableTransformer.load(path: path, mode: .trainable)
            case .lora:
                model = try TrainableTransformer.load(path: path, mode: .frozen(quantizingProjectionsTo: nil))
            case .qlora:
                if layout.family == .llama, let llama = try ModelLoader.load(directory: directory) as? Llama {
                    model = try TrainableTransformer(frozen: try quantizedProjections(of: llama, to: spec.qloraType))
                } else {
                    model = try TrainableTransformer.load(path: path, mode: .frozen(quantizingProjectionsTo: try uniformQLoRAType(spec, layout)))
                }
            }
            return TrainableModelSource(model: model, layout: layout, tokenizer: tokenizer, directory: path)
        }
        guard spec.method != .full else {
            throw TrainingError.invalidArgument("\(path): full fine-tuning needs a Hugging Face directory, not a GGUF file")
        }
        let loaded = try LoadedModel.load(path: path)
        guard let llama = loaded.model as? Llama else {
            throw TrainingError.invalidArgument("\(path): training from a GGUF file supports LLaMA-style models (llama, qwen2) only")
        }
        let layout = try LoRAModelLayout(shape: llama.shape)
        if llama.ropeStyle == .interleaved, targetsRotatedProjections(spec, layout) {
            // llama.cpp permuted q/k rows in this file; an adapter trained on them would not load in PEFT.
            throw TrainingError.invalidArgument(
                "\(path): this GGUF stores q_proj/k_proj rows in llama.cpp's permuted order; target other modules (e.g. v_proj,o_proj) or train from the Hugging Face directory")
        }
        let base = spec.method == .qlora ? try quantizedProjections(of: llama, to: spec.qloraType) : llama
        return TrainableModelSource(model: try TrainableTransformer(frozen: base), layout: layout, tokenizer: loaded.tokenizer,
                                    directory: nil)
    }

    /// `llama` with every Float projection re-encoded as `dtype` (Q4_0 where rows do not fit its
    /// blocks, Float32 where no block fits); already quantized projections are kept.
    static func quantizedProjections(of llama: Llama, to dtype: DType) throws -> Llama {
        let mapped = try llama.mapLinearWeights { _, weight in
            guard [.f32, .f16, .bf16].contains(weight.dtype) else { return weight }
            let layout = ModelQuantizer.layout(for: dtype, cols: weight.cols)
            guard layout != .f32 else { return weight }
            return try WeightMatrix.quantize(weight.toFloat32(), rows: weight.rows, cols: weight.cols, to: layout)
        }
        guard let result = mapped as? Llama else {
            throw TrainingError.invalidArgument("quantizing the base for QLoRA did not give a LLaMA-style model back")
        }
        return result
    }

    /// One 4-bit layout every projection of a GPT-2 or OPT model fits (their loader takes a single dtype).
    static func uniformQLoRAType(_ spec: TrainingJobSpec, _ layout: LoRAModelLayout) throws -> DType {
        for candidate in [spec.qloraType, .q4_0] where layout.modules.allSatisfy({ $0.inFeatures % candidate.blockElements == 0 }) {
            return candidate
        }
        throw TrainingError.invalidArgument(
            "\(spec.modelPath): QLoRA needs every projection's input width to be a multiple of 32 (4-bit blocks); this \(layout.architecture) model's are not")
    }

    /// True when the job's targets include a query or key projection.
    static func targetsRotatedProjections(_ spec: TrainingJobSpec, _ layout: LoRAModelLayout) -> Bool {
        let targets = spec.targetModules ?? layout.defaultTargetModules
        return targets.contains("all-linear") || targets.contains { $0.hasSuffix("q_proj") || $0.hasSuffix("k_proj") }
    }
}
