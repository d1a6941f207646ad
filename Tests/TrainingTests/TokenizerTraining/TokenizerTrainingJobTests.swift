import Foundation
import Models
import Testing
@testable import Training

struct TokenizerTrainingJobTests {
    static func run(into directory: URL, progress: (TokenizerTrainingProgress) -> Void = { _ in }) throws -> TokenizerTrainingReport {
        let corpus = try PythonCorpus.collect(root: TokenizerTrainingFixtures.directory.appendingPathComponent("corpus"))
        return try TokenizerTrainingJob.run(corpus: corpus, outputDirectory: directory, vocabSize: 600,
                                            validationFraction: 0.2, seed: 1, progress: progress)
    }

    @Test func jobWritesTokenizerCorpusRecordAndLicense() throws {
        let directory = try TokenizerTrainingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try Self.run(into: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["CORPUS.md", "CORPUS_LICENSE.txt", "corpus.json", "merges.txt", "special_tokens_map.json",
                          "tokenizer.json", "tokenizer_config.json", "vocab.json"])
        #expect(report.vocabularySize == 600)
        #expect(report.mergeCount == 600 - 261)
        #expect(report.trainFiles + report.validationFiles == 10)
        #expect(report.validationFiles == 2)
        #expect(report.validationRoundTripExact)
        #expect(report.validationBytesPerToken > 2)
        let manifest = try JSONDecoder().decode(CorpusManifest.self, from: Data(contentsOf: directory.appendingPathComponent("corpus.json")))
        #expect(manifest.trainBytes == report.trainBytes)
        #expect(manifest.validationBytes == report.validationBytes)
    }

    @Test func sameCorpusAndSeedWriteTheSameBytes() throws {
        let first = try TokenizerTrainingFixtures.temporaryDirectory()
        let second = try TokenizerTrainingFixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        _ = try Self.run(into: first)
        _ = try Self.run(into: second)
        for name in TrainedBPE.huggingFaceFileNames + ["corpus.json", "CORPUS.md"] {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func progressWalksThroughEveryStage() throws {
        let directory = try TokenizerTrainingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var events: [TokenizerTrainingProgress] = []
        let report = try Self.run(into: directory) { events.append($0) }
        #expect(events.first == .countingWords(files: 1, of: report.trainFiles))
        #expect(events.contains(.merging(merges: report.mergeCount, of: 600 - 261)))
        #expect(events.contains(.writingFiles))
        #expect(events.last == .measuring(files: report.validationFiles, of: report.validationFiles))
    }

    @Test func corpusWithoutPythonFilesIsAnError() throws {
        let directory = try TokenizerTrainingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = try PythonCorpus.collect(root: directory)
        #expect(throws: TokenizerTrainingError.self) {
            try TokenizerTrainingJob.run(corpus: corpus, outputDirectory: directory.appendingPathComponent("out"))
        }
    }
}
