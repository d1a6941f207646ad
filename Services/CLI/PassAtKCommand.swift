import ArgumentParser
import Evaluation
import Foundation

/// `lce pass-at-k`: runs human-eval samples against their problems' tests in the sandbox.
struct PassAtKCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pass-at-k",
        abstract: "Run completions against their tasks' tests in the sandbox and print pass@k.",
        discussion: """
        PROBLEMS is HumanEval-shaped JSONL (plain or .gz); SAMPLES is human-eval's \
        {"task_id", "completion"} lines. Each sample runs in its own python3 process with time, \
        memory and process limits and no network. Per-sample results are written beside the \
        samples as <samples>_results.jsonl.

        Example:
          lce pass-at-k --problems HumanEval.jsonl.gz --samples samples.jsonl --k 1,10
        """)

    @Option(help: "HumanEval-shaped problems, JSONL or .jsonl.gz.")
    var problems: String

    @Option(help: "Samples, one {\"task_id\",\"completion\"} per line.")
    var samples: String

    @Option(help: "The k values, comma-separated.")
    var k = "1,10,100"

    @Option(name: .customLong("timeout"), help: "Seconds each sample may run.")
    var timeout: Double = 3

    /// The k values parsed from `--k`.
    var ks: [Int] {
        get throws {
            let parts = k.split(separator: ",", omittingEmptySubsequences: false)
            return try parts.map { part in
                guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                    throw ValidationError("--k: '\(part)' is not a whole number of at least 1 (e.g. --k 1,10)")
                }
                return value
            }
        }
    }

    func validate() throws {
        _ = try ks
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be above 0 seconds, got \(timeout)") }
        for (flag, path) in [("--problems", problems), ("--samples", samples)] where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(flag) \(path): no such file")
        }
    }

    func run() async throws {
        let sandbox = try Sandbox(limits: SandboxLimits(timeLimit: timeout))
        let evaluator = PassAtKEvaluator(sandbox: sandbox)
        let (report, resultsFile) = try await evaluator.evaluate(problemsFile: URL(fileURLWithPath: problems),
                                                                 samplesFile: URL(fileURLWithPath: samples), ks: try ks)
        print(report.description)
        for value in try ks where report.passAtK[value] == nil {
            print("pass@\(value): not computed (fewer than \(value) samples for some task)")
        }
        print("per-sample results: \(resultsFile.path)")
    }
}
