import Foundation
import Models

/// Perplexity of a model on held-out token sequences: exp of the mean negative log-likelihood of every
/// token given the ones before it, summed over all sequences (so long texts weigh by their tokens).
///
/// It works on token ids, so any model can be measured without a tokenizer; a sequence longer than the
/// session's context is scored in consecutive windows, each starting from an empty cache.
public struct Perplexity: Sendable, Equatable, Codable {
    /// Sum of -log p(token | prefix) in nats over every predicted token.
    public var negativeLogLikelihood: Double
    /// Tokens predicted (each sequence's first token of a window has no prefix and is not counted).
    public var predictedTokens: Int

    /// An empty accumulator.
    public init(negativeLogLikelihood: Double = 0, predictedTokens: Int = 0) {
        self.negativeLogLikelihood = negativeLogLikelihood
        self.predictedTokens = predictedTokens
    }

    /// exp(mean NLL); nil before any token was predicted.
    public var value: Double? {
        predictedTokens > 0 ? Foundation.exp(negativeLogLikelihood / Double(predictedTokens)) : nil
    }

    /// Mean NLL per token in nats; nil before any token was predicted.
    public var meanNegativeLogLikelihood: Double? {
        predictedTokens > 0 ? negativeLogLikelihood / Double(predictedTokens) : nil
    }

    /// Adds another measurement's tokens to this one.
    public mutating func add(_ other: Perplexity) {
        negativeLogLikelihood += other.negativeLogLikelihood
        predictedTokens += other.predictedTokens
    }

    /// Scores `tokens` with `session` (its cache is reset); sequences of fewer than two tokens predict nothing.
    /// Only tokens at index `scoredFrom` and later count (a prompt before them is context, not scored).
    public static func measure(tokens: [Int], scoredFrom: Int = 1, session: InferenceSession) throws -> Perplexity {
        var total = Perplexity()
        // A window of one token predicts nothing, so at least two are asked for (forward throws if they do not fit).
        let window = Swift.max(2, session.contextCapacity)
        let vocabulary = session.vocabularySize
        var start = 0
        while start + 1 < tokens.count {
            let end = min(start + window, tokens.count)
            let chunk = Array(tokens[start..<end])
            session.reset()
            let logits = try session.forward(chunk, allPositions: true)
            for position in 0..<(chunk.count - 1) where start + position + 1 >= scoredFrom {
                let row = position * vocabulary
                total.negativeLogLikelihood -= logProbability(logits, row: row, count: vocabulary, of: chunk[position + 1])
                total.predictedTokens += 1
            }
            // The next window starts at this window's last token so no token goes unpredicted.
            start = end - 1
            if end == tokens.count { break }
        }
        session.reset()
        return total
    }

    /// Scores every sequence and sums the results.
    public static func measure(sequences: [[Int]], session: InferenceSession) throws -> Perplexity {
        var total = Perplexity()
        for tokens in sequences { total.add(try measure(tokens: tokens, session: session)) }
        return total
    }

    /// Scores each completion given its prompt: the prompt's tokens are context, the completion's are predicted.
    public static func measure(completions: [(prompt: [Int], completion: [Int])], session: InferenceSession) throws -> Perplexity {
        var total = Perplexity()
        for pair in completions {
            total.add(try measure(tokens: pair.prompt + pair.completion, scoredFrom: max(1, pair.prompt.count), session: session))
        }
        return total
    }

    /// log softmax(logits[row...])[token] in Double, shifted by the row's maximum so large logits do not overflow.
    static func logProbability(_ logits: [Float], row: Int, count: Int, of token: Int) -> Double {
        var maximum = -Double.infinity
        for index in row..<(row + count) { maximum = Swift.max(maximum, Double(logits[index])) }
        var sum = 0.0
        for index in row..<(row + count) { sum += Foundation.exp(Double(logits[index]) - maximum) }
        return Double(logits[row + token]) - maximum - Foundation.log(sum)
    }
}
