/// The n-grams of one order in a sequence of interned token ids, with their counts.
struct CodeBLEUNGramCounts {
    /// Count of each n-gram.
    var counts: [ArraySlice<Int32>: Int] = [:]
    /// Number of n-grams (with repeats).
    var total = 0

    init(_ tokens: [Int32], order: Int) {
        guard tokens.count >= order else { return }
        counts.reserveCapacity(tokens.count - order + 1)
        for start in 0...(tokens.count - order) {
            counts[tokens[start..<start + order], default: 0] += 1
        }
        total = tokens.count - order + 1
    }
}
