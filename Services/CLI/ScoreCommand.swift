import ArgumentParser
import Evaluation
import Foundation

/// `lce score`: BLEU or CodeBLEU of a user's own reference/candidate pairs.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score reference/candidate pairs with BLEU (as sacrebleu) or CodeBLEU (as the codebleu package).",
        discussion: """
        PAIRS is JSONL (plain or .gz), one {"reference": ..., "candidate": ...} per line. \
        Prints the corpus score and its parts: n-gram precisions, brevity penalty and lengths \
        for BLEU; n-gram, weighted n-gram, syntax and data-flow matches for CodeBLEU.

        Examples:
          lce score --metric bleu --pairs pairs.jsonl
          lce score --metric codebleu --pairs pairs.jsonl --json
        """)

    /// The metrics this command computes.
    enum Metric: String, ExpressibleByArgument, CaseIterable {
        case bleu, codebleu
    }

    @Option(help: "bleu or codebleu.")
    var metric: Metric

    @Option(help: "JSONL of {\"reference\",\"candidate\"} lines.")
    var pairs: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard FileManager.default.fileExists(atPath: pairs) else {
            throw ValidationError("--pairs \(pairs): no such file")
        }
    }

    func run() throws {
        let records = try JSONLReader.read(ReferenceCandidate.self, from: URL(fileURLWithPath: pairs))
        guard !records.isEmpty else { throw ValidationError("--pairs \(pairs): no pairs in the file") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        switch metric {
        case .bleu:
            let bleu = BLEU()
            let score = try bleu.corpusScore(pairs: records)
            let report = BLEUReport(score: score, metric: bleu, referenceCount: 1)
            if json {
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print("BLEU \(String(format: "%.2f", score.score)) (\(records.count) pairs)")
                print(report.verboseScore)
                print("signature: \(report.signature)")
            }
        case .codebleu:
            let score = try CodeBLEU.score(references: records.map(\.reference), candidates: records.map(\.candidate))
            if json {
                print(String(decoding: try encoder.encode(score), as: UTF8.self))
            } else {
                print("CodeBLEU \(String(format: "%.4f", score.total)) (\(records.count) pairs)")
                print(String(format: "  ngram_match_score          %.4f", score.ngramMatch))
                print(String(format: "  weighted_ngram_match_score %.4f", score.weightedNgramMatch))
                print(String(format: "  syntax_match_score         %.4f", score.syntaxMatch))
                print(String(format: "  dataflow_match_score       %.4f", score.dataflowMatch))
                if !score.parsedCleanly {
                    print("  did not parse (n-gram parts still count): candidates on \(Self.lines(score.unparsableCandidates)), "
                          + "references on \(Self.lines(score.unparsableReferences))")
                }
            }
        }
    }

    /// "3 lines: 8, 9, 14" with at most ten line numbers shown (1-based), "no lines" when empty.
    static func lines(_ indices: [Int]) -> String {
        guard !indices.isEmpty else { return "no lines" }
        let shown = indices.prefix(10).map { String($0 + 1) }.joined(separator: ", ")
        return "\(indices.count) line\(indices.count == 1 ? "" : "s"): \(shown)\(indices.count > 10 ? ", ..." : "")"
    }
}
