import Foundation

/// codebleu's own corpus BLEU over whitespace tokens (NLTK's algorithm as codebleu ships it):
/// clipped n-gram precision summed over the corpus, Chen & Cherry smoothing method 1
/// (epsilon 0.1 for an order with no match), the closest-reference brevity penalty, four orders.
public enum CodeBLEUNGramMatch {
    /// The corpus score for hypotheses, each with one or more tokenized references.
    public static func corpusScore(references: [[[String]]], hypotheses: [[String]], maxOrder: Int = 4) -> Double {
        let corpus = CodeBLEUTokenizedText.corpus(references: references, hypotheses: hypotheses, maxOrder: maxOrder)
        return corpusScore(references: corpus.references, hypotheses: corpus.hypotheses, maxOrder: maxOrder)
    }

    /// The corpus score on texts interned with one vocabulary, their n-grams counted up to `maxOrder`.
    static func corpusScore(references: [[CodeBLEUTokenizedText]], hypotheses: [CodeBLEUTokenizedText], maxOrder: Int) -> Double {
        var numerators = [Double](repeating: 0, count: maxOrder + 1)
        var denominators = [Double](repeating: 0, count: maxOrder + 1)
        var hypothesisLength = 0
        var referenceLength = 0
        for (refs, hypothesis) in zip(references, hypotheses) {
            for order in 1...maxOrder {
                let counts = hypothesis.counts[order - 1]
                var clipped = 0
                // Bound by hash lookups: each hypothesis n-gram is looked up once per reference.
                for (gram, count) in counts.counts {
                    var maxReference = 0
                    for reference in refs {
                        maxReference = max(maxReference, reference.counts[order - 1].counts[gram] ?? 0)
                    }
                    clipped += min(count, maxReference)
                }
                numerators[order] += Double(clipped)
                denominators[order] += Double(max(1, counts.total))
            }
            hypothesisLength += hypothesis.ids.count
            referenceLength += closestReferenceLength(refs.map(\.ids.count), hypothesisLength: hypothesis.ids.count)
        }
        return combine(numerators: numerators, denominators: denominators, maxOrder: maxOrder,
                       brevity: brevityPenalty(referenceLength: referenceLength, hypothesisLength: hypothesisLength))
    }

    /// The reference length nearest the hypothesis length, the shorter one on a tie.
    static func closestReferenceLength(_ lengths: [Int], hypothesisLength: Int) -> Int {
        lengths.min { (abs($0 - hypothesisLength), $0) < (abs($1 - hypothesisLength), $1) } ?? 0
    }

    static func brevityPenalty(referenceLength: Int, hypothesisLength: Int) -> Double {
        if hypothesisLength > referenceLength { return 1 }
        if hypothesisLength == 0 { return 0 }
        return exp(1 - Double(referenceLength) / Double(hypothesisLength))
    }

    /// Geometric mean of the smoothed precisions times the brevity penalty; 0 without a unigram match.
    static func combine(numerators: [Double], denominators: [Double], maxOrder: Int, brevity: Double) -> Double {
        guard numerators[1] != 0 else { return 0 }
        var logSum = 0.0
        for order in 1...maxOrder {
            let numerator = numerators[order] == 0 ? 0.1 : numerators[order]
            logSum += log(numerator / denominators[order]) / Double(maxOrder)
        }
        return brevity * exp(logSum)
    }
}
