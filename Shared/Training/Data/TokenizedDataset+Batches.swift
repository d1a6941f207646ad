/// Splitting, shuffling and batching a tokenized dataset.
extension TokenizedDataset {
    /// The examples split into a held-out part of `fraction` (rounded, at least one example when
    /// the fraction is positive and there are two or more) and the rest, after a seeded shuffle.
    public func split(heldOutFraction fraction: Double, seed: UInt64) -> (train: [TrainingExample], heldOut: [TrainingExample]) {
        var random = TrainingRandom(seed: seed)
        let shuffled = examples.shuffled(using: &random)
        guard fraction > 0, shuffled.count >= 2 else { return (shuffled, []) }
        let count = min(shuffled.count - 1, max(1, Int((Double(shuffled.count) * fraction).rounded())))
        return (Array(shuffled.dropFirst(count)), Array(shuffled.prefix(count)))
    }
}

extension Array where Element == TrainingExample {
    /// Consecutive batches of `batchSize` examples (the last may be smaller), in this order.
    public func batches(of batchSize: Int, padToken: Int32 = 0) throws -> [TrainingBatch] {
        guard batchSize >= 1 else { throw TrainingError.invalidArgument("batch size must be at least 1, got \(batchSize)") }
        return try stride(from: 0, to: count, by: batchSize).map {
            try TrainingBatch(examples: Array(self[$0..<Swift.min($0 + batchSize, count)]), padToken: padToken)
        }
    }
}
