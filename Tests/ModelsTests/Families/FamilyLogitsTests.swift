import Foundation
import Testing
import Models

/// Each family's logits on tiny random weights agree with the numpy reference within 1e-4 (relative).
struct FamilyLogitsTests {
    /// Runs every reference sequence through a fresh session in one batch and returns the worst relative error.
    func worstError(model: any LanguageModel, reference: ReferenceLogits) throws -> Float {
        var worst: Float = 0
        for sequence in reference.sequences {
            let session = InferenceSession(model: model, contextCapacity: 32)
            let logits = try session.forward(sequence.tokens, allPositions: true)
            worst = max(worst, ReferenceLogits.relativeError(logits, sequence.logits.flatMap { $0 }))
        }
        return worst
    }

    @Test(arguments: ["gpt2", "opt", "opt-postln-proj", "llama", "qwen2"])
    func huggingFaceDirectoryLogitsMatchReference(fixture: String) throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path(fixture))
        let reference = try ReferenceLogits.load(fixture + "/expected_logits.json")
        let error = try worstError(model: model, reference: reference)
        #expect(error < 1e-4, "\(fixture): relative error \(error)")
    }

    @Test func loaderPicksTheFamilyFromModelType() throws {
        #expect(try ModelLoader.load(path: ReferenceLogits.path("gpt2")) is GPT2)
        #expect(try ModelLoader.load(path: ReferenceLogits.path("opt")) is OPT)
        let qwen = try #require(try ModelLoader.load(path: ReferenceLogits.path("qwen2")) as? Llama)
        #expect(qwen.parameters.tiedOutput)
        #expect(qwen.parameters.layers[0].queryBias != nil)
        #expect(qwen.shape.kvHeads == 2 && qwen.shape.heads == 4)
    }

    @Test func ggufLlamaWithPermutedQueryKeyMatchesReference() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("llama.gguf"))
        let llama = try #require(model as? Llama)
        #expect(llama.ropeStyle == .interleaved)
        #expect(!llama.parameters.tiedOutput)
        let error = try worstError(model: model, reference: ReferenceLogits.load("llama.expected_logits.json"))
        #expect(error < 1e-4, "relative error \(error)")
    }

    @Test func ggufGPT2WithFusedQKVMatchesReference() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("gpt2.gguf"))
        let gpt2 = try #require(model as? GPT2)
        #expect(gpt2.parameters.tiedOutput)
        let error = try worstError(model: model, reference: ReferenceLogits.load("gpt2/expected_logits.json"))
        #expect(error < 1e-4, "relative error \(error)")
    }

    @Test func ggufQwen2WithQ8_0WeightsMatchesReferenceOnDequantizedWeights() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("qwen2-q8_0.gguf"))
        let qwen = try #require(model as? Llama)
        #expect(qwen.ropeStyle == .halves)
        #expect(qwen.parameters.tiedOutput)
        #expect(qwen.parameters.layers[1].down.dtype == .q8_0)
        let error = try worstError(model: model, reference: ReferenceLogits.load("qwen2-q8_0.expected_logits.json"))
        // The Q8_0 kernels also quantize the activations to 8 bits, as llama.cpp does, at every
        // position of the batch, so the bound is looser than 1e-4: measured 5.0e-2 on these
        // deliberately large random weights (the same on the generic, AVX2 and AVX-512 paths).
        #expect(error < 7e-2, "relative error \(error)")
    }
}
