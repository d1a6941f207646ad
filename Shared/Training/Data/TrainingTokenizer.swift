/// Whatever turns text into token ids for training (the Models module's BPE tokenizer, or a test double).
public protocol TrainingTokenizer {
    /// The ids of `text`, without adding BOS or EOS (the example builder adds those).
    func encode(_ text: String) -> [Int]
}

/// A tokenizer given as a closure.
public struct ClosureTokenizer: TrainingTokenizer {
    private let body: (String) -> [Int]

    /// Wraps `encode`.
    public init(_ encode: @escaping (String) -> [Int]) {
        body = encode
    }

    /// The closure's ids for `text`.
    public func encode(_ text: String) -> [Int] { body(text) }
}
