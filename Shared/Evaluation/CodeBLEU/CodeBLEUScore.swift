/// A corpus CodeBLEU score with its four parts, as codebleu's `calc_codebleu` reports them, plus
/// which inputs the Python parser could not parse cleanly.
public struct CodeBLEUScore: Sendable, Equatable, Codable {
    /// The weighted total (codebleu's `codebleu`).
    public var total: Double
    /// BLEU over whitespace tokens (`ngram_match_score`).
    public var ngramMatch: Double
    /// Keyword-weighted n-gram recall (`weighted_ngram_match_score`).
    public var weightedNgramMatch: Double
    /// Share of reference subtrees found in the candidates (`syntax_match_score`).
    public var syntaxMatch: Double
    /// Share of reference data-flow edges found in the candidates (`dataflow_match_score`).
    public var dataflowMatch: Double
    /// True when the references had no data flow at all; codebleu then reports 0 for the part.
    public var dataflowHadNothingToMatch: Bool
    /// Indices of candidates that did not parse cleanly: their n-gram parts are exact, their syntax
    /// and data-flow parts come from a recovered tree and may differ from tree-sitter's recovery.
    public var unparsableCandidates: [Int]
    /// Indices of references that did not parse cleanly, with the same caveat.
    public var unparsableReferences: [Int]

    /// Whether every reference and candidate parsed cleanly, so all four parts are exact.
    public var parsedCleanly: Bool { unparsableCandidates.isEmpty && unparsableReferences.isEmpty }
}
