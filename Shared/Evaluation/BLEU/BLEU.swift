import Foundation

/// BLEU as sacrebleu 2.x computes it: 13a tokens, n-grams up to 4, closest reference length, and its smoothing.
///
/// `BLEU()` is `sacrebleu.corpus_bleu`'s default; `BLEU.sentenceLevel` is `sacrebleu.sentence_bleu`'s
/// (the same plus effective order, so a short sentence is not zeroed by its missing 4-grams).
public struct BLEU: Sendable {
    /// The sacrebleu release whose numbers this reproduces; it goes into the signature.
    public static let sacrebleuVersion = "2.6.0"
    /// The largest n-gram order, sacrebleu's `MAX_NGRAM_ORDER`.
    public static let maxNGramOrder = 4

    /// How zero matches are smoothed.
    public var smoothing: BLEUSmoothing
    /// Whether orders with no hypothesis n-grams are left out of the geometric mean.
    public var effectiveOrder: Bool
    private let tokenizer = Tokenizer13a()

    /// The settings of `sacrebleu.sentence_bleu`: exponential smoothing with effective order.
    public static let sentenceLevel = BLEU(smoothing: .exponential, effectiveOrder: true)

    /// Creates the metric; the defaults are those of `sacrebleu.corpus_bleu`.
    public init(smoothing: BLEUSmoothing = .exponential, effectiveOrder: Bool = false) {
        self.smoothing = smoothing
        self.effectiveOrder = effectiveOrder
    }

    /// Corpus BLEU of `hypotheses` against reference streams, each stream holding one line per hypothesis (sacrebleu's `[refs]`).
    public func corpusScore(hypotheses: [String], referenceStreams: [[String]]) throws -> BLEUScore {
        guard !hypotheses.isEmpty else { throw BLEUError.emptyCorpus }
        guard !referenceStreams.isEmpty else { throw BLEUError.noReferences }
        for (index, stream) in referenceStreams.enumerated() where stream.count != hypotheses.count {
            throw BLEUError.referenceCountMismatch(stream: index, lines: stream.count, hypotheses: hypotheses.count)
        }
        var vocabulary = TokenVocabulary()
        var total = BLEUStatistics()
        for (index, hypothesis) in hypotheses.enumerated() {
            let references = referenceStreams.map { $0[index] }
            total.add(segmentStatistics(hypothesis: hypothesis, references: references, vocabulary: &vocabulary))
        }
        return score(from: total)
    }

    /// BLEU of one hypothesis against its references (use `BLEU.sentenceLevel` for sacrebleu's `sentence_bleu`).
    public func sentenceScore(hypothesis: String, references: [String]) throws -> BLEUScore {
        try corpusScore(hypotheses: [hypothesis], referenceStreams: references.map { [$0] })
    }

    /// The reproducibility signature sacrebleu prints for these settings, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`.
    public func signature(referenceCount: Int) -> String {
        "nrefs:\(referenceCount)|case:mixed|eff:\(effectiveOrder ? "yes" : "no")|tok:13a"
            + "|smooth:\(smoothing.signatureText)|version:\(Self.sacrebleuVersion)"
    }

    /// The 13a tokenization sacrebleu scores, after its `rstrip()`.
    func tokenIDs(_ segment: String, vocabulary: inout TokenVocabulary) -> [Int32] {
        var scalars = Array(segment.unicodeScalars)
        while let last = scalars.last, last.isPythonWhitespace { scalars.removeLast() }
        return tokenizer.tokens(of: scalars).map { vocabulary.id(of: $0) }
    }

    /// Matches and lengths of one segment: reference n-gram counts are the maximum over references.
    func segmentStatistics(hypothesis: String, references: [String],
                           vocabulary: inout TokenVocabulary) -> BLEUStatistics {
        var referenceCounts: [NGramKey: Int] = [:]
        var referenceLengths: [Int] = []
        for reference in references {
            let tokens = tokenIDs(reference, vocabulary: &vocabulary)
            referenceLengths.append(tokens.count)
            let counts = Self.ngramCounts(tokens)
            // One reference (the usual case) is its own maximum: no second table to fill.
            if references.count == 1 {
                referenceCounts = counts
                break
            }
            for (key, count) in counts {
                referenceCounts[key] = max(referenceCounts[key] ?? 0, count)
            }
        }
        let hypothesisTokens = tokenIDs(hypothesis, vocabulary: &vocabulary)
        var statistics = BLEUStatistics()
        statistics.systemLength = hypothesisTokens.count
        statistics.referenceLength = Self.closestLength(to: hypothesisTokens.count, among: referenceLengths)
        for (key, count) in Self.ngramCounts(hypothesisTokens) {
            let order = key.order - 1
            statistics.totals[order] += count
            if let referenceCount = referenceCounts[key] {
                statistics.counts[order] += min(count, referenceCount)
            }
        }
        return statistics
    }

    /// The reference length nearest the hypothesis length, the shorter one on a tie.
    static func closestLength(to length: Int, among lengths: [Int]) -> Int {
        var best: Int?
        for candidate in lengths {
            guard let current = best else { best = candidate; continue }
            let difference = abs(length - candidate), bestDifference = abs(length - current)
            if difference < bestDifference || (difference == bestDifference && candidate < current) {
                best = candidate
            }
        }
        return best ?? -1
    }

    static func ngramCounts(_ tokens: [Int32]) -> [NGramKey: Int] {
        var counts: [NGramKey: Int] = [:]
        // Sized up front: growing the table re-hashes every key, which cost as much as the counting.
        counts.reserveCapacity(maxNGramOrder * tokens.count)
        for order in 1...maxNGramOrder where tokens.count >= order {
            for start in 0...(tokens.count - order) {
                counts[NGramKey(tokens, start: start, order: order), default: 0] += 1
            }
        }
        return counts
    }

    /// sacrebleu's `compute_bleu`, step for step, so rounding and the `my_log(0)` floor agree.
    func score(from statistics: BLEUStatistics) -> BLEUScore {
        var counts = statistics.counts.map(Double.init)
        var totals = statistics.totals.map(Double.init)
        let sysLen = statistics.systemLength, refLen = statistics.referenceLength
        var bp = 1.0
        if sysLen < refLen {
            bp = sysLen > 0 ? exp(1 - Double(refLen) / Double(sysLen)) : 0
        }
        var precisions = [Double](repeating: 0, count: Self.maxNGramOrder)
        let result = { (score: Double) in
            BLEUScore(score: score, counts: counts.map { Int($0) }, totals: totals.map { Int($0) },
                      precisions: precisions, brevityPenalty: bp, systemLength: sysLen, referenceLength: refLen)
        }
        if !statistics.counts.contains(where: { $0 != 0 }) { return result(0) }

        var mtevalFactor = 1.0
        var order = Self.maxNGramOrder
        for n in 1...Self.maxNGramOrder {
            if case .addK(let k) = smoothing, n > 1 {
                counts[n - 1] += k
                totals[n - 1] += k
            }
            if totals[n - 1] == 0 { break }
            if effectiveOrder { order = n }
            if counts[n - 1] == 0 {
                switch smoothing {
                case .exponential:
                    mtevalFactor *= 2
                    precisions[n - 1] = 100 / (mtevalFactor * totals[n - 1])
                case .floor(let value):
                    precisions[n - 1] = 100 * value / totals[n - 1]
                case .none, .addK:
                    break
                }
            } else {
                precisions[n - 1] = 100 * counts[n - 1] / totals[n - 1]
            }
        }
        let logSum = precisions[0..<order].reduce(0.0) { $0 + ($1 == 0 ? -9_999_999_999 : log($1)) }
        return result(bp * exp(logSum / Double(order)))
    }
}
