import Foundation
import Evaluation

/// What running the tasks' canonical solutions costs through the sandbox and without it, measured in one run.
struct ExecutionTimings {
    var tasks = 0
    var concurrency = 0
    /// Wall seconds for all tasks at the sandbox's concurrency, one entry per run.
    var allTasksWall: [Double] = []
    /// Outcome counts of the last concurrent run.
    var outcomes: [SandboxOutcome: Int] = [:]
    /// pass@1 of the last concurrent run (1 when every canonical solution passes).
    var passAt1 = 0.0
    /// Task ids that did not pass, with their reason (first few).
    var notPassed: [String] = []
    /// Per task, one at a time: `Sandbox.runBlocking` wall seconds (workspace set-up, run, clean-up).
    var sandboxPerTask: [Double] = []
    /// Per task, one at a time: seconds the sandboxed process itself ran (spawn to exit).
    var sandboxProcessPerTask: [Double] = []
    /// Per task: `python3 program.py` on the same program without any sandbox.
    var bareTestPerTask: [Double] = []
    var bareTestPassed = 0
    /// Per task: `python3 -I -S program.py`, the interpreter flags the sandbox starts with, without any sandbox.
    var bareIsolatedTestPerTask: [Double] = []
    /// `python3 -c pass`, repeated.
    var barePass: [Double] = []
    /// `python3 -I -S -c pass`, the interpreter flags the sandbox uses.
    var bareIsolatedPass: [Double] = []
    var isolation = ""
    var python = ""

    static func measure(problems: [CodeProblem], runs: Int, bareStarts: Int) async throws -> ExecutionTimings {
        let sandbox = try Sandbox()
        var timings = ExecutionTimings()
        timings.tasks = problems.count
        timings.concurrency = sandbox.limits.concurrency
        timings.isolation = sandbox.isolation.description
        timings.python = sandbox.pythonExecutable
        let programs = problems.map { HumanEvalProgram.source(problem: $0, completion: $0.canonicalSolution) }

        // The evaluator's own path: pass@1 over one sample per task, the sandbox's concurrency deciding how many run at once.
        let evaluator = PassAtKEvaluator(sandbox: sandbox)
        let samples = problems.map { CompletionSample(taskID: $0.taskID, completion: $0.canonicalSolution) }
        for _ in 0..<runs {
            let start = Stopwatch.now()
            let report = try await evaluator.evaluate(problems: problems, samples: samples, ks: [1])
            timings.allTasksWall.append(Stopwatch.now() - start)
            timings.outcomes = report.outcomeCounts
            timings.passAt1 = report.passAtK[1] ?? 0
            timings.notPassed = report.samples.filter { !$0.passed }.prefix(5).map { "\($0.taskID): \($0.result)" }
        }

        // Each program runs through the sandbox and bare back to back, so the three timings of a task see the same load.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bench-bare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("program.py")
        for program in programs {
            let (seconds, result) = Stopwatch.time { sandbox.runBlocking(program: program) }
            timings.sandboxPerTask.append(seconds)
            timings.sandboxProcessPerTask.append(result.seconds)

            try Data(program.utf8).write(to: file)
            let bare = BareProcess(executable: sandbox.pythonExecutable, arguments: [file.path])
            let (bareSeconds, status) = Stopwatch.time { bare.run() }
            timings.bareTestPerTask.append(bareSeconds)
            if status == 0 { timings.bareTestPassed += 1 }
            let isolated = BareProcess(executable: sandbox.pythonExecutable, arguments: ["-I", "-S", file.path])
            timings.bareIsolatedTestPerTask.append(Stopwatch.time { isolated.run() }.seconds)
        }
        for _ in 0..<bareStarts {
            let plain = BareProcess(executable: sandbox.pythonExecutable, arguments: ["-c", "pass"])
            timings.barePass.append(Stopwatch.time { plain.run() }.seconds)
            let isolated = BareProcess(executable: sandbox.pythonExecutable, arguments: ["-I", "-S", "-c", "pass"])
            timings.bareIsolatedPass.append(Stopwatch.time { isolated.run() }.seconds)
        }
        return timings
    }
}
