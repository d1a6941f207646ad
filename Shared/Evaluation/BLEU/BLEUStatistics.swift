/// BLEU's sufficient statistics for one segment or a whole corpus; corpus BLEU scores their sum.
struct BLEUStatistics: Sendable, Equatable {
    var systemLength = 0
    var referenceLength = 0
    var counts = [Int](repeating: 0, count: BLEU.maxNGramOrder)
    var totals = [Int](repeating: 0, count: BLEU.maxNGramOrder)

    mutating func add(_ other: BLEUStatistics) {
        systemLength += other.systemLength
        referenceLength += other.referenceLength
        for n in 0..<counts.count {
            counts[n] += other.counts[n]
            totals[n] += other.totals[n]
        }
    }
}
