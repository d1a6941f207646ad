import Evaluation

/// Times BLEU (corpus and per sentence) and CodeBLEU over the same pairs, `runs` times each.
struct MetricTimings {
    /// Wall and CPU seconds of each run of one metric.
    struct Runs {
        var wall: [Double] = []
        var cpu: [Double] = []

        mutating func add(_ wall: Double, _ cpu: Double) {
            self.wall.append(wall)
            self.cpu.append(cpu)
        }
    }

    /// Corpus BLEU over all pairs.
    var bleuCorpus = Runs()
    /// Sentence BLEU, one call per pair.
    var bleuSentences = Runs()
    /// Corpus CodeBLEU over all pairs.
    var codeBLEU = Runs()
    /// The scores of the last run, printed so a changed number shows up beside a changed time.
    var bleuScore = 0.0
    var meanSentenceBLEU = 0.0
    var codeBLEUScore: CodeBLEUScore?

    static func measure(pairs: [ReferenceCandidate], runs: Int) throws -> MetricTimings {
        var timings = MetricTimings()
        let references = pairs.map(\.reference), candidates = pairs.map(\.candidate)
        for _ in 0..<runs {
            let corpus = try Stopwatch.timeWithCPU { try BLEU().corpusScore(pairs: pairs) }
            timings.bleuCorpus.add(corpus.seconds, corpus.cpu)
            timings.bleuScore = corpus.value.score

            let sentences = try Stopwatch.timeWithCPU {
                try pairs.reduce(0.0) { $0 + (try BLEU.sentenceLevel.sentenceScore(hypothesis: $1.candidate, references: [$1.reference])).score }
            }
            timings.bleuSentences.add(sentences.seconds, sentences.cpu)
            timings.meanSentenceBLEU = sentences.value / Double(max(pairs.count, 1))

            let code = try Stopwatch.timeWithCPU { try CodeBLEU.score(references: references, candidates: candidates) }
            timings.codeBLEU.add(code.seconds, code.cpu)
            timings.codeBLEUScore = code.value
        }
        return timings
    }
}
