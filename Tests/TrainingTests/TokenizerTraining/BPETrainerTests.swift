import Foundation
import Testing
@testable import Training

struct BPETrainerTests {
    /// hug×10 pug×5 pun×12 bun×4 hugs×5, worked by hand: u+g (20), u+n (16), h+ug (15),
    /// p+un (12), then p+ug and hug+s tie at 5 and p+ug wins (its left id, a byte, is
    /// smaller than hug's), then hug+s (5), then b+un (4).
    @Test func smallCorpusGivesTheMergesWorkedByHand() throws {
        var words = try WordCounts()
        for (word, count) in [("hug", 10), ("pug", 5), ("pun", 12), ("bun", 4), ("hugs", 5)] {
            words.add(word: word, count: count)
        }
        let trainer = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 256 + 7, minimumFrequency: 0, specialTokens: []))
        let trained = trainer.train(words)
        #expect(trained.mergeStrings.map { [$0.0, $0.1] } == [["u", "g"], ["u", "n"], ["h", "ug"], ["p", "un"], ["p", "ug"], ["hug", "s"], ["b", "un"]])
        #expect(Array(trained.vocabulary.suffix(7)) == ["ug", "un", "hug", "pun", "pug", "hugs", "bun"])
    }

    /// In "aaaa" the pair a+a occurs three times but merges twice, left to right, leaving
    /// "aa aa"; the next merge is aa+aa, not aa+a.
    @Test func repeatedSymbolsMergeLeftToRightWithoutOverlap() throws {
        var words = try WordCounts()
        words.add(word: "aaaa")
        let trainer = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 258, minimumFrequency: 0, specialTokens: []))
        #expect(trainer.train(words).mergeStrings.map { [$0.0, $0.1] } == [["a", "a"], ["aa", "aa"]])
    }

    @Test func minimumFrequencyStopsTraining() throws {
        var words = try WordCounts()
        for (word, count) in [("hug", 10), ("pug", 5), ("pun", 12), ("bun", 4), ("hugs", 5)] {
            words.add(word: word, count: count)
        }
        let trainer = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 1000, minimumFrequency: 12, specialTokens: []))
        #expect(trainer.train(words).mergeStrings.map { $0.0 + $0.1 } == ["ug", "un", "hug", "pun"])
    }

    @Test func specialTokensTakeTheFirstIdsThenBytesInAlphabetOrder() throws {
        let trainer = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 300, specialTokens: ["<|endoftext|>", "<|pad|>"]))
        let trained = trainer.train(try WordCounts())
        #expect(trained.vocabulary.count == 258)
        #expect(Array(trained.vocabulary.prefix(4)) == ["<|endoftext|>", "<|pad|>", "!", "\""])
        // Bytes outside printable Latin-1 (space, newline, NUL) come last, from U+0100 on.
        #expect(trained.vocabulary[2 + 188] == "Ā")
        #expect(trained.vocabulary.contains("Ġ"))
        #expect(trained.merges.isEmpty)
    }

    @Test func vocabularyTooSmallForTheAlphabetIsAnError() throws {
        #expect(throws: TokenizerTrainingError(subject: "vocabulary size", problem: "200 is below the 5 special tokens plus 256 byte tokens (261)")) {
            try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 200))
        }
    }

    @Test func mergesEqualTokenizersOnTheCommittedCorpus() throws {
        let words = try TokenizerTrainingFixtures.trainWordCounts()
        let trainer = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 1000, minimumFrequency: 2))
        let trained = trainer.train(words)
        let reference = try TokenizerTrainingFixtures.referenceMerges("hf_bpe_v1000_min2")
        #expect(reference.count == 739)
        #expect(trained.mergeStrings.map { [$0.0, $0.1] } == reference)
    }

    @Test func vocabularyEqualsTokenizersOnTheCommittedCorpus() throws {
        let trained = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 1000, minimumFrequency: 2))
            .train(try TokenizerTrainingFixtures.trainWordCounts())
        let reference = try TokenizerTrainingFixtures.referenceVocabulary("hf_bpe_v1000_min2")
        let ours = Dictionary(uniqueKeysWithValues: trained.vocabulary.enumerated().map { ($1, $0) })
        #expect(ours == reference)
    }

    /// With no minimum frequency training goes on into pairs seen once, where nearly every
    /// choice is a tie, so this checks the tie-break rule thousands of times.
    @Test func tieBreaksEqualTokenizersDownToPairsSeenOnce() throws {
        let trained = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 3000, minimumFrequency: 0))
            .train(try TokenizerTrainingFixtures.trainWordCounts())
        let reference = try TokenizerTrainingFixtures.referenceMerges("hf_bpe_v3000_min0")
        #expect(trained.mergeStrings.map { [$0.0, $0.1] } == reference)
        let vocabulary = try TokenizerTrainingFixtures.referenceVocabulary("hf_bpe_v3000_min0")
        #expect(Dictionary(uniqueKeysWithValues: trained.vocabulary.enumerated().map { ($1, $0) }) == vocabulary)
    }

    @Test func trainingDoesNotDependOnTheOrderWordsWereCounted() throws {
        var forward = try WordCounts()
        var backward = try WordCounts()
        let words = ["def", " f", "(x", "):", "\n   ", " return", " x", " +", " 1", "\n"]
        for (count, word) in words.enumerated() { forward.add(word: word, count: count % 3 + 1) }
        for (count, word) in words.enumerated().reversed() { backward.add(word: word, count: count % 3 + 1) }
        let trainer = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 290, minimumFrequency: 0))
        let a = trainer.train(forward)
        let b = trainer.train(backward)
        #expect(a == b)
        #expect(a.tokenizerJSON() == b.tokenizerJSON())
        #expect(!a.merges.isEmpty)
    }

    @Test func progressReportsEveryMergeCountUpToTheEnd() throws {
        var reports: [Int] = []
        let trained = try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: 1000, minimumFrequency: 2))
            .train(try TokenizerTrainingFixtures.trainWordCounts()) { done, target in
                #expect(target == 739)
                reports.append(done)
            }
        #expect(reports.first == 0)
        #expect(reports.last == trained.merges.count)
        #expect(reports == reports.sorted())
    }
}
