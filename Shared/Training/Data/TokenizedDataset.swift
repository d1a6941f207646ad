/// Records turned into training examples, with what truncation did to them.
///
/// Prompt and completion are tokenized separately and joined, so the boundary of the loss
/// mask is exact; a sequence longer than `maxLength` keeps its first `maxLength` tokens.
public struct TokenizedDataset: Sendable {
    /// The examples, in record order.
    public let examples: [TrainingExample]
    /// Examples that were cut to `maxLength` (and kept: some completion remained).
    public let truncatedCount: Int
    /// Records dropped because no completion token survived truncation (or the completion was empty).
    public let droppedCount: Int

    /// Tokenizes `records`: [bos] + prompt + completion + [eos], loss on completion (and EOS) only.
    public init(records: [PromptCompletionRecord], tokenizer: some TrainingTokenizer, maxLength: Int,
                bosToken: Int? = nil, eosToken: Int? = nil) throws {
        guard maxLength >= 2 else {
            throw TrainingError.invalidArgument("max length must be at least 2 tokens, got \(maxLength)")
        }
        var examples: [TrainingExample] = []
        var truncated = 0, dropped = 0
        for record in records {
            var tokens: [Int32] = [], mask: [Bool] = []
            if let bosToken { tokens.append(Int32(bosToken)); mask.append(false) }
            for id in tokenizer.encode(record.prompt) { tokens.append(Int32(truncatingIfNeeded: id)); mask.append(false) }
            for id in tokenizer.encode(record.completion) { tokens.append(Int32(truncatingIfNeeded: id)); mask.append(true) }
            if let eosToken { tokens.append(Int32(eosToken)); mask.append(true) }
            let wasCut = tokens.count > maxLength
            if wasCut {
                tokens.removeLast(tokens.count - maxLength)
                mask.removeLast(mask.count - maxLength)
            }
            // The first token is never a target, so a completion must reach position 1 or later.
            guard mask.dropFirst().contains(true) else { dropped += 1; continue }
            if wasCut { truncated += 1 }
            examples.append(try TrainingExample(tokens: tokens, lossMask: mask))
        }
        self.examples = examples
        truncatedCount = truncated
        droppedCount = dropped
    }

    /// Scored tokens over every example.
    public var completionTokenCount: Int { examples.reduce(0) { $0 + $1.completionTokenCount } }
}
