/// The n-grams of one order in a token sequence, with their counts.
struct CodeBLEUNGramCounts {
    /// Count of each n-gram.
    var counts: [ArraySlice<String>: Int] = [:]
    /// Number of n-grams (with repeats).
    var total = 0

    init(_ tokens: [String], order: Int) {
        guard tokens.count >= order else { return }
        for start in 0...(tokens.count - order) {
            counts[tokens[start..<start + order], default: 0] += 1
        }
        total = tokens.count - order + 1
    }
}
