import Foundation
import Testing
@testable import Training

/// JSONL records into token-id examples with a completion-only loss mask.
struct TrainingDataTests {
    /// One id per UTF-8 byte, so expected ids are easy to write.
    let bytes = ClosureTokenizer { text in text.utf8.map { Int($0) } }

    func file(_ lines: [String]) throws -> String {
        let path = try Fixture.scratchDirectory() + "/train.jsonl"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsPromptCompletionLinesSkippingBlankOnes() throws {
        let path = try file([#"{"prompt": "def f():", "completion": " return 1"}"#, "", #"{"prompt": "a", "completion": "b", "id": 3}"#])
        let records = try PromptCompletionRecord.readJSONL(path: path)
        #expect(records == [PromptCompletionRecord(prompt: "def f():", completion: " return 1"),
                            PromptCompletionRecord(prompt: "a", completion: "b")])
    }

    @Test func humanEvalRecordsUseTheCanonicalSolutionAsCompletion() throws {
        let path = try file([#"{"task_id": "HumanEval/0", "prompt": "def add(a, b):\n", "canonical_solution": "    return a + b\n", "test": "assert add(1, 2) == 3", "entry_point": "add"}"#])
        #expect(try PromptCompletionRecord.readJSONL(path: path) == [PromptCompletionRecord(prompt: "def add(a, b):\n", completion: "    return a + b\n")])
    }

    @Test func aBadLineIsAnErrorNamingTheFileAndLine() throws {
        let path = try file([#"{"prompt": "a", "completion": "b"}"#, "", #"{"prompt": "a", "completion": "#])
        #expect(throws: TrainingError.invalidData("\(path):3: not valid JSON")) { try PromptCompletionRecord.readJSONL(path: path) }
    }

    @Test func aMissingCompletionIsAnErrorNamingTheLine() throws {
        let path = try file([#"{"prompt": "a"}"#])
        #expect(throws: TrainingError.invalidData(#"\#(path):1: missing "completion" (or HumanEval's "canonical_solution")"#)) {
            try PromptCompletionRecord.readJSONL(path: path)
        }
    }

    @Test func aNonStringPromptIsAnErrorNamingTheField() throws {
        let path = try file([#"{"prompt": 5, "completion": "b"}"#])
        #expect(throws: TrainingError.invalidData(#"\#(path):1: "prompt" must be a string"#)) {
            try PromptCompletionRecord.readJSONL(path: path)
        }
    }

    @Test func lossMaskCoversCompletionAndEOSOnly() throws {
        let data = try TokenizedDataset(records: [PromptCompletionRecord(prompt: "ab", completion: "c")], tokenizer: bytes,
                                        maxLength: 16, bosToken: 1, eosToken: 2)
        let example = try #require(data.examples.first)
        #expect(example.tokens == [1, 97, 98, 99, 2])
        #expect(example.lossMask == [false, false, false, true, true])
        #expect(data.completionTokenCount == 2)
    }

    @Test func targetsAreTheNextTokensWithPromptPositionsIgnored() throws {
        let example = try TrainingExample(tokens: [1, 97, 98, 99, 2], lossMask: [false, false, false, true, true])
        #expect(example.targets() == [-100, -100, 99, 2, -100])
    }

    @Test func truncationKeepsTheFirstTokensAndCountsTheExample() throws {
        let records = [PromptCompletionRecord(prompt: "ab", completion: "cdefgh"), PromptCompletionRecord(prompt: "x", completion: "y")]
        let data = try TokenizedDataset(records: records, tokenizer: bytes, maxLength: 4)
        #expect(data.examples.map(\.tokens) == [[97, 98, 99, 100], [120, 121]])
        #expect(data.truncatedCount == 1 && data.droppedCount == 0)
    }

    @Test func anExampleWithNoCompletionLeftAfterTruncationIsDroppedAndCounted() throws {
        let records = [PromptCompletionRecord(prompt: "abcdef", completion: "g")]
        let data = try TokenizedDataset(records: records, tokenizer: bytes, maxLength: 4)
        #expect(data.examples.isEmpty && data.droppedCount == 1 && data.truncatedCount == 0)
    }
}
