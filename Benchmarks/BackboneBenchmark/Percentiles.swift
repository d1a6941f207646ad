/// Order statistics of a set of samples (milliseconds, counts).
struct Percentiles {
    let sorted: [Double]

    init(_ samples: [Double]) { sorted = samples.sorted() }

    /// The value at quantile `q` (0...1), nearest rank; 0 for no samples.
    func value(_ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var p50: Double { value(0.5) }
    var p99: Double { value(0.99) }
}
