/// What a tokenizer training job is doing, reported to its progress callback.
public enum TokenizerTrainingProgress: Sendable, Equatable, CustomStringConvertible {
    /// Pre-tokenizing and counting words: files done of all training files.
    case countingWords(files: Int, of: Int)
    /// Merging: merges made of the most the vocabulary size allows.
    case merging(merges: Int, of: Int)
    /// Writing the tokenizer files to the output directory.
    case writingFiles
    /// Encoding validation files with the written tokenizer: files done of all.
    case measuring(files: Int, of: Int)

    /// A one-line description for a terminal, such as `merging 4096/7931`.
    public var description: String {
        switch self {
        case .countingWords(let files, let of): return "counting words \(files)/\(of) files"
        case .merging(let merges, let of): return "merging \(merges)/\(of)"
        case .writingFiles: return "writing files"
        case .measuring(let files, let of): return "measuring \(files)/\(of) validation files"
        }
    }
}
