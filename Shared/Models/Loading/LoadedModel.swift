import Foundation

/// A model together with the tokenizer stored beside it (tokenizer.json in a Hugging Face directory,
/// tokenizer.ggml.* in a GGUF file).
public struct LoadedModel: Sendable {
    /// The network.
    public let model: any LanguageModel
    /// The tokenizer that produced the model's training ids.
    public let tokenizer: BPETokenizer
    /// Where it was loaded from.
    public let path: String

    /// Groups a model with its tokenizer.
    public init(model: any LanguageModel, tokenizer: BPETokenizer, path: String) {
        self.model = model
        self.tokenizer = tokenizer
        self.path = path
    }

    /// Loads the model and its tokenizer from a Hugging Face directory or a GGUF file.
    public static func load(path: String) throws -> LoadedModel {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelError.invalidConfiguration(source: path, field: "path", problem: "does not exist")
        }
        if isDirectory.boolValue {
            let directory = try ModelDirectory(path: path)
            return LoadedModel(model: try ModelLoader.load(directory: directory),
                               tokenizer: try BPETokenizer(modelDirectory: URL(fileURLWithPath: path)), path: path)
        }
        let file = try GGUFFile(path: path)
        let metadata = try GGUFTokenizerMetadata(reading: GGUFTokenizerSource(file: file), source: path)
        return LoadedModel(model: try ModelLoader.load(gguf: file), tokenizer: try BPETokenizer(gguf: metadata), path: path)
    }

    /// The prompt's token ids as the model expects them: BOS first when the tokenizer's source asks
    /// for it (tokenizer.ggml.add_bos_token, tokenizer_config.json's add_bos_token).
    public func promptTokens(_ text: String) -> [Int] {
        let ids = tokenizer.encode(text)
        guard tokenizer.addsBOSToken, let bos = tokenizer.bosTokenID else { return ids }
        return [bos] + ids
    }

    /// The ids generation should stop at: the tokenizer's end-of-sequence token and, for chat
    /// vocabularies, the end-of-turn tokens the model emits instead.
    public var stopTokenIDs: Set<Int> {
        var ids = Set<Int>()
        if let eos = tokenizer.eosTokenID { ids.insert(eos) }
        for name in ["<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>"] {
            if let id = tokenizer.id(forToken: name), tokenizer.isSpecial(id) { ids.insert(id) }
        }
        return ids
    }

    /// Generates a continuation of `prompt` (text), streaming decoded text to `onText`.
    public func generate(_ prompt: String, options: GenerationOptions, generator: Generator,
                         onText: (String) throws -> Bool = { _ in true }) throws -> GenerationResult {
        return try generator.generate(prompt: promptTokens(prompt), options: options, detokenizer: tokenizer.streamingDecoder()) {
            try onText($0.text)
        }
    }
}
