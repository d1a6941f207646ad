import Foundation
@testable import Evaluation
import Models

/// The Models tests' tiny LLaMA checkpoint (vocabulary 300, no tokenizer) with a byte-level tokenizer made here:
/// the 256 GPT-2 byte symbols as ids 0-255 and no merges, so every prompt becomes one id per byte.
enum TinyModelFixture {
    static let modelDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../ModelsTests/Families/Fixtures/llama").standardizedFileURL.path

    static let referenceLogits = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../ModelsTests/Families/Fixtures/llama/expected_logits.json").standardizedFileURL

    /// GPT-2's byte-to-symbol table: printable bytes stand for themselves, the rest take code points from 256 up.
    static func byteSymbols() -> [String] {
        let printable = Set(Array(33...126) + Array(161...172) + Array(174...255))
        var next = 256
        return (0..<256).map { byte in
            if printable.contains(byte) { return String(UnicodeScalar(UInt8(byte))) }
            defer { next += 1 }
            return String(Character(UnicodeScalar(next)!))
        }
    }

    static func tokenizer() throws -> BPETokenizer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var vocabulary: [String: Int] = [:]
        for (id, symbol) in byteSymbols().enumerated() { vocabulary[symbol] = id }
        try JSONEncoder().encode(vocabulary).write(to: directory.appendingPathComponent("vocab.json"))
        try Data("#version: 0.2\n".utf8).write(to: directory.appendingPathComponent("merges.txt"))
        return try BPETokenizer(vocabJSON: directory.appendingPathComponent("vocab.json"),
                                mergesTXT: directory.appendingPathComponent("merges.txt"))
    }

    static func load(_ path: String) throws -> LoadedModel {
        LoadedModel(model: try ModelLoader.load(directory: ModelDirectory(path: path)), tokenizer: try tokenizer(), path: path)
    }

    static let hardware = EvaluationHardware(cpuModel: "Test CPU", isaFlags: ["avx2", "fma"], logicalCPUs: 2, threads: 2,
                                             blasKernel: "OpenBLAS test", architecture: "x86_64")

    /// Three short tasks from the bundled dataset.
    static let dataset = EvaluationDataset.bundledEval(limit: 3)
}
