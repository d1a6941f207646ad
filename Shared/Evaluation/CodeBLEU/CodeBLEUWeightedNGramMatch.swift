import Foundation

/// codebleu's keyword-weighted n-gram match: n-gram *recall* against each reference, unigrams of
/// the reference weighted 1 for a Python keyword and 0.2 otherwise, smoothed like `CodeBLEUNGramMatch`.
public enum CodeBLEUWeightedNGramMatch {
    /// Weight of a reference unigram that is not a keyword.
    public static let otherTokenWeight = 0.2

    /// The corpus score for hypotheses, each with one or more tokenized references.
    public static func corpusScore(references: [[[String]]], hypotheses: [[String]], maxOrder: Int = 4) -> Double {
        var corpus = CodeBLEUTokenizedText.corpus(references: references, hypotheses: hypotheses, maxOrder: maxOrder)
        return corpusScore(references: corpus.references, hypotheses: corpus.hypotheses, maxOrder: maxOrder,
                           keywordIDs: keywordIDs(&corpus.vocabulary))
    }

    /// The ids the keywords have (or get) in `vocabulary`.
    static func keywordIDs(_ vocabulary: inout TokenVocabulary) -> Set<Int32> {
        Set(PythonKeywords.all.map { vocabulary.id(of: Array($0.unicodeScalars)) })
    }

    /// The corpus score on texts interned with one vocabulary, in which the keywords have `keywordIDs`.
    static func corpusScore(references: [[CodeBLEUTokenizedText]], hypotheses: [CodeBLEUTokenizedText], maxOrder: Int,
                            keywordIDs: Set<Int32>) -> Double {
        var numerators = [Double](repeating: 0, count: maxOrder + 1)
        var denominators = [Double](repeating: 0, count: maxOrder + 1)
        var hypothesisLength = 0
        var referenceLength = 0
        for (refs, hypothesis) in zip(references, hypotheses) {
            for order in 1...maxOrder {
                let counts = hypothesis.counts[order - 1]
                for reference in refs {
                    var clipped = 0.0
                    var total = 0.0
                    for (gram, count) in reference.counts[order - 1].counts {
                        let weight = order == 1 && !keywordIDs.contains(gram[gram.startIndex]) ? otherTokenWeight : 1
                        clipped += Double(min(count, counts.counts[gram] ?? 0)) * weight
                        total += Double(count) * weight
                    }
                    numerators[order] += clipped
                    denominators[order] += max(1, total)
                }
            }
            hypothesisLength += hypothesis.ids.count
            // codebleu measures each reference here as its [tokens, weights] pair, whose length is
            // always 2, so the brevity penalty compares against 2 tokens per hypothesis.
            referenceLength += CodeBLEUNGramMatch.closestReferenceLength(refs.map { _ in 2 }, hypothesisLength: hypothesis.ids.count)
        }
        return CodeBLEUNGramMatch.combine(numerators: numerators, denominators: denominators, maxOrder: maxOrder,
                                          brevity: CodeBLEUNGramMatch.brevityPenalty(referenceLength: referenceLength,
                                                                                     hypothesisLength: hypothesisLength))
    }
}
