import Foundation
import Models

/// A corpus as one token stream (each file's tokens followed by the end-of-text token) cut into
/// fixed-length sequences, the way Hugging Face's run_clm groups texts: the remainder that does
/// not fill a sequence is dropped, and every position but a sequence's last is scored.
public struct PackedSequences: Sendable {
    /// Tokens per sequence.
    public let length: Int
    /// The sequences' tokens, [count × length] row by row.
    public let tokens: [Int32]
    /// Tokens in the stream before the remainder was dropped.
    public let streamTokens: Int

    /// Number of sequences.
    public var count: Int { length == 0 ? 0 : tokens.count / length }

    /// Tokenizes every file of `corpus` in order with `tokenizer` and packs the stream.
    /// - Throws: `TokenizerTrainingError` when a file cannot be read, `TrainingError` when the
    ///   tokenizer has no `separator` token.
    public init(corpus: PythonCorpus, tokenizer: BPETokenizer, separator: String = "<|endoftext|>", length: Int,
                progress: (Int, Int) -> Void = { _, _ in }) throws {
        guard let separatorID = tokenizer.id(forToken: separator) else {
            throw TrainingError.invalidArgument("the tokenizer has no \(separator) token to separate documents")
        }
        var stream: [Int32] = []
        stream.reserveCapacity(corpus.totalBytes / 3)
        for (index, file) in corpus.files.enumerated() {
            let text = try corpus.text(of: file)
            for id in tokenizer.encode(text, parseSpecialTokens: false) { stream.append(Int32(id)) }
            stream.append(Int32(separatorID))
            progress(index + 1, corpus.files.count)
        }
        self.init(stream: stream, length: length)
    }

    /// Packs an already tokenized stream.
    public init(stream: [Int32], length: Int) {
        self.length = max(length, 1)
        streamTokens = stream.count
        tokens = Array(stream.prefix(stream.count / self.length * self.length))
    }

    /// Sequence `index` as a training example scored everywhere.
    public func example(_ index: Int) throws -> TrainingExample {
        let slice = Array(tokens[(index * length)..<((index + 1) * length)])
        return try TrainingExample(tokens: slice, lossMask: [Bool](repeating: true, count: length))
    }

    /// `steps` batches of `batchSize` sequences: the sequences in an order shuffled by `seed`,
    /// reshuffled (with the next draws of the same generator) each time they run out.
    public func trainingBatches(steps: Int, batchSize: Int, seed: UInt64) throws -> [TrainingBatch] {
        guard count > 0 else { throw TrainingError.invalidArgument("the corpus gives no sequence of \(length) tokens") }
        var random = TrainingRandom(seed: seed ^ 0x5EC0_0E5C)
        var order: [Int] = []
        var batches: [TrainingBatch] = []
        batches.reserveCapacity(steps)
        for _ in 0..<steps {
            var examples: [TrainingExample] = []
            for _ in 0..<batchSize {
                if order.isEmpty { order = Self.shuffledIndices(count, using: &random) }
                examples.append(try example(order.removeLast()))
            }
            batches.append(try TrainingBatch(examples: examples))
        }
        return batches
    }

    /// The first `limit` sequences (all when `limit` is 0 or too large) in batches of `batchSize`, in order.
    public func evaluationBatches(batchSize: Int, limit: Int) throws -> [TrainingBatch] {
        let used = limit > 0 ? min(limit, count) : count
        var batches: [TrainingBatch] = []
        var start = 0
        while start < used {
            let end = min(start + batchSize, used)
            batches.append(try TrainingBatch(examples: try (start..<end).map { try example($0) }))
            start = end
        }
        return batches
    }

    /// A Fisher-Yates permutation of 0..<count, written out so the order never depends on the
    /// standard library's shuffle.
    static func shuffledIndices(_ count: Int, using random: inout TrainingRandom) -> [Int] {
        var indices = Array(0..<count)
        var i = count - 1
        while i > 0 {
            let j = Int(random.next() % UInt64(i + 1))
            indices.swapAt(i, j)
            i -= 1
        }
        return indices
    }
}
