import Testing
@testable import Training

/// Packing examples into padded batches, and the seeded split.
struct TrainingBatchTests {
    func example(_ tokens: [Int32], completionFrom start: Int) throws -> TrainingExample {
        try TrainingExample(tokens: tokens, lossMask: tokens.indices.map { $0 >= start })
    }

    @Test func shorterExamplesArePaddedAndThePaddingIsNotScored() throws {
        let batch = try TrainingBatch(examples: [try example([5, 6, 7, 8], completionFrom: 2), try example([9, 10], completionFrom: 1)],
                                      padToken: 0)
        #expect(batch.sequences == 2 && batch.length == 4)
        #expect(batch.tokens == [5, 6, 7, 8, 9, 10, 0, 0])
        #expect(batch.targets == [-100, 7, 8, -100, 10, -100, -100, -100])
        #expect(batch.scoredTokens == 3)
    }

    @Test func batchesKeepOrderAndTheLastMayBeSmaller() throws {
        let examples = try (0..<5).map { try example([Int32($0), 1, 2], completionFrom: 1) }
        let batches = try examples.batches(of: 2)
        #expect(batches.map(\.sequences) == [2, 2, 1])
        #expect(batches[2].tokens == [4, 1, 2])
    }

    @Test func splitIsSeededAndDisjoint() throws {
        let records = (0..<10).map { PromptCompletionRecord(prompt: "p\($0)", completion: "c") }
        let data = try TokenizedDataset(records: records, tokenizer: ClosureTokenizer { $0.utf8.map { Int($0) } }, maxLength: 8)
        let first = data.split(heldOutFraction: 0.2, seed: 4), again = data.split(heldOutFraction: 0.2, seed: 4)
        #expect(first.heldOut.count == 2 && first.train.count == 8)
        #expect(first.heldOut == again.heldOut)
        #expect(Set(first.heldOut.map(\.tokens)).isDisjoint(with: Set(first.train.map(\.tokens))))
    }
}
