import Models

/// Every linear module a LoRA adapter may wrap in one model, named as PEFT names them.
///
/// PEFT keys adapter tensors by the module's path in the Hugging Face model
/// ("model.decoder.layers.0.self_attn.q_proj" for OPT, "model.layers.0.mlp.up_proj" for
/// LLaMA/Qwen2, "transformer.h.0.attn.c_attn" for GPT-2); this layout lists those paths with
/// their input and output widths, from the model's shape.
public struct LoRAModelLayout: Sendable, Equatable {
    /// The module layouts the project knows.
    public enum Family: String, Sendable, Equatable {
        /// GPT-2: Conv1D layers stored [in, out] (PEFT's fan_in_fan_out).
        case gpt2
        /// OPT (facebook/opt-*).
        case opt
        /// LLaMA-style: LLaMA, Qwen2, Mistral.
        case llama
    }

    /// One linear module.
    public struct Module: Sendable, Equatable {
        /// Path in the Hugging Face model, without a trailing ".weight".
        public let path: String
        /// The decoder layer it belongs to (nil for modules outside the layers, like OPT's project_in).
        public let layer: Int?
        /// Input features (lora_A's columns).
        public let inFeatures: Int
        /// Output features (lora_B's rows).
        public let outFeatures: Int
        /// True for GPT-2's Conv1D, whose weight is stored [in, out].
        public let isConv1D: Bool

        /// The last path component ("q_proj"), what a target_modules entry usually names.
        public var leafName: String { String(path.split(separator: ".").last ?? "") }
    }

    /// The family.
    public let family: Family
    /// The architecture as config.json names it ("qwen2"), used in messages.
    public let architecture: String
    /// Every linear module except the output head, in model order.
    public let modules: [Module]

    /// The layout of a model of `shape`; an architecture outside GPT-2, OPT and LLaMA-style is an error.
    public init(shape: ModelShape) throws {
        architecture = shape.architecture
        guard let family = Self.family(architecture: shape.architecture) else {
            throw TrainingError.invalidAdapter(
                "LoRA does not know the module layout of model_type '\(shape.architecture)' (gpt2, opt, llama, qwen2 and mistral are supported)")
        }
        self.family = family
        let h = shape.hiddenSize, ffn = shape.ffnWidth
        var modules: [Module] = []
        func add(_ path: String, _ layer: Int?, _ inFeatures: Int, _ outFeatures: Int, conv: Bool = false) {
            modules.append(Module(path: path, layer: layer, inFeatures: inFeatures, outFeatures: outFeatures, isConv1D: conv))
        }
        switch family {
        case .gpt2:
            for i in 0..<shape.layerCount {
                let p = "transformer.h.\(i)."
                add(p + "attn.c_attn", i, h, 3 * h, conv: true)
                add(p + "attn.c_proj", i, h, h, conv: true)
                add(p + "mlp.c_fc", i, h, ffn, conv: true)
                add(p + "mlp.c_proj", i, ffn, h, conv: true)
            }
        case .opt:
            if shape.embeddingWidth != h { add("model.decoder.project_in", nil, shape.embeddingWidth, h) }
            for i in 0..<shape.layerCount {
                let p = "model.decoder.layers.\(i)."
                for name in ["k_proj", "v_proj", "q_proj", "out_proj"] { add(p + "self_attn." + name, i, h, h) }
                add(p + "fc1", i, h, ffn)
                add(p + "fc2", i, ffn, h)
            }
            if shape.embeddingWidth != h { add("model.decoder.project_out", nil, h, shape.embeddingWidth) }
        case .llama:
            for i in 0..<shape.layerCount {
                let p = "model.layers.\(i)."
                add(p + "self_attn.q_proj", i, h, shape.queryWidth)
                add(p + "self_attn.k_proj", i, h, shape.kvWidth)
                add(p + "self_attn.v_proj", i, h, shape.kvWidth)
                add(p + "self_attn.o_proj", i, shape.queryWidth, h)
                add(p + "mlp.gate_proj", i, h, ffn)
                add(p + "mlp.up_proj", i, h, ffn)
                add(p + "mlp.down_proj", i, ffn, h)
            }
        }
        self.modules = modules
    }

    /// A layout from its parts (the checkpoint reader builds one from stored tensor shapes).
    init(family: Family, architecture: String, modules: [Module]) {
        self.family = family
        self.architecture = architecture
        self.modules = modules
    }

    /// The family of a config.json model_type, or nil when unknown.
    public static func family(architecture: String) -> Family? {
        switch architecture {
        case "gpt2": return .gpt2
        case "opt": return .opt
        case "llama", "qwen2", "mistral": return .llama
        default: return nil
        }
    }

    /// PEFT's default target_modules for the family (TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING).
    public var defaultTargetModules: [String] {
        family == .gpt2 ? ["c_attn"] : ["q_proj", "v_proj"]
    }

    /// True when the family's linear weights are stored [in, out] (PEFT's fan_in_fan_out).
    public var fanInFanOut: Bool { family == .gpt2 }

    /// The module at `path`, if the model has it.
    public func module(atPath path: String) -> Module? {
        modules.first { $0.path == path }
    }

    /// A readable name for the model in messages ("GPT-2", "Qwen2").
    var displayName: String {
        switch architecture {
        case "gpt2": return "GPT-2"
        case "opt": return "OPT"
        case "llama": return "LLaMA"
        case "qwen2": return "Qwen2"
        case "mistral": return "Mistral"
        default: return architecture
        }
    }
}
