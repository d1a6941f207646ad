import Foundation

/// Runs completions against their tasks' tests in the sandbox and computes pass@k, as human-eval's `evaluate_functional_correctness` does.
public struct PassAtKEvaluator: Sendable {
    /// The sandbox every sample runs in.
    public let sandbox: Sandbox

    /// Creates an evaluator over `sandbox`.
    public init(sandbox: Sandbox) {
        self.sandbox = sandbox
    }

    /// Runs every sample (concurrently, as the sandbox's limits allow) and computes pass@k for each k in `ks`.
    ///
    /// A sample naming an unknown task is an error; tasks with no sample are left out, as human-eval leaves them.
    public func evaluate(problems: [CodeProblem], samples: [CompletionSample], ks: [Int] = [1, 10, 100],
                         progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> PassAtKReport {
        var byID: [String: CodeProblem] = [:]
        for problem in problems { byID[problem.taskID] = problem }
        var programs: [String] = []
        for (index, sample) in samples.enumerated() {
            guard let problem = byID[sample.taskID] else { throw PassAtKError.unknownTask(sample.taskID, sampleIndex: index) }
            programs.append(HumanEvalProgram.source(problem: problem, completion: sample.completion))
        }
        let counter = ProgressCounter()
        let total = programs.count
        let results = await sandbox.runAll(programs: programs) { _, _ in
            progress?(counter.increment(), total)
        }
        var lines: [SampleResult] = []
        var perTask: [String: (samples: Int, correct: Int)] = [:]
        var outcomeCounts: [SandboxOutcome: Int] = [:]
        for (sample, result) in zip(samples, results) {
            lines.append(SampleResult(taskID: sample.taskID, completion: sample.completion, outcome: result.outcome,
                                      result: Self.humanEvalResultText(result), seconds: result.seconds))
            perTask[sample.taskID, default: (0, 0)].samples += 1
            if result.outcome == .passed { perTask[sample.taskID, default: (0, 0)].correct += 1 }
            outcomeCounts[result.outcome, default: 0] += 1
        }
        var passAtK: [Int: Double] = [:]
        let counts = Array(perTask.values)
        for k in ks {
            if let value = PassAtK.mean(counts, k: k) { passAtK[k] = value }
        }
        return PassAtKReport(passAtK: passAtK, samples: lines, outcomeCounts: outcomeCounts)
    }

    /// Reads a problems file and a samples file (JSONL, plain or .gz), evaluates, and writes `<samples>_results.jsonl` beside the samples.
    public func evaluate(problemsFile: URL, samplesFile: URL, ks: [Int] = [1, 10, 100],
                         progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> (report: PassAtKReport, resultsFile: URL) {
        let problems = try JSONLReader.read(CodeProblem.self, from: problemsFile)
        let samples = try JSONLReader.read(CompletionSample.self, from: samplesFile)
        let report = try await evaluate(problems: problems, samples: samples, ks: ks, progress: progress)
        let resultsFile = samplesFile.deletingLastPathComponent()
            .appendingPathComponent(samplesFile.lastPathComponent + "_results.jsonl")
        try JSONLWriter.write(report.samples, to: resultsFile)
        return (report, resultsFile)
    }

    /// human-eval's wording: `passed`, `timed out`, or `failed: <last line of the error>`.
    static func humanEvalResultText(_ result: SandboxResult) -> String {
        switch result.outcome {
        case .passed: return "passed"
        case .timeout: return "timed out"
        case .failed, .oom, .error:
            let lastLine = result.stderrTail.split(separator: "\n").last.map(String.init) ?? result.outcome.rawValue
            return "failed: \(lastLine)"
        }
    }
}
