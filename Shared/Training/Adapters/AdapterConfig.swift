import Foundation

/// The `adapter_config.json` of a PEFT LoRA adapter: the fields PEFT writes and this engine honours.
///
/// Reading accepts any file PEFT's LoraConfig writes for plain LoRA (unknown keys are ignored)
/// and refuses, with the field named, the options this engine does not implement (DoRA, bias
/// training, per-module rank or alpha patterns, modules_to_save, layer subsets).
public struct AdapterConfig: Sendable, Equatable {
    /// The file name PEFT uses.
    public static let fileName = "adapter_config.json"

    /// LoRA rank r.
    public var r: Int
    /// lora_alpha.
    public var loraAlpha: Double
    /// lora_dropout, the probability of zeroing an adapter input during training.
    public var loraDropout: Double
    /// Which linear modules carry an adapter.
    public var targetModules: TargetModules
    /// rsLoRA: scale by alpha / √r instead of alpha / r.
    public var useRSLoRA: Bool
    /// True when the base weights are stored [in, out] (GPT-2's Conv1D).
    public var fanInFanOut: Bool
    /// The base model's name or path as the trainer saw it.
    public var baseModelNameOrPath: String?
    /// PEFT's task type; causal language modelling here.
    public var taskType: String

    /// A LoRA configuration with PEFT's defaults where not given.
    public init(r: Int = 8, loraAlpha: Double = 8, loraDropout: Double = 0, targetModules: TargetModules,
                useRSLoRA: Bool = false, fanInFanOut: Bool = false, baseModelNameOrPath: String? = nil,
                taskType: String = "CAUSAL_LM") {
        self.r = r
        self.loraAlpha = loraAlpha
        self.loraDropout = loraDropout
        self.targetModules = targetModules
        self.useRSLoRA = useRSLoRA
        self.fanInFanOut = fanInFanOut
        self.baseModelNameOrPath = baseModelNameOrPath
        self.taskType = taskType
    }

    /// alpha / r, or alpha / √r with rsLoRA.
    public var scaling: Float {
        LoRALinear.scaling(rank: r, alpha: Float(loraAlpha), useRSLoRA: useRSLoRA)
    }

    /// Parses the JSON of an adapter_config.json; `path` names the file in errors.
    public init(json data: Data, path: String = fileName) throws {
        func fail(_ message: String) -> TrainingError { .invalidAdapter("\(path): \(message)") }
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw fail("not a JSON object")
        }
        func present(_ key: String) -> Any? {
            guard let value = fields[key], !(value is NSNull) else { return nil }
            return value
        }
        func number(_ key: String) throws -> Double? {
            guard let value = present(key) else { return nil }
            if let n = value as? Int { return Double(n) }
            if let n = value as? Double { return n }
            throw fail("\(key) must be a number")
        }
        func bool(_ key: String) throws -> Bool? {
            guard let value = present(key) else { return nil }
            guard let b = value as? Bool else { throw fail("\(key) must be true or false") }
            return b
        }
        func string(_ key: String) throws -> String? {
            guard let value = present(key) else { return nil }
            guard let s = value as? String else { throw fail("\(key) must be a string") }
            return s
        }

        let peftType = try string("peft_type") ?? "LORA"
        guard peftType == "LORA" else { throw fail("peft_type is \(peftType); only LORA adapters are supported") }
        guard let rank = try number("r"), rank >= 1, rank == rank.rounded() else {
            throw fail("r must be a positive whole number")
        }
        r = Int(rank)
        loraAlpha = try number("lora_alpha") ?? 8
        loraDropout = try number("lora_dropout") ?? 0
        guard loraDropout >= 0, loraDropout < 1 else { throw fail("lora_dropout must be in [0, 1), got \(loraDropout)") }
        useRSLoRA = try bool("use_rslora") ?? false
        fanInFanOut = try bool("fan_in_fan_out") ?? false
        baseModelNameOrPath = try string("base_model_name_or_path")
        taskType = try string("task_type") ?? "CAUSAL_LM"

        switch present("target_modules") {
        case nil:
            throw fail("target_modules is missing (name the modules, e.g. [\"q_proj\", \"v_proj\"])")
        case let text as String:
            targetModules = text == "all-linear" ? .allLinear : .pattern(text)
        case let list as [Any]:
            let names = list.compactMap { $0 as? String }
            guard names.count == list.count else { throw fail("target_modules must be a string or a list of strings") }
            targetModules = .names(names)
        default:
            throw fail("target_modules must be a string or a list of strings")
        }

        let bias = try string("bias") ?? "none"
        guard bias == "none" else { throw fail("bias is \"\(bias)\"; only \"none\" is supported") }
        if try bool("use_dora") == true { throw fail("use_dora is true; DoRA adapters are not supported") }
        for key in ["rank_pattern", "alpha_pattern"] {
            if let pattern = present(key) as? [String: Any], !pattern.isEmpty {
                throw fail("\(key) is set; per-module ranks and alphas are not supported")
            }
        }
        if let saved = present("modules_to_save") as? [Any], !saved.isEmpty {
            throw fail("modules_to_save is set; fully trained extra modules are not supported")
        }
        if present("layers_to_transform") != nil {
            throw fail("layers_to_transform is set; adapters on a subset of layers are not supported")
        }
        if try bool("lora_bias") == true { throw fail("lora_bias is true; LoRA bias terms are not supported") }
        for key in ["exclude_modules", "layer_replication", "target_parameters", "trainable_token_indices"] {
            if let value = present(key), !((value as? [Any])?.isEmpty ?? false), !((value as? String)?.isEmpty ?? false) {
                throw fail("\(key) is set; it is not supported")
            }
        }
    }

    /// Reads `adapter_config.json` in `directory`.
    public static func read(directory: String) throws -> AdapterConfig {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingError.invalidAdapter("\(path): cannot read the adapter's config")
        }
        return try AdapterConfig(json: data, path: path)
    }

    /// The JSON PEFT writes for this configuration (sorted keys, two-space indent), so PEFT's
    /// LoraConfig.from_pretrained loads it.
    public func jsonData() throws -> Data {
        let targets: Any
        switch targetModules {
        case .names(let names): targets = names
        case .pattern(let pattern): targets = pattern
        case .allLinear: targets = "all-linear"
        }
        let alpha: Any = loraAlpha == loraAlpha.rounded() && abs(loraAlpha) < 1e15 ? Int(loraAlpha) : loraAlpha
        let fields: [String: Any] = [
            "alpha_pattern": [String: Any](),
            "auto_mapping": NSNull(),
            "base_model_name_or_path": baseModelNameOrPath ?? NSNull(),
            "bias": "none",
            "fan_in_fan_out": fanInFanOut,
            "inference_mode": true,
            "init_lora_weights": true,
            "layers_pattern": NSNull(),
            "layers_to_transform": NSNull(),
            "lora_alpha": alpha,
            "lora_dropout": loraDropout,
            "modules_to_save": NSNull(),
            "peft_type": "LORA",
            "r": r,
            "rank_pattern": [String: Any](),
            "revision": NSNull(),
            "target_modules": targets,
            "task_type": taskType,
            "use_dora": false,
            "use_rslora": useRSLoRA,
        ]
        return try JSONSerialization.data(withJSONObject: fields, options: [.prettyPrinted, .sortedKeys])
    }
}
