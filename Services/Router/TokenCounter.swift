import Foundation
import Models

/// Counts prompt tokens with the served model's tokenizer, read from tokenizer.json, a model
/// directory or a GGUF file's metadata.
struct TokenCounter: Sendable {
    let tokenizer: BPETokenizer

    static func load(path: String) throws -> TokenCounter {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationFailure("tokenizer path \(path) does not exist: pass --tokenizer with a tokenizer.json, a model directory or a .gguf file")
        }
        let url = URL(fileURLWithPath: path)
        if isDirectory.boolValue { return TokenCounter(tokenizer: try BPETokenizer(modelDirectory: url)) }
        if path.hasSuffix(".gguf") {
            let file = try GGUFFile(path: path)
            let metadata = try GGUFTokenizerMetadata(reading: GGUFTokenizerSource(file: file), source: path)
            return TokenCounter(tokenizer: try BPETokenizer(gguf: metadata))
        }
        return TokenCounter(tokenizer: try BPETokenizer(tokenizerJSON: url))
    }

    var count: @Sendable (String) -> Int {
        { [tokenizer] text in tokenizer.encode(text).count }
    }
}

/// A start-up problem described in words.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
