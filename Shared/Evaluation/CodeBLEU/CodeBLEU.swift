/// CodeBLEU for Python, computed as the `codebleu` package 0.7.0 computes it with tree-sitter-python
/// 0.21, but on the project's own Python parser: n-gram match, keyword-weighted n-gram match,
/// syntax-tree match and data-flow match, combined with settable weights.
public enum CodeBLEU {
    /// Scores candidates against one reference each.
    public static func score(references: [String], candidates: [String],
                             weights: CodeBLEUWeights = .standard) throws -> CodeBLEUScore {
        try score(referenceSets: references.map { [$0] }, candidates: candidates, weights: weights)
    }

    /// Scores candidates against one or more references each.
    public static func score(referenceSets: [[String]], candidates: [String],
                             weights: CodeBLEUWeights = .standard) throws -> CodeBLEUScore {
        guard referenceSets.count == candidates.count else {
            throw CodeBLEUError.countMismatch(references: referenceSets.count, candidates: candidates.count)
        }
        guard !candidates.isEmpty, referenceSets.allSatisfy({ !$0.isEmpty }) else { throw CodeBLEUError.emptyCorpus }

        let references = referenceSets.map { $0.map(PythonWhitespace.strip) }
        let hypotheses = candidates.map(PythonWhitespace.strip)

        // Both n-gram parts share one interning of the tokens and one count of each text's n-grams.
        var corpus = CodeBLEUTokenizedText.corpus(references: references.map { $0.map(PythonWhitespace.split) },
                                                  hypotheses: hypotheses.map(PythonWhitespace.split), maxOrder: 4)
        let ngram = CodeBLEUNGramMatch.corpusScore(references: corpus.references, hypotheses: corpus.hypotheses, maxOrder: 4)
        let weighted = CodeBLEUWeightedNGramMatch.corpusScore(
            references: corpus.references, hypotheses: corpus.hypotheses, maxOrder: 4,
            keywordIDs: CodeBLEUWeightedNGramMatch.keywordIDs(&corpus.vocabulary))

        var syntaxMatched = 0, syntaxTotal = 0, flowMatched = 0, flowTotal = 0
        var unparsableCandidates: [Int] = []
        var unparsableReferences: [Int] = []
        for (index, hypothesis) in hypotheses.enumerated() {
            let candidate = CodeBLEUAnalyzedCode(hypothesis)
            if !candidate.parsedCleanly { unparsableCandidates.append(index) }
            for reference in references[index] {
                let analyzed = CodeBLEUAnalyzedCode(reference)
                if !analyzed.parsedCleanly && !unparsableReferences.contains(index) { unparsableReferences.append(index) }
                let syntax = CodeBLEUSyntaxMatch.counts(reference: analyzed.tree, candidate: candidate.tree)
                syntaxMatched += syntax.matched
                syntaxTotal += syntax.total
                let flow = CodeBLEUDataFlowMatch.counts(reference: analyzed.dataFlow, candidate: candidate.dataFlow)
                flowMatched += flow.matched
                flowTotal += flow.total
            }
        }
        let syntax = Double(syntaxMatched) / Double(syntaxTotal)
        let dataflow = flowTotal == 0 ? 0 : Double(flowMatched) / Double(flowTotal)
        // codebleu combines with `dataflow_match_score or 1`: a data-flow part of exactly 0 (no
        // reference flows, or none matched) counts as 1 in the total.
        let total = weights.ngram * ngram + weights.weightedNgram * weighted + weights.syntax * syntax
            + weights.dataflow * (dataflow == 0 ? 1 : dataflow)
        return CodeBLEUScore(total: total, ngramMatch: ngram, weightedNgramMatch: weighted, syntaxMatch: syntax,
                             dataflowMatch: dataflow, dataflowHadNothingToMatch: flowTotal == 0,
                             unparsableCandidates: unparsableCandidates, unparsableReferences: unparsableReferences)
    }
}
