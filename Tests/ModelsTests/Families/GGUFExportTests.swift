import Foundation
import Testing
import Models
import Tensor

/// A variant saved as GGUF loads back as the same model.
struct GGUFExportTests {
    let tokens = [3, 250, 11, 64, 90, 2, 199, 33, 8, 141, 276, 19, 0]

    func logits(_ model: any LanguageModel) throws -> [Float] {
        try InferenceSession(model: model, contextCapacity: 32).forward(tokens, allPositions: true)
    }

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lce-export-\(UUID().uuidString).gguf").path
    }

    @Test func q8_0Qwen2VariantReloadsWithIdenticalLogits() throws {
        let variant = try ModelQuantizer.quantize(try ModelLoader.load(path: ReferenceLogits.path("qwen2")), to: .q8_0)
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelGGUFExport.write(variant, to: path, name: "tiny-qwen2-q8_0")
        let reloaded = try #require(try ModelLoader.load(path: path) as? Llama)
        #expect(reloaded.ropeStyle == .halves)
        #expect(reloaded.parameters.tiedOutput)
        #expect(reloaded.parameters.layers[0].gate.dtype == .q8_0)
        #expect(try logits(reloaded) == (try logits(variant)))
    }

    @Test func huggingFaceLlamaIsSavedWithQueryKeyRowsPermutedForInterleavedRoPE() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("llama"))
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelGGUFExport.write(model, to: path, name: "tiny-llama")
        let reloaded = try #require(try ModelLoader.load(path: path) as? Llama)
        #expect(reloaded.ropeStyle == .interleaved)
        #expect(!reloaded.parameters.tiedOutput)
        // The same permutation llama.cpp's converter applies: compare with the committed llama.gguf.
        let converted = try #require(try ModelLoader.load(path: ReferenceLogits.path("llama.gguf")) as? Llama)
        #expect(reloaded.parameters.layers[1].key.toFloat32() == converted.parameters.layers[1].key.toFloat32())
        #expect(reloaded.parameters.layers[1].query.toFloat32() == converted.parameters.layers[1].query.toFloat32())
        #expect(ReferenceLogits.relativeError(try logits(reloaded), try logits(model)) < 1e-5)
    }

    @Test func tokenizerMetadataIsCopiedFromTheSourceGGUF() throws {
        var tokenizerOnly = GGUFWriter()
        try tokenizerOnly.set("general.architecture", .string("qwen2"))
        try tokenizerOnly.set("tokenizer.ggml.model", .string("gpt2"))
        try tokenizerOnly.set("tokenizer.ggml.tokens", .array(.string(["a", "b", "ab"])))
        let sourcePath = temporaryPath(), path = temporaryPath()
        defer {
            try? FileManager.default.removeItem(atPath: sourcePath)
            try? FileManager.default.removeItem(atPath: path)
        }
        try tokenizerOnly.write(to: sourcePath)
        let model = try ModelLoader.load(path: ReferenceLogits.path("qwen2-q8_0.gguf"))
        try ModelGGUFExport.write(model, to: path, name: "copy", tokenizerFrom: try GGUFFile(path: sourcePath))
        let written = try GGUFFile(path: path)
        #expect(try written.string("general.architecture") == "qwen2")
        #expect(try written.integer("qwen2.attention.head_count_kv") == 2)
        #expect(try written.float("qwen2.rope.freq_base") == 1_000_000)
        #expect(try written.string("tokenizer.ggml.model") == "gpt2")
        #expect(try written.stringArray("tokenizer.ggml.tokens") == ["a", "b", "ab"])
    }

    @Test func gpt2ExportIsRefusedWithAReason() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("gpt2"))
        let error = try #require(throws: ModelError.self) {
            try ModelGGUFExport.write(model, to: temporaryPath(), name: "gpt2")
        }
        #expect(error.description.contains("GGUF export of gpt2"))
    }
}
