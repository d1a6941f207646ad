import Foundation
import Models

/// The module layout read off a Hugging Face checkpoint's own tensors.
extension LoRAModelLayout {
    /// The linear modules of the model in `directory`, with widths taken from the stored weights
    /// (Conv1D [in, out], Linear [out, in]); the family comes from config.json's model_type.
    ///
    /// GPT-2 checkpoints saved without the "transformer." prefix and OPT ones without "model."
    /// are named as PEFT sees them, with the prefix.
    public init(directory: ModelDirectory) throws {
        let architecture = directory.modelType ?? ""
        guard let family = Self.family(architecture: architecture) else {
            throw TrainingError.invalidAdapter(
                "\(directory.path): LoRA does not know the module layout of model_type '\(architecture)' (gpt2, opt, llama, qwen2 and mistral are supported)")
        }
        var found: [(order: [Int], module: Module)] = []
        for name in directory.tensorNames where name.hasSuffix(".weight") {
            let path = Self.peftPath(String(name.dropLast(".weight".count)), family: family)
            guard let (layer, rank) = Self.position(of: path, family: family) else { continue }
            let shape = try directory.tensor(named: name).shape
            guard shape.count == 2 else { continue }
            let conv = family == .gpt2
            found.append(([layer ?? (rank == 0 ? -1 : Int.max), rank],
                          Module(path: path, layer: layer, inFeatures: conv ? shape[0] : shape[1],
                                 outFeatures: conv ? shape[1] : shape[0], isConv1D: conv)))
        }
        found.sort { $0.order.lexicographicallyPrecedes($1.order) }
        self.init(family: family, architecture: architecture, modules: found.map(\.module))
    }

    /// The path PEFT sees for a stored tensor prefix.
    static func peftPath(_ stored: String, family: Family) -> String {
        switch family {
        case .gpt2: return stored.hasPrefix("transformer.") ? stored : "transformer." + stored
        case .opt: return stored.hasPrefix("model.") ? stored : "model." + stored
        case .llama: return stored
        }
    }

    /// The stored tensor name of a module's weight, trying PEFT's path and the prefix-less form.
    static func storedWeightName(of path: String, family: Family, in directory: ModelDirectory) -> String? {
        let candidates = [path, path.replacingOccurrences(of: "transformer.", with: "", options: .anchored),
                          path.replacingOccurrences(of: "model.", with: "", options: .anchored)]
        return candidates.map { $0 + ".weight" }.first { directory.contains($0) }
    }

    /// (layer, rank within the layer) of a linear module path of `family`, or nil for anything else.
    static func position(of path: String, family: Family) -> (Int?, Int)? {
        let parts = path.split(separator: ".").map(String.init)
        let layerNames: [String], layerPrefix: [String]
        switch family {
        case .gpt2:
            layerPrefix = ["transformer", "h"]
            layerNames = ["attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"]
        case .opt:
            if path == "model.decoder.project_in" { return (nil, 0) }
            if path == "model.decoder.project_out" { return (nil, 1) }
            layerPrefix = ["model", "decoder", "layers"]
            layerNames = ["self_attn.k_proj", "self_attn.v_proj", "self_attn.q_proj", "self_attn.out_proj", "fc1", "fc2"]
        case .llama:
            layerPrefix = ["model", "layers"]
            layerNames = ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                          "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"]
        }
        guard parts.count > layerPrefix.count + 1, Array(parts.prefix(layerPrefix.count)) == layerPrefix,
              let layer = Int(parts[layerPrefix.count]) else { return nil }
        let rest = parts.dropFirst(layerPrefix.count + 1).joined(separator: ".")
        guard let rank = layerNames.firstIndex(of: rest) else { return nil }
        return (layer, rank)
    }
}
