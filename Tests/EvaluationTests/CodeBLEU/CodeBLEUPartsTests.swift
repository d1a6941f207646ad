import Foundation
import Testing
@testable import Evaluation

/// The parts of CodeBLEU on small hand-checked inputs.
struct CodeBLEUPartsTests {
    @Test func ngramMatchReproducesNLTKsCorpusExample() {
        // NLTK's corpus_bleu doctest, which codebleu's bleu.py carries: 0.5920...
        let hyp1 = "It is a guide to action which ensures that the military always obeys the commands of the party".split(separator: " ").map(String.init)
        let ref1a = "It is a guide to action that ensures that the military will forever heed Party commands".split(separator: " ").map(String.init)
        let ref1b = "It is the guiding principle which guarantees the military forces always being under the command of the Party".split(separator: " ").map(String.init)
        let ref1c = "It is the practical guide for the army always to heed the directions of the party".split(separator: " ").map(String.init)
        let hyp2 = "he read the book because he was interested in world history".split(separator: " ").map(String.init)
        let ref2a = "he was interested in world history because he read the book".split(separator: " ").map(String.init)
        let score = CodeBLEUNGramMatch.corpusScore(references: [[ref1a, ref1b, ref1c], [ref2a]], hypotheses: [hyp1, hyp2])
        #expect(abs(score - 0.5920778868801042) < 1e-12)
    }

    @Test func ngramMatchIsZeroWithoutAUnigramMatch() {
        #expect(CodeBLEUNGramMatch.corpusScore(references: [[["a", "b"]]], hypotheses: [["c", "d"]]) == 0)
    }

    @Test func weightedMatchCountsKeywordsFiveTimesOtherTokens() {
        // Reference "return x": recall of unigrams weighted 1 (return) and 0.2 (x).
        let onlyKeyword = CodeBLEUWeightedNGramMatch.corpusScore(references: [[["return", "x"]]], hypotheses: [["return", "y", "z"]])
        let onlyName = CodeBLEUWeightedNGramMatch.corpusScore(references: [[["return", "x"]]], hypotheses: [["x", "y", "z"]])
        // unigram recall 1/1.2 vs 0.2/1.2; higher orders smoothed 0.1/1 (bigram), 0.1/1, 0.1/1.
        let smoothed = log(0.1) * 0.75
        #expect(abs(onlyKeyword - exp(0.25 * log(1 / 1.2) + smoothed)) < 1e-12)
        #expect(abs(onlyName - exp(0.25 * log(0.2 / 1.2) + smoothed)) < 1e-12)
    }

    @Test func weightedMatchBrevityPenaltyComparesWithTwoTokensPerReference() {
        // codebleu measures the [tokens, weights] pair (length 2), not the five reference tokens,
        // so one hypothesis token costs exp(1 - 2/1), not exp(1 - 5/1).
        let score = CodeBLEUWeightedNGramMatch.corpusScore(references: [[["return", "a", "b", "c", "d"]]], hypotheses: [["return"]])
        let recalls = log(1 / 1.8) + log(0.1 / 4) + log(0.1 / 3) + log(0.1 / 2)
        #expect(abs(score - exp(1 - 2.0) * exp(0.25 * recalls)) < 1e-12)
    }

    @Test func syntaxMatchCountsReferenceSubtreesFoundInCandidate() {
        let reference = PythonParser.parse("x = 1\ny = 2\n").tree
        let candidate = PythonParser.parse("x = 1\n").tree
        // Reference subtrees: module, two identical expression_statements, two identical assignments.
        let counts = CodeBLEUSyntaxMatch.counts(reference: reference, candidate: candidate)
        #expect(counts.matched == 4)
        #expect(counts.total == 5)
    }

    @Test func dataFlowRecordsAssignmentsAndUses() {
        let code = "a = 1\nb = a + 2\n"
        let edges = PythonDataFlowGraph.edges(of: PythonParser.parse(code).tree, code: code)
        #expect(edges.map(\.name) == ["a", "1", "b", "a", "2"])
        #expect(edges.map(\.relation) == ["computedFrom", "comesFrom", "computedFrom", "comesFrom", "comesFrom"])
        #expect(edges[2].parentNames == ["a", "2"])
        #expect(edges[3].parentNames == ["a"])
        let normalized = PythonDataFlowGraph.normalize(edges)
        #expect(normalized[0] == NormalizedDataFlowEdge(variable: "var_1", relation: "computedFrom", parents: ["var_0"]))
    }

    @Test func renamedVariablesKeepTheDataFlowButNotTheNGrams() throws {
        let score = try CodeBLEU.score(references: ["def f(a):\n    b = a * 2\n    return b + a\n"],
                                       candidates: ["def g(x):\n    y = x * 2\n    return y + x\n"])
        #expect(score.dataflowMatch == 1)
        #expect(score.syntaxMatch == 1)
        #expect(score.ngramMatch < 0.5)
    }

    @Test func dataFlowOfZeroCountsAsOneInTheTotal() throws {
        // As codebleu's `dataflow_match_score or 1`.
        let score = try CodeBLEU.score(references: ["print('hello world')"], candidates: ["print('hello world')"])
        #expect(score.dataflowMatch == 0)
        #expect(score.dataflowHadNothingToMatch)
        #expect(abs(score.total - 0.25 * (score.ngramMatch + score.weightedNgramMatch + score.syntaxMatch + 1)) < 1e-12)
    }

    @Test func weightsAreSettable() throws {
        let reference = "def add(a, b):\n    return a + b\n"
        let candidate = "def add(x, y):\n    return x + y\n"
        let onlySyntax = try CodeBLEU.score(references: [reference], candidates: [candidate],
                                            weights: CodeBLEUWeights(ngram: 0, weightedNgram: 0, syntax: 1, dataflow: 0))
        #expect(onlySyntax.total == onlySyntax.syntaxMatch)
    }

    @Test func emptyCandidateScoresAQuarterFromTheDataFlowRule() throws {
        let score = try CodeBLEU.score(references: ["x = compute(1)\nprint(x)\n"], candidates: [""])
        #expect(score.ngramMatch == 0)
        #expect(score.weightedNgramMatch == 0)
        #expect(score.syntaxMatch == 0)
        #expect(score.total == 0.25)
        #expect(score.parsedCleanly)
    }

    @Test func mismatchedCountsThrow() {
        #expect(throws: CodeBLEUError.countMismatch(references: 1, candidates: 2)) {
            try CodeBLEU.score(references: ["a"], candidates: ["a", "b"])
        }
    }

    @Test func emptyCorpusThrows() {
        #expect(throws: CodeBLEUError.emptyCorpus) { try CodeBLEU.score(references: [], candidates: []) }
    }

    @Test func unparsableCandidateIsFlaggedByIndex() throws {
        let score = try CodeBLEU.score(references: ["x = 1\n", "y = 2\n"], candidates: ["x = 1\n", "y = (2\n"])
        #expect(score.unparsableCandidates == [1])
        #expect(score.unparsableReferences.isEmpty)
    }
}
