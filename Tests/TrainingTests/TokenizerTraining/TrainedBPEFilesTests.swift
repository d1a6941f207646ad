import Foundation
import Models
import Testing
@testable import Training

struct TrainedBPEFilesTests {
    static func trainFixture(vocabularySize: Int = 1000) throws -> TrainedBPE {
        try BPETrainer(configuration: BPETrainerConfiguration(vocabularySize: vocabularySize, minimumFrequency: 2))
            .train(try TokenizerTrainingFixtures.trainWordCounts())
    }

    static func writtenFixture() throws -> URL {
        let directory = try TokenizerTrainingFixtures.temporaryDirectory()
        try trainFixture().write(to: directory)
        return directory
    }

    @Test func writesTheFilesOfAGPT2Checkpoint() throws {
        let directory = try Self.writtenFixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["merges.txt", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json", "vocab.json"])
    }

    @Test func writtenTokenizerRoundTripsHeldOutText() throws {
        let directory = try Self.writtenFixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenizer = try BPETokenizer(tokenizerJSON: directory.appendingPathComponent("tokenizer.json"))
        for (name, text) in try TokenizerTrainingFixtures.heldOutTexts() {
            let ids = tokenizer.encode(text)
            #expect(ids.count < text.utf8.count / 2, "\(name) should compress")
            #expect(tokenizer.decode(ids) == text, "\(name)")
        }
    }

    @Test func writtenTokenizerEncodesHeldOutTextAsTokenizersDoes() throws {
        let directory = try Self.writtenFixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenizer = try BPETokenizer(tokenizerJSON: directory.appendingPathComponent("tokenizer.json"))
        let reference = try TokenizerTrainingFixtures.referenceHeldOutIDs("hf_bpe_v1000_min2")
        for (name, text) in try TokenizerTrainingFixtures.heldOutTexts() {
            #expect(tokenizer.encode(text) == reference[name], "\(name)")
        }
    }

    @Test func vocabAndMergesFilesEncodeLikeTokenizerJSON() throws {
        let directory = try Self.writtenFixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fromJSON = try BPETokenizer(tokenizerJSON: directory.appendingPathComponent("tokenizer.json"))
        let fromPair = try BPETokenizer(vocabJSON: directory.appendingPathComponent("vocab.json"),
                                        mergesTXT: directory.appendingPathComponent("merges.txt"))
        for (_, text) in try TokenizerTrainingFixtures.heldOutTexts() {
            #expect(fromPair.encode(text, parseSpecialTokens: false) == fromJSON.encode(text, parseSpecialTokens: false))
        }
    }

    @Test func modelDirectoryLoadsWithSpecialTokenRoles() throws {
        let directory = try Self.writtenFixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenizer = try BPETokenizer(modelDirectory: directory)
        #expect(tokenizer.eosTokenID == 0)
        #expect(tokenizer.bosTokenID == 0)
        #expect(tokenizer.paddingTokenID == 1)
        #expect(tokenizer.addsBOSToken == false)
        #expect(tokenizer.vocabularySize == 1000)
        #expect(tokenizer.encode("x<|fim_prefix|>y") == [tokenizer.id(forToken: "x"), 2, tokenizer.id(forToken: "y")].compactMap { $0 })
        #expect(tokenizer.specialTokenIDs == [0, 1, 2, 3, 4])
    }

    @Test func byteAlphabetAgreesWithTheProjectTokenizer() throws {
        let directory = try Self.writtenFixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenizer = try BPETokenizer(tokenizerJSON: directory.appendingPathComponent("tokenizer.json"))
        for byte in 0..<256 {
            let token = ByteLevelSymbols.token(for: [UInt8(byte)])
            let id = try #require(tokenizer.id(forToken: token))
            #expect(tokenizer.decodedBytes([id]) == [UInt8(byte)])
        }
    }

    @Test func sameTrainingWritesTheSameBytes() throws {
        let first = try TokenizerTrainingFixtures.temporaryDirectory()
        let second = try TokenizerTrainingFixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try Self.trainFixture().write(to: first)
        try Self.trainFixture().write(to: second)
        for name in TrainedBPE.huggingFaceFileNames {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name)")
        }
    }

    @Test func mergesTextListsMergesAfterAVersionLine() throws {
        let lines = try Self.trainFixture().mergesText().split(separator: "\n")
        #expect(lines.first == "#version: 0.2")
        #expect(lines.count == 1 + 739)
        #expect(lines[1] == "Ġ Ġ")
    }

    @Test func paddingRoleMustBeASpecialToken() throws {
        let directory = try TokenizerTrainingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: TokenizerTrainingError.self) {
            try Self.trainFixture().write(to: directory, settings: TokenizerFileSettings(paddingToken: "<pad>"))
        }
    }

    @Test func jsonStringsEscapeQuotesBackslashesAndControls() {
        #expect(TrainedBPE.quoted("a\"b\\c\n\u{1}é") == #""a\"b\\c\n\u0001é""#)
    }
}
