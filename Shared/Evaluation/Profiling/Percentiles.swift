/// Percentiles of a sample by linear interpolation between closest ranks, as numpy's default
/// (`numpy.percentile(..., method="linear")`) computes them, so figures compare with Python tooling.
public enum Percentiles {
    /// The `p`-th percentile (0...100) of `values`; nil for an empty sample or a `p` outside 0...100.
    public static func value(_ values: [Double], percentile p: Double) -> Double? {
        guard !values.isEmpty, p >= 0, p <= 100, !p.isNaN else { return nil }
        return value(sorted: values.sorted(), percentile: p)
    }

    /// The `p`-th percentile of values already sorted ascending.
    public static func value(sorted: [Double], percentile p: Double) -> Double? {
        guard !sorted.isEmpty, p >= 0, p <= 100, !p.isNaN else { return nil }
        let rank = p / 100 * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = rank - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The arithmetic mean; nil for an empty sample.
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The population standard deviation (numpy's default `ddof=0`, what the prototype reported); nil for an empty sample.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        guard let mean = mean(values) else { return nil }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count)).squareRoot()
    }
}
