import Foundation
import Testing
import Models

/// A batched prefill followed by one-token decode steps through the KV cache gives the logits of
/// running the whole sequence at once.
struct IncrementalDecodingTests {
    static let families = ["gpt2", "opt", "opt-postln-proj", "llama", "qwen2", "llama.gguf"]
    let tokens = [3, 250, 11, 64, 90, 2, 199, 33, 8, 141, 276, 19, 0]

    @Test(arguments: families)
    func prefillThenDecodeEqualsFullSequence(fixture: String) throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path(fixture))
        let vocab = model.shape.vocabularySize
        let full = try InferenceSession(model: model, contextCapacity: 32).forward(tokens, allPositions: true)

        let session = InferenceSession(model: model, contextCapacity: 32)
        var stepped = try session.forward(Array(tokens[0..<5]), allPositions: true)
        for token in tokens[5...] {
            stepped += try session.forward([token])
        }
        #expect(session.position == tokens.count)
        let error = ReferenceLogits.relativeError(stepped, full)
        #expect(error < 1e-5, "\(fixture): relative error \(error)")
        #expect(stepped.count == tokens.count * vocab)
    }

    @Test(arguments: ["gpt2", "llama"])
    func prefillSplitIntoChunksEqualsOneBatch(fixture: String) throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path(fixture))
        let whole = try InferenceSession(model: model, contextCapacity: 32).forward(tokens, allPositions: true)
        let chunked = try InferenceSession(model: model, contextCapacity: 32, batchCapacity: 4)
            .forward(tokens, allPositions: true)
        #expect(ReferenceLogits.relativeError(chunked, whole) < 1e-5)
    }

    @Test func lastPositionLogitsEqualTheLastRowOfAllPositions() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("qwen2"))
        let vocab = model.shape.vocabularySize
        let all = try InferenceSession(model: model, contextCapacity: 32).forward(tokens, allPositions: true)
        let last = try InferenceSession(model: model, contextCapacity: 32).forward(tokens)
        // Equal up to summation order: one row goes through matvec, many rows through sgemm.
        #expect(ReferenceLogits.relativeError(last, Array(all[(tokens.count - 1) * vocab..<tokens.count * vocab])) < 1e-6)
        #expect(last.count == vocab)
    }

    @Test func resetSessionRepeatsTheSameLogits() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("opt"))
        let session = InferenceSession(model: model, contextCapacity: 32)
        let first = try session.forward(tokens)
        session.reset()
        #expect(session.position == 0)
        #expect(try session.forward(tokens) == first)
    }

    @Test func promptLongerThanTheContextIsRejectedWithoutTouchingTheCache() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("llama"))
        let session = InferenceSession(model: model, contextCapacity: 8)
        #expect(throws: ModelError.contextOverflow(tokens: 13, position: 0, capacity: 8)) {
            try session.forward(tokens)
        }
        #expect(session.position == 0)
    }

    @Test func tokenOutsideTheVocabularyIsRejected() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("gpt2"))
        let session = InferenceSession(model: model, contextCapacity: 8)
        #expect(throws: ModelError.tokenOutOfRange(token: 300, vocabularySize: 300)) {
            try session.forward([1, 300])
        }
        #expect(throws: ModelError.tokenOutOfRange(token: -1, vocabularySize: 300)) { try session.forward([-1]) }
    }

    @Test func gpt2ContextIsCappedAtItsLearnedPositions() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("gpt2"))
        let session = InferenceSession(model: model, contextCapacity: 1000)
        #expect(session.contextCapacity == 64)
    }
}
