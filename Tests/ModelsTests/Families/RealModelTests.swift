import Foundation
import Testing
import Models

/// The real Qwen2.5-Coder-0.5B-Instruct Q4_K_M GGUF, when this machine has it.
enum EngineRealModel {
    static let path = FileManager.default.homeDirectoryForCurrentUser
        .appendingPathComponent(".cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf").path
    static let isPresent = FileManager.default.fileExists(atPath: path)
}

/// llama.cpp's greedy continuation of the same prompt on the same file, as the integrator recorded it
/// with llama.cpp (llama-cpp-python, temperature 0, F16 KV cache) in
/// Fixtures/qwen2.5-coder-0.5b-instruct-q4_k_m.llama-cpp-greedy.json.
struct PeerGreedy: Decodable {
    let prompt: String
    let promptIDs: [Int]
    let greedyIDs: [Int]
    let text: String

    enum CodingKeys: String, CodingKey {
        case prompt, text, promptIDs = "prompt_ids", greedyIDs = "greedy_ids"
    }

    static func load() throws -> PeerGreedy {
        try JSONDecoder().decode(PeerGreedy.self, from: Data(contentsOf: ReferenceLogits.fixtures
            .appendingPathComponent("qwen2.5-coder-0.5b-instruct-q4_k_m.llama-cpp-greedy.json")))
    }
}

@Suite(.serialized, .enabled(if: EngineRealModel.isPresent, "real model absent: run ../shared/tools/get-real-model.sh"))
struct RealModelTests {
    @Test func qwen2GGUFLoadsWithItsShape() throws {
        let loaded = try LoadedModel.load(path: EngineRealModel.path)
        let shape = loaded.model.shape
        #expect(shape.architecture == "qwen2")
        #expect(shape.layerCount == 24 && shape.hiddenSize == 896 && shape.heads == 14 && shape.kvHeads == 2)
        #expect(shape.vocabularySize == 151936)
    }

    /// The engine's greedy ids follow llama.cpp's until their first disagreement, and any
    /// disagreement is a near-tie: with llama.cpp's tokens fed back, its choice there scores within
    /// 0.3 of the engine's top logit (llama.cpp quantizes every activation and keeps an F16 KV cache,
    /// which moves logits by about that much). Measured: all 64 tokens equal with the generic quantized
    /// kernels; one earlier kernel build agreed for 41, then chose "# Example usage" over llama.cpp's
    /// "# Test the function" by 0.05 to 0.15 depending on the kernel path.
    @Test func greedyContinuationFollowsLlamaCppUpToANearTie() throws {
        let peer = try PeerGreedy.load()
        let loaded = try LoadedModel.load(path: EngineRealModel.path)
        let prompt = loaded.promptTokens(peer.prompt)
        #expect(!loaded.tokenizer.addsBOSToken)
        #expect(prompt == peer.promptIDs)
        let generator = Generator(model: loaded.model, contextCapacity: 256)
        let result = try generator.generate(
            prompt: prompt, options: GenerationOptions(maxTokens: peer.greedyIDs.count, stopTokenIDs: loaded.stopTokenIDs),
            detokenizer: loaded.tokenizer.streamingDecoder())
        let agreed = zip(result.tokens, peer.greedyIDs).prefix(while: { $0 == $1 }).count
        print("greedy ids equal to llama.cpp's for \(agreed) of \(peer.greedyIDs.count) tokens")
        #expect(agreed >= 40)
        guard agreed < peer.greedyIDs.count else {
            #expect(result.text == peer.text)
            return
        }
        let session = InferenceSession(model: loaded.model, contextCapacity: 256)
        let logits = try session.forward(peer.promptIDs + peer.greedyIDs[..<agreed])
        let best = logits.max() ?? 0
        let margin = best - logits[peer.greedyIDs[agreed]]
        print("at token \(agreed) llama.cpp's choice scores \(margin) below the engine's")
        #expect(margin < 0.3)
    }

    @Test func greedyTextStartsWithLlamaCppDocstring() throws {
        let loaded = try LoadedModel.load(path: EngineRealModel.path)
        var streamed = ""
        let generator = Generator(model: loaded.model, contextCapacity: 128)
        let result = try loaded.generate("def reverse_string(s: str) -> str:\n",
                                         options: GenerationOptions(maxTokens: 12, stopTokenIDs: loaded.stopTokenIDs),
                                         generator: generator) { streamed += $0; return true }
        #expect(streamed == result.text)
        #expect(result.text.hasPrefix("    \"\"\"\n    Reverse a given string.\n"))
    }
}
