import Foundation
import Testing
@testable import Evaluation

/// CodeBLEU against the codebleu package's own numbers on the committed fixture pairs.
struct CodeBLEUPackageAgreementTests {
    /// Pairs whose data-flow part hangs on the order in which Python iterates a set of names
    /// (it changes with PYTHONHASHSEED); here the package kept one order in every seed tried while
    /// this implementation's sorted order differs. Their other parts are still checked.
    static let setOrderDependentDataflow: Set<String> = ["renamed/fstring"]

    /// Pairs where tree-sitter reads code differently from this parser. `tabs/caesar`: codebleu's
    /// docstring remover turns tab indentation into single spaces, leaving a stray `else:` that
    /// tree-sitter takes, without an error, as an annotated assignment to a name `else`.
    static let parsedDifferently: Set<String> = ["tabs/caesar"]

    @Test func identicalCodeOfFourOrMoreTokensScoresExactlyOne() throws {
        let identical = try CodeBLEUFixtures.pairs().filter { $0.kind == "identical" }
        #expect(identical.count > 40)
        for pair in identical where PythonWhitespace.split(pair.reference).count >= 4 {
            let score = try CodeBLEU.score(references: [pair.reference], candidates: [pair.candidate])
            #expect(score.total == 1.0, "\(pair.name)")
            #expect(pair.scores.codebleu == 1.0, "\(pair.name)")
        }
    }

    @Test func identicalCodeShorterThanFourTokensScoresWhatThePackageScores() throws {
        // BLEU-4 over fewer than four tokens has no 4-gram, so the package's smoothing keeps it below 1.
        let short = try CodeBLEUFixtures.pairs().filter { $0.kind == "identical" && PythonWhitespace.split($0.reference).count < 4 }
        #expect(!short.isEmpty)
        for pair in short {
            let score = try CodeBLEU.score(references: [pair.reference], candidates: [pair.candidate])
            #expect(abs(score.total - pair.scores.codebleu) < 1e-9, "\(pair.name)")
        }
    }

    @Test func cleanlyParsedPairsAgreeWithThePackageInEveryPart() throws {
        let pairs = try CodeBLEUFixtures.pairs().filter { $0.reference_parses && $0.candidate_parses }
        #expect(pairs.count > 450)
        var disagreements: [String] = []
        for pair in pairs {
            let score = try CodeBLEU.score(references: [pair.reference], candidates: [pair.candidate])
            let key = "\(pair.kind)/\(pair.name)"
            if Self.parsedDifferently.contains(key) { continue }
            let setOrderDependent = Self.setOrderDependentDataflow.contains(key)
            let checks = [
                ("ngram", CodeBLEUFixtures.within(score.ngramMatch, [pair.scores.ngram_match_score])),
                ("weighted", CodeBLEUFixtures.within(score.weightedNgramMatch, [pair.scores.weighted_ngram_match_score])),
                ("syntax", CodeBLEUFixtures.within(score.syntaxMatch, [pair.scores.syntax_match_score])),
                ("dataflow", setOrderDependent || CodeBLEUFixtures.within(score.dataflowMatch, pair.dataflow_range)),
                ("total", setOrderDependent || CodeBLEUFixtures.within(score.total, pair.codebleu_range)),
            ]
            for (part, ok) in checks where !ok { disagreements.append("\(key) \(part)") }
            if !score.parsedCleanly { disagreements.append("\(key) flagged as unparsable") }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    @Test func unparsableCandidatesKeepThePackagesNGramPartsAndAreFlagged() throws {
        let pairs = try CodeBLEUFixtures.pairs().filter { !$0.candidate_parses }
        #expect(pairs.count > 60)
        for pair in pairs {
            let score = try CodeBLEU.score(references: [pair.reference], candidates: [pair.candidate])
            #expect(score.unparsableCandidates == [0], "\(pair.kind)/\(pair.name)")
            #expect(CodeBLEUFixtures.within(score.ngramMatch, [pair.scores.ngram_match_score]), "\(pair.kind)/\(pair.name)")
            #expect(CodeBLEUFixtures.within(score.weightedNgramMatch, [pair.scores.weighted_ngram_match_score]), "\(pair.kind)/\(pair.name)")
        }
    }

    @Test func cleanCorporaAgreeWithThePackageInEveryPartAndWeights() throws {
        let pairs = try CodeBLEUFixtures.pairs()
        let corpora = try CodeBLEUFixtures.corpora().filter { $0.kind == "clean" }
        #expect(corpora.count >= 5)
        #expect(corpora.contains { $0.weights != [0.25, 0.25, 0.25, 0.25] })
        for corpus in corpora {
            let weights = CodeBLEUWeights(ngram: corpus.weights[0], weightedNgram: corpus.weights[1],
                                          syntax: corpus.weights[2], dataflow: corpus.weights[3])
            let score = try CodeBLEU.score(references: corpus.indices.map { pairs[$0].reference },
                                           candidates: corpus.indices.map { pairs[$0].candidate }, weights: weights)
            #expect(CodeBLEUFixtures.within(score.ngramMatch, [corpus.scores.ngram_match_score]))
            #expect(CodeBLEUFixtures.within(score.weightedNgramMatch, [corpus.scores.weighted_ngram_match_score]))
            #expect(CodeBLEUFixtures.within(score.syntaxMatch, [corpus.scores.syntax_match_score]))
            #expect(CodeBLEUFixtures.within(score.dataflowMatch, corpus.dataflow_range))
            #expect(CodeBLEUFixtures.within(score.total, corpus.codebleu_range))
        }
    }

    @Test func mixedCorporaAgreeWithThePackageInTheNGramParts() throws {
        let pairs = try CodeBLEUFixtures.pairs()
        let corpora = try CodeBLEUFixtures.corpora().filter { $0.kind == "mixed" }
        #expect(corpora.count > 20)
        for corpus in corpora {
            let score = try CodeBLEU.score(references: corpus.indices.map { pairs[$0].reference },
                                           candidates: corpus.indices.map { pairs[$0].candidate })
            #expect(CodeBLEUFixtures.within(score.ngramMatch, [corpus.scores.ngram_match_score]))
            #expect(CodeBLEUFixtures.within(score.weightedNgramMatch, [corpus.scores.weighted_ngram_match_score]))
            #expect(!score.parsedCleanly)
        }
    }
}
