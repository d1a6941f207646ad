import Foundation

/// The settings of one pre-training run: corpus, tokenizer and model sizes, and the schedule.
/// The defaults are the bundled default model's.
public struct PretrainingOptions: Sendable, Equatable, Codable {
    /// The directory of Python sources (nil: the system Python's standard library).
    public var corpusRoot: String?
    /// Tokenizer vocabulary, special and byte tokens included.
    public var vocabularySize: Int = 8192
    /// Decoder blocks.
    public var layers: Int = 4
    /// Model width.
    public var hidden: Int = 256
    /// Attention heads (the width must split into heads of even size).
    public var heads: Int = 8
    /// Feed-forward width (nil: about 8/3 of the width, rounded up to a multiple of 32, as LLaMA sizes it).
    public var ffnWidth: Int?
    /// Tokens per training sequence, also the model's context length.
    public var context: Int = 256
    /// Optimizer steps.
    public var steps: Int = 1000
    /// Sequences per step.
    public var batchSize: Int = 16
    /// Peak learning rate.
    public var learningRate: Double = 3e-3
    /// Linear warmup steps before the cosine decay.
    public var warmupSteps: Int = 50
    /// AdamW weight decay.
    public var weightDecay: Double = 0.01
    /// Seed of the split, the initialisation and the sequence order.
    public var seed: UInt64 = 0
    /// Threads for the kernels and BLAS (nil: all processors).
    public var threads: Int?
    /// Held-out share of corpus files (for the tokenizer's and the model's validation).
    public var validationFraction: Double = 0.1
    /// Evaluate validation loss every this many steps (0: only at the end).
    public var evaluationInterval: Int = 100
    /// Validation sequences used for each evaluation (0: all of them).
    public var evaluationSequences: Int = 64
    /// Write a resumable checkpoint every this many steps (0: never).
    public var checkpointInterval: Int = 100
    /// Stop after this many optimizer steps, leaving a checkpoint to resume from (nil: run all `steps`).
    public var stopAfterSteps: Int?
    /// Files larger than this are left out of the corpus.
    public var maximumFileBytes: Int = 250_000

    /// The default model's settings.
    public init() {}

    /// The feed-forward width used.
    public var resolvedFFNWidth: Int {
        if let ffnWidth { return ffnWidth }
        let raw = (8 * hidden + 2) / 3
        return (raw + 31) / 32 * 32
    }

    /// Rejects sizes the model or the run cannot use, naming the option.
    public func validate() throws {
        func positive(_ value: Int, _ name: String) throws {
            guard value > 0 else { throw TrainingError.invalidArgument("--\(name) must be positive, got \(value)") }
        }
        try positive(layers, "layers")
        try positive(hidden, "hidden")
        try positive(heads, "heads")
        try positive(context, "context")
        try positive(steps, "steps")
        try positive(batchSize, "batch-size")
        try positive(resolvedFFNWidth, "ffn")
        guard context >= 2 else { throw TrainingError.invalidArgument("--context must be at least 2, got \(context)") }
        guard hidden % heads == 0, (hidden / heads) % 2 == 0 else {
            throw TrainingError.invalidArgument("--hidden \(hidden) must split into --heads \(heads) heads of even width")
        }
        guard vocabularySize >= 262 else {
            throw TrainingError.invalidArgument("--vocab-size must be at least 262 (256 bytes and the special tokens), got \(vocabularySize)")
        }
        guard learningRate > 0, learningRate.isFinite else {
            throw TrainingError.invalidArgument("--lr must be a positive number, got \(learningRate)")
        }
        guard validationFraction > 0, validationFraction < 1 else {
            throw TrainingError.invalidArgument("the validation fraction must be between 0 and 1, got \(validationFraction)")
        }
        if let threads { try positive(threads, "threads") }
    }
}
