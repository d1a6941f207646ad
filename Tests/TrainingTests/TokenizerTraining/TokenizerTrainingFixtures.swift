import Foundation
import Training

/// Paths and loaders for the tokenizer training fixtures (made by Fixtures/make_bpe_fixtures.py).
enum TokenizerTrainingFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The committed standard-library corpus's training files.
    static var trainCorpus: URL { directory.appendingPathComponent("corpus/train") }

    /// The held-out files, by name.
    static func heldOutTexts() throws -> [(name: String, text: String)] {
        let folder = directory.appendingPathComponent("corpus/heldout")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Word counts of the training files, each file one text, as the fixture script feeds them.
    static func trainWordCounts() throws -> WordCounts {
        var words = try WordCounts()
        let names = try FileManager.default.contentsOfDirectory(atPath: trainCorpus.path).sorted()
        for name in names {
            words.add(try String(contentsOf: trainCorpus.appendingPathComponent(name), encoding: .utf8))
        }
        return words
    }

    /// The merges of a `tokenizers` fixture, as token-string pairs.
    static func referenceMerges(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: directory.appendingPathComponent("\(name)/merges.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#version") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The vocabulary of a `tokenizers` fixture.
    static func referenceVocabulary(_ name: String) throws -> [String: Int] {
        try JSONDecoder().decode([String: Int].self, from: Data(contentsOf: directory.appendingPathComponent("\(name)/vocab.json")))
    }

    /// The ids `tokenizers` gave each held-out file.
    static func referenceHeldOutIDs(_ name: String) throws -> [String: [Int]] {
        try JSONDecoder().decode([String: [Int]].self, from: Data(contentsOf: directory.appendingPathComponent("\(name)/heldout_ids.json")))
    }

    /// A fresh empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bpetrainer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
