import Foundation
import Testing
@testable import Training

struct PythonCorpusTests {
    /// A tree with code, a test suite, installed packages, a big file, a Latin-1 file and a
    /// non-Python file.
    static func makeTree() throws -> URL {
        let root = try TokenizerTrainingFixtures.temporaryDirectory()
        let files: [(String, [UInt8])] = [
            ("b.py", Array("import os\n".utf8)),
            ("a.py", Array("x = 1\n".utf8)),
            ("pkg/__init__.py", Array("".utf8)),
            ("pkg/mod.py", Array("def f():\n    return 2\n".utf8)),
            ("pkg/test/test_mod.py", Array("assert True\n".utf8)),
            ("tests/t.py", Array("pass\n".utf8)),
            ("site-packages/third.py", Array("pass\n".utf8)),
            ("big.py", Array(repeating: UInt8(ascii: "#"), count: 5000)),
            ("latin1.py", [0x23, 0x20, 0xE9, 0x0A]),
            ("README.txt", Array("hello".utf8)),
        ]
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return root
    }

    @Test func collectsPythonFilesInPathOrderSkippingTestsPackagesBigAndNonUTF8() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let corpus = try PythonCorpus.collect(root: root, options: PythonCorpusOptions(maximumFileBytes: 1000))
        #expect(corpus.files.map(\.relativePath) == ["a.py", "b.py", "pkg/__init__.py", "pkg/mod.py"])
        #expect(corpus.files.map(\.byteCount) == [6, 10, 0, 22])
        #expect(corpus.totalBytes == 38)
        #expect(corpus.skippedTooLarge.map(\.relativePath) == ["big.py"])
        #expect(corpus.skippedNotUTF8.map(\.relativePath) == ["latin1.py"])
    }

    @Test func missingRootIsAnErrorNamingIt() {
        #expect(throws: TokenizerTrainingError(subject: "/nonexistent/lce-corpus", problem: "is not a directory")) {
            try PythonCorpus.collect(root: URL(fileURLWithPath: "/nonexistent/lce-corpus"))
        }
    }

    @Test func splitIsByFileDisjointAndCoversEveryFile() throws {
        let corpus = try PythonCorpus.collect(root: TokenizerTrainingFixtures.trainCorpus)
        let split = corpus.split(validationFraction: 0.25, seed: 7)
        #expect(split.validation.files.count == 2)
        #expect(split.train.files.count == 6)
        let all = (split.train.files + split.validation.files).map(\.relativePath).sorted()
        #expect(all == corpus.files.map(\.relativePath))
        #expect(split.train.totalBytes + split.validation.totalBytes == corpus.totalBytes)
    }

    @Test func singleFileCorpusKeepsItsFileForTraining() throws {
        let corpus = try PythonCorpus.collect(root: TokenizerTrainingFixtures.trainCorpus)
        let one = PythonCorpus(root: corpus.root, files: [corpus.files[0]], skippedTooLarge: [], skippedNotUTF8: [], options: corpus.options)
        let split = one.split(validationFraction: 0.1, seed: 0)
        #expect(split.train.files == [corpus.files[0]])
        #expect(split.validation.files.isEmpty)
    }

    @Test func sameSeedGivesTheSameSplit() throws {
        let corpus = try PythonCorpus.collect(root: TokenizerTrainingFixtures.trainCorpus)
        let a = corpus.split(validationFraction: 0.25, seed: 7)
        let b = corpus.split(validationFraction: 0.25, seed: 7)
        #expect(a.validation.files == b.validation.files)
        let others = (0..<20).map { corpus.split(validationFraction: 0.25, seed: UInt64($0)).validation.files.map(\.relativePath) }
        #expect(Set(others).count > 1, "different seeds should pick different files")
    }

    @Test func manifestRecordsFilesSidesTotalsAndLicense() throws {
        let corpus = try PythonCorpus.collect(root: TokenizerTrainingFixtures.trainCorpus)
        let split = corpus.split(validationFraction: 0.25, seed: 7)
        let manifest = CorpusManifest(split: split, skippedFrom: corpus)
        #expect(manifest.files.map(\.path) == corpus.files.map(\.relativePath))
        #expect(manifest.files.filter { $0.split == "validation" }.map(\.path) == split.validation.files.map(\.relativePath))
        #expect(manifest.trainBytes == split.train.totalBytes)
        #expect(manifest.license.contains("PSF-2.0"))
        let decoded = try JSONDecoder().decode(CorpusManifest.self, from: manifest.jsonData())
        #expect(decoded == manifest)
    }

    @Test func manifestListsExcludedDirectoriesSorted() throws {
        let corpus = try PythonCorpus.collect(root: TokenizerTrainingFixtures.trainCorpus)
        let manifest = CorpusManifest(split: corpus.split(seed: 3), skippedFrom: corpus)
        let json = try #require(JSONSerialization.jsonObject(with: manifest.jsonData()) as? [String: Any])
        let options = try #require(json["options"] as? [String: Any])
        #expect(options["excludedDirectoryNames"] as? [String] == ["__pycache__", "dist-packages", "idle_test", "site-packages", "test", "tests"])
    }
}
