import Models

/// How often each pre-tokenized word (a piece the pre-tokenizer cuts, as UTF-8) occurs in a
/// corpus: what BPE training works on, like the word counts `tokenizers`' trainer feeds on.
public struct WordCounts: Sendable {
    /// Occurrences of each word.
    public private(set) var counts: [String: Int] = [:]
    /// The pre-tokenizer that cut the words.
    public let preTokenizer: TrainingPreTokenizer
    private let splitter: BPETokenizer

    /// Empty counts for words cut by `preTokenizer`.
    /// - Throws: `TokenizerTrainingError` if the project's tokenizer rejects the pre-tokenizer.
    public init(preTokenizer: TrainingPreTokenizer = .gpt2) throws {
        self.preTokenizer = preTokenizer
        do {
            splitter = try preTokenizer.makeSplitter()
        } catch {
            throw TokenizerTrainingError(subject: "pre-tokenizer \(preTokenizer.rawValue)", problem: "\(error)")
        }
    }

    /// Counts the words of one text; a whole file is one text, so a newline and the next line's
    /// indentation form one word as they do when the file is encoded.
    public mutating func add(_ text: String) {
        // Bound by the pre-tokenizer's scan and one dictionary update per piece.
        for piece in splitter.preTokenize(text) {
            counts[piece, default: 0] += 1
        }
    }

    /// Adds `count` occurrences of `word` as it is, without pre-tokenizing it.
    public mutating func add(word: String, count: Int = 1) {
        counts[word, default: 0] += count
    }

    /// The number of distinct words.
    public var distinctWords: Int { counts.count }

    /// The total number of words counted.
    public var totalWords: Int { counts.values.reduce(0, +) }
}
