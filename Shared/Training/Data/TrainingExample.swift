/// One tokenized training sequence with the positions the loss scores.
public struct TrainingExample: Sendable, Equatable {
    /// Token ids of prompt then completion (with BOS/EOS when the builder adds them).
    public let tokens: [Int32]
    /// True where a token is part of the completion (scored), false for prompt tokens.
    public let lossMask: [Bool]

    /// An example; `lossMask` must have one entry per token.
    public init(tokens: [Int32], lossMask: [Bool]) throws {
        guard tokens.count == lossMask.count else {
            throw TrainingError.invalidArgument("\(tokens.count) tokens but \(lossMask.count) loss-mask entries")
        }
        self.tokens = tokens
        self.lossMask = lossMask
    }

    /// Scored tokens.
    public var completionTokenCount: Int { lossMask.lazy.filter { $0 }.count }

    /// Next-token targets aligned with `tokens`: position t is scored against tokens[t + 1] when
    /// that token is a completion token, else `ignoreIndex`; the last position is never scored.
    /// (Hugging Face's labels, shifted the way its causal-LM loss shifts them.)
    public func targets(ignoreIndex: Int32 = CrossEntropyBackward.ignoreIndex) -> [Int32] {
        var result = [Int32](repeating: ignoreIndex, count: tokens.count)
        for t in 0..<max(0, tokens.count - 1) where lossMask[t + 1] { result[t] = tokens[t + 1] }
        return result
    }
}
