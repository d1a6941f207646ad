import Testing
@testable import Evaluation

/// The n-gram parts compare tokens by their exact code points, as Python's `str` equality does.
struct CodeBLEUTokenIdentityTests {
    @Test func canonicallyEquivalentTokensStayDistinctAsInPython() throws {
        // "café" precomposed (U+00E9) against "cafe" + U+0301: equal as Swift Strings, different in Python.
        // Expected values from codebleu 0.7.0's calc_codebleu on the same pair.
        let score = try CodeBLEU.score(references: ["caf\u{E9} = 1\nreturn caf\u{E9}\n"],
                                       candidates: ["cafe\u{301} = 1\nreturn cafe\u{301}\n"])
        #expect(abs(score.ngramMatch - 0.26591479484724945) < 1e-12)
        #expect(abs(score.weightedNgramMatch - 0.28373869773074895) < 1e-12)
    }

    @Test func bothNGramPartsShareOneInterningOfTheCorpus() {
        let corpus = CodeBLEUTokenizedText.corpus(references: [[["a", "b", "a"]]], hypotheses: [["b", "c"]], maxOrder: 2)
        #expect(corpus.references[0][0].ids == [0, 1, 0])
        #expect(corpus.hypotheses[0].ids == [1, 2])
        #expect(corpus.references[0][0].counts[0].counts[[0][...]] == 2)
        #expect(corpus.references[0][0].counts[1].total == 2)
    }
}
