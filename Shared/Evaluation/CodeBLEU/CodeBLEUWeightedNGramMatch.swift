import Foundation

/// codebleu's keyword-weighted n-gram match: n-gram *recall* against each reference, unigrams of
/// the reference weighted 1 for a Python keyword and 0.2 otherwise, smoothed like `CodeBLEUNGramMatch`.
public enum CodeBLEUWeightedNGramMatch {
    /// Weight of a reference unigram that is not a keyword.
    public static let otherTokenWeight = 0.2

    /// The corpus score for hypotheses, each with one or more tokenized references.
    public static func corpusScore(references: [[[String]]], hypotheses: [[String]], maxOrder: Int = 4) -> Double {
        var numerators = [Double](repeating: 0, count: maxOrder + 1)
        var denominators = [Double](repeating: 0, count: maxOrder + 1)
        var hypothesisLength = 0
        var referenceLength = 0
        for (refs, hypothesis) in zip(references, hypotheses) {
            for order in 1...maxOrder {
                let counts = CodeBLEUNGramCounts(hypothesis, order: order)
                for reference in refs {
                    let referenceCounts = CodeBLEUNGramCounts(reference, order: order)
                    var clipped = 0.0
                    var total = 0.0
                    for (gram, count) in referenceCounts.counts {
                        let weight = order == 1 ? weightOf(gram[gram.startIndex]) : 1
                        clipped += Double(min(count, counts.counts[gram] ?? 0)) * weight
                        total += Double(count) * weight
                    }
                    numerators[order] += clipped
                    denominators[order] += max(1, total)
                }
            }
            hypothesisLength += hypothesis.count
            // codebleu measures each reference here as its [tokens, weights] pair, whose length is
            // always 2, so the brevity penalty compares against 2 tokens per hypothesis.
            referenceLength += CodeBLEUNGramMatch.closestReferenceLength(refs.map { _ in 2 }, hypothesisLength: hypothesis.count)
        }
        return CodeBLEUNGramMatch.combine(numerators: numerators, denominators: denominators, maxOrder: maxOrder,
                                  brevity: CodeBLEUNGramMatch.brevityPenalty(referenceLength: referenceLength,
                                                                     hypothesisLength: hypothesisLength))
    }

    static func weightOf(_ token: String) -> Double {
        PythonKeywords.all.contains(token) ? 1 : otherTokenWeight
    }
}
