/// Examples packed into one rectangular batch: `sequences` rows of `length` tokens, shorter
/// examples padded at the end with `padToken` and never scored.
///
/// Right padding is invisible under the causal mask: a real token never attends to a later
/// position, so padding changes no real token's logits.
public struct TrainingBatch: Sendable, Equatable {
    /// Rows in the batch.
    public let sequences: Int
    /// Tokens per row (the longest example's length).
    public let length: Int
    /// Token ids [sequences × length], row by row.
    public let tokens: [Int32]
    /// Next-token targets [sequences × length], ignore-index on prompt, last and padding positions.
    public let targets: [Int32]

    /// Scored positions in the batch.
    public var scoredTokens: Int { targets.lazy.filter { $0 != CrossEntropyBackward.ignoreIndex }.count }

    /// Packs `examples` (at least one) into a batch as long as the longest of them.
    public init(examples: [TrainingExample], padToken: Int32 = 0) throws {
        guard let longest = examples.map(\.tokens.count).max(), longest > 0 else {
            throw TrainingError.invalidArgument("a batch needs at least one non-empty example")
        }
        sequences = examples.count
        length = longest
        var tokens = [Int32](repeating: padToken, count: sequences * longest)
        var targets = [Int32](repeating: CrossEntropyBackward.ignoreIndex, count: sequences * longest)
        for (row, example) in examples.enumerated() {
            let shifted = example.targets()
            for t in 0..<example.tokens.count {
                tokens[row * longest + t] = example.tokens[t]
                targets[row * longest + t] = shifted[t]
            }
        }
        self.tokens = tokens
        self.targets = targets
    }
}
