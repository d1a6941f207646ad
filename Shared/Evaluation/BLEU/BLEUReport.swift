/// A corpus BLEU result ready to print or serialise, with sacrebleu's signature and verbose line (`lce score --metric bleu --json`).
public struct BLEUReport: Codable, Sendable, Equatable {
    /// Always `BLEU`.
    public var name: String
    /// The score on the 0...100 scale.
    public var score: Double
    /// sacrebleu's reproducibility signature.
    public var signature: String
    /// sacrebleu's verbose line: precisions, BP, ratio and lengths.
    public var verboseScore: String
    /// Matched n-grams per order.
    public var counts: [Int]
    /// Hypothesis n-grams per order.
    public var totals: [Int]
    /// Precisions per order, in percent.
    public var precisions: [Double]
    /// The brevity penalty.
    public var bp: Double
    /// Hypothesis length over reference length.
    public var ratio: Double
    /// Hypothesis tokens.
    public var sysLen: Int
    /// Reference tokens.
    public var refLen: Int

    /// Collects the report of `score` computed with `metric` against `referenceCount` reference streams.
    public init(score: BLEUScore, metric: BLEU, referenceCount: Int) {
        name = "BLEU"
        self.score = score.score
        signature = metric.signature(referenceCount: referenceCount)
        verboseScore = score.description
        counts = score.counts
        totals = score.totals
        precisions = score.precisions
        bp = score.brevityPenalty
        ratio = score.ratio
        sysLen = score.systemLength
        refLen = score.referenceLength
    }

    private enum CodingKeys: String, CodingKey {
        case name, score, signature, counts, totals, precisions, bp, ratio
        case verboseScore = "verbose_score"
        case sysLen = "sys_len"
        case refLen = "ref_len"
    }
}
