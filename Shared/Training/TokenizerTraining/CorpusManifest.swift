import Foundation

/// The record of what a tokenizer was trained on, written beside it as `corpus.json`: every
/// file with its size and side of the split, the totals, the settings and the license.
public struct CorpusManifest: Codable, Sendable, Equatable {
    /// One file and the side of the split it fell on.
    public struct Entry: Codable, Sendable, Equatable {
        /// The path below the corpus root.
        public let path: String
        /// The size in bytes.
        public let bytes: Int
        /// `train` or `validation`.
        public let split: String
    }

    /// The directory the corpus came from.
    public let root: String
    /// The license the corpus is distributed under.
    public let license: String
    /// The seed that chose the validation files.
    public let seed: UInt64
    /// The share of files held out for validation.
    public let validationFraction: Double
    /// The selection rules.
    public let options: PythonCorpusOptions
    /// Bytes trained on.
    public let trainBytes: Int
    /// Bytes held out.
    public let validationBytes: Int
    /// Files skipped for size or encoding, by relative path.
    public let skipped: [String]
    /// Every file taken, in corpus order.
    public let files: [Entry]

    /// The license note for a Python standard library corpus.
    public static let pythonStandardLibraryLicense = "Python Software Foundation License Version 2 (PSF-2.0); the files are the Python standard library sources, Copyright (c) 2001 Python Software Foundation; All Rights Reserved."

    /// The manifest of `split`, listing the files `corpus` (the unsplit corpus) skipped.
    public init(split: CorpusSplit, skippedFrom corpus: PythonCorpus? = nil,
                license: String = CorpusManifest.pythonStandardLibraryLicense) {
        let validation = Set(split.validation.files.map(\.relativePath))
        let all = (split.train.files + split.validation.files).sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        root = split.train.root.path
        self.license = license
        seed = split.seed
        validationFraction = split.validationFraction
        options = split.train.options
        trainBytes = split.train.totalBytes
        validationBytes = split.validation.totalBytes
        skipped = ((corpus?.skippedTooLarge ?? []) + (corpus?.skippedNotUTF8 ?? [])).map(\.relativePath)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        files = all.map { Entry(path: $0.relativePath, bytes: $0.byteCount, split: validation.contains($0.relativePath) ? "validation" : "train") }
    }

    /// The manifest as pretty, key-sorted JSON, the same bytes for the same corpus.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A short human-readable note of the corpus and its license, written as CORPUS.md.
    public func licenseNote() -> String {
        """
        # Tokenizer training corpus

        The byte-level BPE tokenizer in this directory was trained by lce on Python source
        from `\(root)`: \(files.count) files, \(trainBytes) bytes trained on and
        \(validationBytes) bytes held out for validation (seed \(seed)). `corpus.json` lists
        every file, its size and its side of the split.

        License of the corpus: \(license)
        When the corpus directory held a LICENSE.txt, it is copied here as CORPUS_LICENSE.txt.

        """
    }
}
