import BenchmarkKit
import ArgumentParser
import Foundation
import Evaluation

/// `lce-bench-evaluation`: how fast the evaluator scores, measured and printed in one run, never asserted.
@main
struct EvaluationBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-bench-evaluation",
        abstract: "Time pass@k execution of 164 tasks in the sandbox and BLEU/CodeBLEU over 1,000 pairs.",
        discussion: """
        Execution: the canonical solution of each task runs with its tests through the sandbox at the \
        concurrency the pass@k evaluator uses (wall time for all tasks, median of --runs), then one at a \
        time beside python3 running the same program without the sandbox and bare `python3 -c pass` \
        start-ups, so the sandbox's own cost per task is visible. Tasks: --problems (HumanEval.jsonl.gz \
        works) or the first 164 of the bundled code-task dataset (train then eval). Metrics: corpus BLEU, sentence BLEU per pair and corpus CodeBLEU over --pairs (JSONL \
        {"reference","candidate"}) or 1,000 pairs made from the bundled tasks' solutions by seeded edits; \
        median of --runs. The load average is printed before and after: the machine may be shared.

        Examples:
          lce-bench-evaluation
          lce-bench-evaluation --problems HumanEval.jsonl.gz --runs 5
          lce-bench-evaluation --skip-execution --pairs pairs.jsonl
          lce-bench-evaluation --skip-execution --save-pairs pairs.jsonl
        """)

    @Option(name: .long, help: "HumanEval-shaped tasks (JSONL, plain or .gz); default: the bundled code tasks.")
    var problems: String?

    @Option(name: .long, help: "How many tasks to run.")
    var tasks = 164

    @Option(name: .long, help: "Scoring pairs (JSONL {\"reference\",\"candidate\"}); default: perturbed bundled solutions.")
    var pairs: String?

    @Option(name: .long, help: "How many generated pairs (ignored with --pairs).")
    var pairCount = 1000

    @Option(name: .long, help: "Also write the scored pairs to this JSONL file (to score them with sacrebleu or codebleu).")
    var savePairs: String?

    @Option(name: .long, help: "Seed of the generated pairs' edits.")
    var seed: UInt64 = 7

    @Option(name: .long, help: "Timed runs per figure; medians are reported.")
    var runs = 3

    @Option(name: .long, help: "Bare python3 start-ups timed for the start-up yardstick.")
    var bareStarts = 30

    @Flag(name: .long, help: "Skip the execution part.")
    var skipExecution = false

    @Flag(name: .long, help: "Skip the metrics part.")
    var skipMetrics = false

    func validate() throws {
        guard tasks >= 1 else { throw ValidationError("--tasks must be at least 1") }
        guard pairCount >= 1 else { throw ValidationError("--pair-count must be at least 1") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard bareStarts >= 1 else { throw ValidationError("--bare-starts must be at least 1") }
    }

    func run() async throws {
        let bundled = CodeTaskDataset.generate()
        print("lce-bench-evaluation: median of \(runs) runs; \(SystemLoad.processors) logical CPUs")
        print("load average at start: \(SystemLoad.current())")
        if !skipExecution {
            let (source, chosen) = try executionProblems(bundled: bundled)
            print("")
            print("execution: \(chosen.count) tasks from \(source), canonical solutions with their tests")
            let timings = try await ExecutionTimings.measure(problems: chosen, runs: runs, bareStarts: bareStarts)
            report(timings)
            print("load average now: \(SystemLoad.current())")
        }
        if !skipMetrics {
            let (source, scored) = try metricPairs(bundled: bundled)
            print("")
            print("metrics: \(scored.count) pairs from \(source)")
            if let savePairs {
                let url = URL(fileURLWithPath: (savePairs as NSString).expandingTildeInPath)
                try JSONLWriter.write(scored, to: url)
                print("  pairs written to \(url.path)")
            }
            let timings = try MetricTimings.measure(pairs: scored, runs: runs)
            report(timings, pairs: scored.count)
            print("load average at end: \(SystemLoad.current())")
        }
    }

    private func executionProblems(bundled: CodeTaskDataset) throws -> (String, [CodeProblem]) {
        if let problems {
            let url = URL(fileURLWithPath: (problems as NSString).expandingTildeInPath)
            let all = try JSONLReader.read(CodeProblem.self, from: url)
            return (url.lastPathComponent, Array(all.prefix(tasks)))
        }
        return ("the bundled code-task dataset (train + eval)", Array((bundled.train + bundled.eval).prefix(tasks)))
    }

    private func metricPairs(bundled: CodeTaskDataset) throws -> (String, [ReferenceCandidate]) {
        if let pairs {
            let url = URL(fileURLWithPath: (pairs as NSString).expandingTildeInPath)
            let all = try JSONLReader.read(ReferenceCandidate.self, from: url)
            guard !all.isEmpty else { throw ValidationError("\(url.path): no pairs") }
            return (url.lastPathComponent, all)
        }
        let made = PerturbedPairs.make(from: bundled.train + bundled.eval, count: pairCount, seed: seed)
        return ("bundled solutions vs seeded edits (seed \(seed))", made)
    }

    private func report(_ timings: ExecutionTimings) {
        let outcomes = SandboxOutcome.allCases.compactMap { outcome in
            timings.outcomes[outcome].map { "\($0) \(outcome.rawValue)" }
        }.joined(separator: ", ")
        print("  python: \(timings.python)")
        print("  isolation: \(timings.isolation)")
        print(row("all \(timings.tasks) tasks (PassAtKEvaluator), \(timings.concurrency) at a time", seconds(timings.allTasksWall.median),
                  "runs " + timings.allTasksWall.map { f($0, 2) }.joined(separator: " ") + "; " + outcomes
                  + "; pass@1 \(f(timings.passAt1, 3))"))
        for line in timings.notPassed { print("    not passed: \(line)") }
        let sandboxMean = mean(timings.sandboxPerTask), bareTestMean = mean(timings.bareTestPerTask)
        let isolatedTestMean = mean(timings.bareIsolatedTestPerTask)
        print(row("per task through the sandbox, one at a time", ms(sandboxMean),
                  "median \(ms(timings.sandboxPerTask.median)); sandboxed process alone \(ms(mean(timings.sandboxProcessPerTask)))"))
        print(row("per task, python3 program.py without sandbox", ms(bareTestMean),
                  "median \(ms(timings.bareTestPerTask.median)); \(timings.bareTestPassed)/\(timings.tasks) exited 0"))
        print(row("per task, python3 -I -S program.py, no sandbox", ms(isolatedTestMean),
                  "median \(ms(timings.bareIsolatedTestPerTask.median)); the interpreter flags the sandbox uses"))
        print(row("python3 -c pass", ms(timings.barePass.median), "median of \(timings.barePass.count)"))
        print(row("python3 -I -S -c pass", ms(timings.bareIsolatedPass.median), "median of \(timings.bareIsolatedPass.count)"))
        print(row("sandbox overhead per task", ms(sandboxMean - isolatedTestMean),
                  "over python3 -I -S program.py (\(ms(sandboxMean - bareTestMean)) over plain python3 program.py)"))
    }

    private func report(_ timings: MetricTimings, pairs: Int) {
        func runs(_ runs: MetricTimings.Runs) -> String {
            "cpu \(seconds(runs.cpu.median)); runs " + runs.wall.map { f($0, 3) }.joined(separator: " ")
        }
        print(row("BLEU corpus (sacrebleu default)", seconds(timings.bleuCorpus.wall.median),
                  runs(timings.bleuCorpus) + "; BLEU \(f(timings.bleuScore, 2))"))
        print(row("BLEU sentence-level, \(pairs) calls", seconds(timings.bleuSentences.wall.median),
                  runs(timings.bleuSentences) + "; mean \(f(timings.meanSentenceBLEU, 2))"))
        var detail = runs(timings.codeBLEU)
        if let score = timings.codeBLEUScore {
            detail += "; CodeBLEU \(f(score.total, 4)) (ngram \(f(score.ngramMatch, 3)), weighted \(f(score.weightedNgramMatch, 3)),"
                + " syntax \(f(score.syntaxMatch, 3)), dataflow \(f(score.dataflowMatch, 3)));"
                + " \(score.unparsableCandidates.count) candidates did not parse"
        }
        print(row("CodeBLEU corpus", seconds(timings.codeBLEU.wall.median), detail))
        let all = [timings.bleuCorpus, timings.bleuSentences, timings.codeBLEU]
        print(row("all three metrics", seconds(all.map(\.wall.median).reduce(0, +)),
                  "cpu \(seconds(all.map(\.cpu.median).reduce(0, +))); sum of the medians"))
    }

    private func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
    private func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    private func ms(_ value: Double) -> String { f(value * 1000, 1) + " ms" }
    private func seconds(_ value: Double) -> String { f(value, 3) + " s" }
    private func row(_ label: String, _ value: String, _ detail: String) -> String {
        label.padding(toLength: 48, withPad: " ", startingAt: 0) + value.padding(toLength: 12, withPad: " ", startingAt: 0) + detail
    }
}
