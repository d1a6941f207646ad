import Foundation
import Testing
import Models

/// The generator's greedy loop, limits and stop conditions on the tiny Qwen2 fixture.
struct GeneratorTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Families/Fixtures")
    let model: any LanguageModel
    let prompt = [1, 17, 42, 299, 5]

    init() throws {
        model = try ModelLoader.load(path: Self.fixtures.appendingPathComponent("qwen2").path)
    }

    /// Spells token n as "<n>" so that stop strings can be tested without a real vocabulary.
    struct AngleDetokenizer: IncrementalDetokenizer {
        mutating func append(_ id: Int) -> String { "<\(id)>" }
        mutating func finish() -> String { "" }
    }

    /// Greedy continuation computed the slow way: a full forward pass over the whole sequence per token.
    func referenceGreedy(count: Int) throws -> [Int] {
        var sequence = prompt
        for _ in 0..<count {
            let logits = try InferenceSession(model: model, contextCapacity: 64).forward(sequence)
            sequence.append(logits.withUnsafeBufferPointer { Sampler.argmax($0.baseAddress!, count: $0.count) })
        }
        return Array(sequence[prompt.count...])
    }

    @Test func greedyGenerationEqualsArgmaxOfFullForwardPasses() throws {
        let result = try Generator(model: model, contextCapacity: 64).generate(prompt: prompt, options: .init(maxTokens: 8))
        #expect(result.tokens == (try referenceGreedy(count: 8)))
        #expect(result.finishReason == .maxTokens)
        #expect(result.promptTokenCount == 5)
    }

    @Test func tokensAreStreamedInOrder() throws {
        var streamed: [Int] = []
        let result = try Generator(model: model, contextCapacity: 64).generate(prompt: prompt, options: .init(maxTokens: 6)) {
            if let id = $0.id { streamed.append(id) }
            return true
        }
        #expect(streamed == result.tokens)
        #expect(streamed.count == 6)
    }

    @Test func stopTokenEndsGenerationAndIsNotIncluded() throws {
        let expected = try referenceGreedy(count: 4)
        let result = try Generator(model: model, contextCapacity: 64)
            .generate(prompt: prompt, options: .init(maxTokens: 10, stopTokenIDs: [expected[2]]))
        #expect(result.finishReason == .stopToken)
        #expect(result.tokens == Array(expected.prefix(while: { $0 != expected[2] })))
    }

    @Test func stopSequenceCutsTheText() throws {
        let expected = try referenceGreedy(count: 5)
        let stop = "<\(expected[3])>"
        let result = try Generator(model: model, contextCapacity: 64)
            .generate(prompt: prompt, options: .init(maxTokens: 10, stopSequences: [stop]), detokenizer: AngleDetokenizer())
        #expect(result.finishReason == .stopSequence)
        let before = expected.prefix(while: { "<\($0)>" != stop }).map { "<\($0)>" }.joined()
        #expect(result.text == before)
    }

    @Test func callbackReturningFalseCancels() throws {
        var calls = 0
        let result = try Generator(model: model, contextCapacity: 64).generate(prompt: prompt, options: .init(maxTokens: 10)) { _ in
            calls += 1
            return calls < 3
        }
        #expect(result.finishReason == .cancelled)
        #expect(result.tokens.count == 3)
    }

    @Test func promptLongerThanTheContextIsAClearError() throws {
        let generator = Generator(model: model, contextCapacity: 4)
        let error = try #require(throws: ModelError.self) {
            try generator.generate(prompt: prompt, options: .init(maxTokens: 3))
        }
        #expect(error == .contextOverflow(tokens: 5, position: 0, capacity: 4))
        #expect(error.description.contains("longer than the context"))
    }

    @Test func generationStopsWhenTheContextIsFull() throws {
        let result = try Generator(model: model, contextCapacity: 8).generate(prompt: prompt, options: .init(maxTokens: 20))
        #expect(result.finishReason == .contextFull)
        // 5 prompt positions + 3 decoded ones fill 8; the 4th token is sampled from the last logits.
        #expect(result.tokens.count == 4)
    }

    @Test func seededSamplingRepeatsAndDiffersAcrossSeeds() throws {
        let generator = Generator(model: model, contextCapacity: 64)
        let options = GenerationOptions(maxTokens: 12, temperature: 1.5, topK: 50, topP: 0.95, seed: 42)
        let first = try generator.generate(prompt: prompt, options: options).tokens
        let again = try generator.generate(prompt: prompt, options: options).tokens
        var other = options
        other.seed = 43
        #expect(first == again)
        #expect(first != (try generator.generate(prompt: prompt, options: other).tokens))
    }
}
