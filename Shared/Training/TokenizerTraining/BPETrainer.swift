/// Trains a byte-level BPE the way Hugging Face `tokenizers`' BpeTrainer does, so the same word
/// counts and settings give the same vocabulary and merges.
///
/// The algorithm, as `tokenizers` 0.23's models/bpe/trainer.rs has it: special tokens take the
/// first ids, then the 256 byte tokens sorted by their alphabet character; every word becomes byte tokens;
/// pair counts are taken once, and a priority queue holds each pair with the words it occurs
/// in. The most frequent pair is merged (equal counts: smaller left id, then smaller right id),
/// only in its listed words, and only the pairs next to each merge are recounted. A queue entry
/// whose count has gone stale is re-queued with the current count instead of merged.
///
/// The one place results could differ: when two merges build the same token string (say
/// `ab`+`c` and `a`+`bc`), a pair beside it can hold two queue entries with equal count and
/// pair, and `tokenizers`' heap pops such equals in an order it does not specify; this
/// trainer's heap pops them in an order fixed by its own inputs. A pair merged twice keeps its
/// later rank in both. (Training on the standard library made no such token.)
public struct BPETrainer: Sendable {
    /// The settings of this trainer.
    public let configuration: BPETrainerConfiguration

    /// A trainer for `configuration`.
    /// - Throws: `TokenizerTrainingError` when a setting is out of range.
    public init(configuration: BPETrainerConfiguration = BPETrainerConfiguration()) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// How often `train` reports progress, in merges.
    static let progressInterval = 64

    /// Trains on `words`; `progress` is called now and then with the merges made so far and
    /// the number the vocabulary size allows.
    public func train(_ words: WordCounts, progress: (_ merges: Int, _ target: Int) -> Void = { _, _ in }) -> TrainedBPE {
        var state = BPETrainingState(configuration: configuration, words: words.counts)
        let target = max(configuration.vocabularySize - state.vocabulary.count, 0)
        progress(0, target)
        while state.vocabulary.count < configuration.vocabularySize {
            guard state.mergeNext(minimumFrequency: configuration.minimumFrequency) else { break }
            if state.merges.count % BPETrainer.progressInterval == 0 { progress(state.merges.count, target) }
        }
        progress(state.merges.count, target)
        return TrainedBPE(vocabulary: state.vocabulary, specialTokens: configuration.distinctSpecialTokens,
                          merges: state.rankedMerges(), preTokenizer: words.preTokenizer)
    }
}
