import Foundation

/// A BLEU score with the sufficient statistics behind it, field for field as sacrebleu's `BLEUScore`.
public struct BLEUScore: Sendable, Equatable, Codable {
    /// The score on sacrebleu's 0...100 scale.
    public var score: Double
    /// Matched n-grams per order, 1-grams first.
    public var counts: [Int]
    /// Hypothesis n-grams per order, 1-grams first.
    public var totals: [Int]
    /// Smoothed n-gram precisions in percent, 1-grams first.
    public var precisions: [Double]
    /// The brevity penalty, in 0...1.
    public var brevityPenalty: Double
    /// Hypothesis tokens in total.
    public var systemLength: Int
    /// Closest-reference tokens in total.
    public var referenceLength: Int

    /// Hypothesis length over reference length, 0 when the references are empty (as sacrebleu reports it).
    public var ratio: Double {
        referenceLength == 0 ? 0 : Double(systemLength) / Double(referenceLength)
    }

    /// Creates a score from its parts.
    public init(score: Double, counts: [Int], totals: [Int], precisions: [Double],
                brevityPenalty: Double, systemLength: Int, referenceLength: Int) {
        self.score = score
        self.counts = counts
        self.totals = totals
        self.precisions = precisions
        self.brevityPenalty = brevityPenalty
        self.systemLength = systemLength
        self.referenceLength = referenceLength
    }
}

extension BLEUScore: CustomStringConvertible {
    /// sacrebleu's verbose line, e.g. `BLEU = 32.15 61.1/38.2/26.5/18.2 (BP = 1.000 ratio = 1.020 hyp_len = 51 ref_len = 50)`.
    public var description: String {
        let precisionText = precisions.map { format($0, decimals: 1) }.joined(separator: "/")
        return "BLEU = \(format(score, decimals: 2)) \(precisionText) (BP = \(format(brevityPenalty, decimals: 3)) "
            + "ratio = \(format(ratio, decimals: 3)) hyp_len = \(systemLength) ref_len = \(referenceLength))"
    }

    /// printf rounding, which is what Python's `f"{x:.2f}"` does (correctly rounded from the binary value).
    private func format(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
