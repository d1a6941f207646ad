import Foundation
import Testing
@testable import Evaluation
import Models

/// Perplexity on token ids, checked against values computed by hand from reference logits.
struct PerplexityTests {
    struct ReferenceFile: Decodable {
        struct Sequence: Decodable {
            let tokens: [Int]
            let logits: [[Double]]
        }
        let sequences: [Sequence]
    }

    @Test func uniformPredictionOfFourTokensHasPerplexityFour() throws {
        let value = try #require(Perplexity(negativeLogLikelihood: 3 * log(4.0), predictedTokens: 3).value)
        #expect(abs(value - 4) < 1e-12)
    }

    @Test func logProbabilityIsLogSoftmax() {
        // softmax([0, ln 3]) = [1/4, 3/4]
        let logits: [Float] = [0, Float(log(3.0))]
        #expect(abs(Perplexity.logProbability(logits, row: 0, count: 2, of: 1) - log(0.75)) < 1e-6)
        #expect(abs(Perplexity.logProbability(logits, row: 0, count: 2, of: 0) - log(0.25)) < 1e-6)
    }

    @Test func tinyModelMatchesPerplexityFromReferenceLogits() throws {
        let reference = try JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: TinyModelFixture.referenceLogits))
        let sequence = try #require(reference.sequences.first { $0.tokens.count > 2 })
        // By hand: -log softmax(logits at p)[token p+1], averaged over positions, exponentiated.
        var nll = 0.0
        for position in 0..<(sequence.tokens.count - 1) {
            let row = sequence.logits[position]
            let maximum = row.max()!
            let logSum = log(row.reduce(0) { $0 + exp($1 - maximum) }) + maximum
            nll -= row[sequence.tokens[position + 1]] - logSum
        }
        let expected = exp(nll / Double(sequence.tokens.count - 1))

        let model = try ModelLoader.load(directory: ModelDirectory(path: TinyModelFixture.modelDirectory))
        let measured = try Perplexity.measure(tokens: sequence.tokens, session: InferenceSession(model: model))
        #expect(measured.predictedTokens == sequence.tokens.count - 1)
        let value = try #require(measured.value)
        #expect(abs(value - expected) / expected < 1e-4)
    }

    @Test func longSequenceIsScoredInWindowsPredictingEveryTokenButTheFirst() throws {
        let model = try ModelLoader.load(directory: ModelDirectory(path: TinyModelFixture.modelDirectory))
        let tokens = (0..<20).map { ($0 * 37) % 300 }
        let measured = try Perplexity.measure(tokens: tokens, session: InferenceSession(model: model, contextCapacity: 8))
        #expect(measured.predictedTokens == 19)
        #expect((measured.value ?? 0) > 1)
    }

    @Test func sequencesAddUpTheirTokens() throws {
        let model = try ModelLoader.load(directory: ModelDirectory(path: TinyModelFixture.modelDirectory))
        let session = InferenceSession(model: model)
        let first = try Perplexity.measure(tokens: [1, 2, 3, 4], session: session)
        let second = try Perplexity.measure(tokens: [5, 6, 7], session: session)
        let both = try Perplexity.measure(sequences: [[1, 2, 3, 4], [5, 6, 7], [9]], session: session)
        #expect(both.predictedTokens == 5)
        #expect(abs(both.negativeLogLikelihood - (first.negativeLogLikelihood + second.negativeLogLikelihood)) < 1e-9)
    }

    @Test func completionIsScoredGivenItsPromptWithoutScoringThePrompt() throws {
        let model = try ModelLoader.load(directory: ModelDirectory(path: TinyModelFixture.modelDirectory))
        let session = InferenceSession(model: model)
        let whole = try Perplexity.measure(tokens: [1, 2, 3, 4, 5, 6], session: session)
        let promptOnly = try Perplexity.measure(tokens: [1, 2, 3], session: session)
        let completion = try Perplexity.measure(completions: [(prompt: [1, 2, 3], completion: [4, 5, 6])], session: session)
        // Tokens 4, 5 and 6 are predicted, each from everything before it; the prompt's own tokens are not.
        #expect(completion.predictedTokens == 3)
        #expect(abs(completion.negativeLogLikelihood - (whole.negativeLogLikelihood - promptOnly.negativeLogLikelihood)) < 1e-6)
    }

    @Test func completionScoringHoldsAcrossWindows() throws {
        let model = try ModelLoader.load(directory: ModelDirectory(path: TinyModelFixture.modelDirectory))
        let tokens = (0..<20).map { ($0 * 37) % 300 }
        let measured = try Perplexity.measure(tokens: tokens, scoredFrom: 12, session: InferenceSession(model: model, contextCapacity: 8))
        #expect(measured.predictedTokens == 8)
    }
}
