import Foundation
import Tensor

/// Opens a Hugging Face model directory or a GGUF file and builds the family its configuration names.
public enum ModelLoader {
    /// Loads `path`: a directory is read as Hugging Face layout, a file as GGUF.
    public static func load(path: String) throws -> any LanguageModel {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelError.invalidConfiguration(source: path, field: "path", problem: "does not exist")
        }
        if isDirectory.boolValue { return try load(directory: ModelDirectory(path: path)) }
        return try load(gguf: GGUFFile(path: path))
    }

    /// Builds the family named by config.json's model_type.
    public static func load(directory: ModelDirectory) throws -> any LanguageModel {
        let source = directory.path + "/config.json"
        guard let modelType = directory.modelType else {
            throw ModelError.invalidConfiguration(source: source, field: "model_type", problem: "is missing")
        }
        switch modelType {
        case "gpt2":
            let prefix = directory.contains("transformer.wte.weight") ? "transformer." : ""
            return try GPT2(configuration: directory.decodeConfig(GPT2.Configuration.self), weights: directory,
                            names: .huggingFace(prefix: prefix))
        case "opt":
            let prefix = directory.contains("decoder.embed_tokens.weight") ? "decoder." : "model.decoder."
            return try OPT(configuration: directory.decodeConfig(OPT.Configuration.self), weights: directory,
                           names: .huggingFace(prefix: prefix))
        case "llama", "qwen2", "mistral":
            return try Llama(configuration: directory.decodeConfig(Llama.Configuration.self), weights: directory,
                             names: .huggingFace, ropeStyle: .halves)
        default:
            throw ModelError.unsupported(source: source, feature: "model_type \"\(modelType)\" (supported: gpt2, opt, llama, qwen2, mistral)")
        }
    }

    /// Builds the family named by general.architecture.
    public static func load(gguf: GGUFFile) throws -> any LanguageModel {
        guard let arch = gguf.architecture else {
            throw ModelError.invalidConfiguration(source: gguf.path, field: "general.architecture", problem: "is missing")
        }
        switch arch {
        case "llama":
            // llama.cpp's converter permutes q/k rows so that rotary pairs are adjacent.
            return try Llama(configuration: gguf.llamaConfiguration(), weights: gguf, names: .gguf, ropeStyle: .interleaved)
        case "qwen2":
            return try Llama(configuration: gguf.llamaConfiguration(), weights: gguf, names: .gguf, ropeStyle: .halves)
        case "gpt2":
            return try GPT2(configuration: gguf.gpt2Configuration(), weights: gguf, names: .gguf)
        default:
            throw ModelError.unsupported(source: gguf.path, feature: "general.architecture \"\(arch)\" (supported: llama, qwen2, gpt2)")
        }
    }
}
