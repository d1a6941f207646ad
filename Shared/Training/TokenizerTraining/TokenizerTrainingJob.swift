import Foundation
import Models

/// The whole `lce tokenizer train` job in one call: split the corpus, count words, train,
/// write the Hugging Face files with the corpus record and license, then load the result with
/// the project's tokenizer and measure it on the held-out files.
public enum TokenizerTrainingJob {
    /// The `--help` text of `lce tokenizer train`, for the command-line front end.
    public static let helpText = """
        USAGE: lce tokenizer train [--corpus DIR] --output DIR [--vocab-size N] [--min-frequency N]
                                   [--validation-fraction F] [--seed N] [--max-file-bytes N]

        Trains a byte-level BPE tokenizer (GPT-2 pre-tokenizer, Hugging Face BpeTrainer's algorithm)
        on the Python files under --corpus (default: the system Python's standard library, without
        test/ folders, site-packages, files over --max-file-bytes (250000) or non-UTF-8 files), and
        writes tokenizer.json, vocab.json, merges.txt, tokenizer_config.json,
        special_tokens_map.json, corpus.json (files, bytes, split) and CORPUS.md (license) to --output.
        --vocab-size (8192) counts the 5 special tokens and the 256 byte tokens; --min-frequency (2)
        stops merging below that pair count; --validation-fraction (0.1) of files, chosen by --seed
        (0), are held out and the compression on them is reported.

        EXAMPLE: lce tokenizer train --output models/default --vocab-size 8192
        """

    /// Trains a byte-level BPE on `corpus` and writes it to `outputDirectory`.
    ///
    /// Writes tokenizer.json, vocab.json, merges.txt, tokenizer_config.json,
    /// special_tokens_map.json, corpus.json, CORPUS.md and (when the corpus root has one)
    /// CORPUS_LICENSE.txt. The same corpus, settings and seed give the same bytes.
    /// - Throws: `TokenizerTrainingError` for bad settings, unreadable files or a written
    ///   tokenizer the project cannot load.
    @discardableResult
    public static func run(corpus: PythonCorpus, outputDirectory: URL, vocabSize: Int = 8192, minimumFrequency: Int = 2,
                           specialTokens: [String] = BPETrainerConfiguration.defaultSpecialTokens,
                           settings: TokenizerFileSettings = TokenizerFileSettings(),
                           validationFraction: Double = 0.1, seed: UInt64 = 0,
                           license: String = CorpusManifest.pythonStandardLibraryLicense,
                           progress: (TokenizerTrainingProgress) -> Void = { _ in }) throws -> TokenizerTrainingReport {
        let start = DispatchTime.now()
        let trainer = try BPETrainer(configuration: BPETrainerConfiguration(
            vocabularySize: vocabSize, minimumFrequency: minimumFrequency, specialTokens: specialTokens))
        let split = corpus.split(validationFraction: validationFraction, seed: seed)
        guard !split.train.files.isEmpty else {
            throw TokenizerTrainingError(subject: corpus.root.path, problem: "holds no Python files to train on")
        }

        var words = try WordCounts()
        let files = split.train.files
        for (index, file) in files.enumerated() {
            words.add(try split.train.text(of: file))
            progress(.countingWords(files: index + 1, of: files.count))
        }
        let counted = DispatchTime.now()

        let trained = trainer.train(words) { done, target in progress(.merging(merges: done, of: target)) }
        let merged = DispatchTime.now()

        progress(.writingFiles)
        try trained.write(to: outputDirectory, settings: settings)
        let manifest = CorpusManifest(split: split, skippedFrom: corpus, license: license)
        try writeFile(outputDirectory.appendingPathComponent("corpus.json")) { try manifest.jsonData() }
        try writeFile(outputDirectory.appendingPathComponent("CORPUS.md")) { Data(manifest.licenseNote().utf8) }
        let corpusLicense = corpus.root.appendingPathComponent("LICENSE.txt")
        if let data = try? Data(contentsOf: corpusLicense) {
            try writeFile(outputDirectory.appendingPathComponent("CORPUS_LICENSE.txt")) { data }
        }

        let tokenizer: BPETokenizer
        do {
            tokenizer = try BPETokenizer(modelDirectory: outputDirectory)
        } catch {
            throw TokenizerTrainingError(subject: outputDirectory.path, problem: "the written tokenizer does not load: \(error)")
        }
        var tokens = 0
        var exact = true
        for (index, file) in split.validation.files.enumerated() {
            let text = try split.validation.text(of: file)
            let ids = tokenizer.encode(text, parseSpecialTokens: false)
            tokens += ids.count
            if tokenizer.decode(ids) != text { exact = false }
            progress(.measuring(files: index + 1, of: split.validation.files.count))
        }
        let end = DispatchTime.now()
        func seconds(_ from: DispatchTime, _ to: DispatchTime) -> Double {
            Double(to.uptimeNanoseconds - from.uptimeNanoseconds) / 1e9
        }
        return TokenizerTrainingReport(
            vocabularySize: trained.vocabulary.count, mergeCount: trained.merges.count,
            trainFiles: split.train.files.count, trainBytes: split.train.totalBytes, distinctWords: words.distinctWords,
            validationFiles: split.validation.files.count, validationBytes: split.validation.totalBytes,
            validationTokens: tokens, validationRoundTripExact: exact,
            countingSeconds: seconds(start, counted), mergingSeconds: seconds(counted, merged), totalSeconds: seconds(start, end))
    }

    private static func writeFile(_ url: URL, contents: () throws -> Data) throws {
        do {
            try contents().write(to: url, options: .atomic)
        } catch {
            throw TokenizerTrainingError(subject: url.path, problem: "cannot write the file: \(error.localizedDescription)")
        }
    }
}
