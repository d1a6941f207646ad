import Foundation
import Testing
@testable import Evaluation

@Test func sentenceScoresMatchSacrebleuOnEveryFixture() throws {
    let fixtures = try BLEUFixtures.load()
    #expect(fixtures.cases.count >= 300)
    var worst = 0.0
    for (index, fixture) in fixtures.cases.enumerated() {
        let score = try BLEU.sentenceLevel.sentenceScore(hypothesis: fixture.hyp, references: fixture.refs)
        let difference = abs(score.score - fixture.sentence.score)
        worst = max(worst, difference)
        #expect(difference < 0.01, "case \(index): \(fixture.hyp.debugDescription) vs \(fixture.refs)")
    }
    #expect(worst < 0.01)
}

@Test func sentenceStatisticsMatchSacrebleuExactly() throws {
    let fixtures = try BLEUFixtures.load()
    for (index, fixture) in fixtures.cases.enumerated() {
        let score = try BLEU.sentenceLevel.sentenceScore(hypothesis: fixture.hyp, references: fixture.refs)
        #expect(score.counts == fixture.sentence.counts, "case \(index)")
        #expect(score.totals == fixture.sentence.totals, "case \(index)")
        #expect(score.systemLength == fixture.sentence.sys_len, "case \(index)")
        #expect(score.referenceLength == fixture.sentence.ref_len, "case \(index)")
        #expect(abs(score.brevityPenalty - fixture.sentence.bp) < 1e-9, "case \(index)")
        for (mine, theirs) in zip(score.precisions, fixture.sentence.precisions) {
            #expect(abs(mine - theirs) < 1e-9, "case \(index)")
        }
    }
}

@Test func corpusScoresMatchSacrebleuWithOneAndSeveralReferenceStreams() throws {
    let fixtures = try BLEUFixtures.load()
    #expect(fixtures.corpora.contains { $0.signature.hasPrefix("nrefs:2|") })
    for corpus in fixtures.corpora {
        let cases = corpus.cases.map { fixtures.cases[$0] }
        let streamCount = cases[0].refs.count
        let streams = (0..<streamCount).map { k in cases.map { $0.refs[k] } }
        let score = try BLEU().corpusScore(hypotheses: cases.map(\.hyp), referenceStreams: streams)
        #expect(abs(score.score - corpus.corpus.score) < 0.01)
        #expect(score.counts == corpus.corpus.counts)
        #expect(score.totals == corpus.corpus.totals)
        #expect(score.systemLength == corpus.corpus.sys_len)
        #expect(score.referenceLength == corpus.corpus.ref_len)
    }
}

@Test func signatureMatchesSacrebleu() throws {
    let fixtures = try BLEUFixtures.load()
    #expect(fixtures.sacrebleu_version == BLEU.sacrebleuVersion)
    let single = try #require(fixtures.corpora.first { $0.signature.hasPrefix("nrefs:1|") })
    #expect(BLEU().signature(referenceCount: 1) == single.signature)
    #expect(BLEU().signature(referenceCount: 1) == "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0")
    #expect(BLEU.sentenceLevel.signature(referenceCount: 1) == fixtures.sentence_signature)
}

@Test func smoothingNamesFollowSacrebleuSignature() {
    #expect(BLEU(smoothing: .floor(0.1)).signature(referenceCount: 2).contains("smooth:floor[0.10]"))
    #expect(BLEU(smoothing: .addK(1)).signature(referenceCount: 2).contains("smooth:add-k[1.00]"))
    #expect(BLEU(smoothing: .none).signature(referenceCount: 2).contains("smooth:none"))
}

@Test func identicalSentencesScoreOneHundred() throws {
    let score = try BLEU().sentenceScore(hypothesis: "the quick brown fox jumps", references: ["the quick brown fox jumps"])
    #expect(abs(score.score - 100) < 1e-9)
    #expect(score.brevityPenalty == 1)
}

@Test func emptyHypothesisScoresZeroWithZeroPenalty() throws {
    let score = try BLEU().sentenceScore(hypothesis: "", references: ["a reference"])
    #expect(score.score == 0)
    #expect(score.brevityPenalty == 0)
    #expect(score.referenceLength == 2)
}

@Test func emptyCorpusIsAnError() {
    #expect(throws: BLEUError.emptyCorpus) { try BLEU().corpusScore(hypotheses: [], referenceStreams: [[]]) }
}

@Test func referenceStreamOfWrongLengthIsAnError() {
    #expect(throws: BLEUError.referenceCountMismatch(stream: 1, lines: 1, hypotheses: 2)) {
        try BLEU().corpusScore(hypotheses: ["a", "b"], referenceStreams: [["a", "b"], ["a"]])
    }
}

@Test func verboseDescriptionFollowsSacrebleuLayout() throws {
    let score = try BLEU().sentenceScore(hypothesis: "a b c d", references: ["a b c d"])
    #expect(score.description == "BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 4 ref_len = 4)")
}

@Test func pairsFileReportMatchesSacrebleuCorpusScore() throws {
    let fixtures = try BLEUFixtures.load()
    let corpus = try #require(fixtures.corpora.first { $0.signature.hasPrefix("nrefs:1|") })
    let pairs = corpus.cases.map { ReferenceCandidate(reference: fixtures.cases[$0].refs[0], candidate: fixtures.cases[$0].hyp) }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bleu-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("pairs.jsonl")
    try JSONLWriter.write(pairs, to: file)
    let report = try BLEU().report(pairsFile: file)
    #expect(abs(report.score - corpus.corpus.score) < 0.01)
    #expect(report.signature == corpus.signature)
    #expect(report.verboseScore.hasPrefix("BLEU = "))
}

@Test func emptyPairsFileIsAnError() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bleu-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("empty.jsonl")
    try Data().write(to: file)
    #expect(throws: DatasetError.self) { try BLEU().report(pairsFile: file) }
}

@Test func verboseDescriptionRoundsLikePython() throws {
    // str(sacrebleu.corpus_bleu(["a"], [["a b"]])) prints exactly this line.
    let score = try BLEU().sentenceScore(hypothesis: "a", references: ["a b"])
    #expect(score.description == "BLEU = 0.00 100.0/0.0/0.0/0.0 (BP = 0.368 ratio = 0.500 hyp_len = 1 ref_len = 2)")
}
