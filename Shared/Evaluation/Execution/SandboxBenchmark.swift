import Foundation

/// Measures what the sandbox costs: HumanEval-sized tasks run through it, against bare `python3 -c pass` start-ups. A benchmark, never a test.
public enum SandboxBenchmark {
    /// The figures one benchmark run produced.
    public struct Report: Sendable, CustomStringConvertible {
        /// How many tasks ran.
        public var tasks: Int
        /// How many of them passed.
        public var passed: Int
        /// Wall-clock seconds for all tasks at the sandbox's concurrency.
        public var concurrentSeconds: Double
        /// Mean seconds per task run one at a time, set-up and clean-up included.
        public var sequentialSecondsPerTask: Double
        /// Mean seconds of `python3 -c pass`, started the same way.
        public var barePythonSeconds: Double
        /// Mean seconds of `python3 -I -S -c pass`: the interpreter start the sandbox itself uses (no site hooks).
        public var bareIsolatedPythonSeconds: Double
        /// Which containment was in use.
        public var isolation: String

        /// A few lines for a terminal or a closing note.
        public var description: String {
            func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
            return """
            sandbox benchmark: \(tasks) tasks, \(passed) passed
              all tasks, \(String(format: "%.2f", concurrentSeconds)) s wall at the configured concurrency
              per task (one at a time): \(ms(sequentialSecondsPerTask))
              bare python3 -c pass:      \(ms(barePythonSeconds))
              bare python3 -I -S -c pass: \(ms(bareIsolatedPythonSeconds))
              sandbox overhead per task: \(ms(sequentialSecondsPerTask - bareIsolatedPythonSeconds)) over -I -S, \(ms(sequentialSecondsPerTask - barePythonSeconds)) over plain
              isolation: \(isolation)
            """
        }
    }

    /// Runs each task's canonical solution once at the sandbox's concurrency and once one at a time, and times bare start-ups.
    public static func run(sandbox: Sandbox, problems: [CodeProblem], bareRuns: Int = 30) async -> Report {
        let programs = problems.map { HumanEvalProgram.source(problem: $0, completion: $0.canonicalSolution) }
        let concurrentStart = DispatchTime.now().uptimeNanoseconds
        let results = await sandbox.runAll(programs: programs)
        let concurrentSeconds = Double(DispatchTime.now().uptimeNanoseconds - concurrentStart) / 1e9

        let sequentialStart = DispatchTime.now().uptimeNanoseconds
        for program in programs { _ = sandbox.runBlocking(program: program) }
        let sequential = Double(DispatchTime.now().uptimeNanoseconds - sequentialStart) / 1e9

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bare-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        func meanStart(_ arguments: [String]) -> Double {
            let bare = ChildProcess(executable: sandbox.pythonExecutable, arguments: arguments, environment: ["PATH": "/usr/bin:/bin"],
                                    stdoutPath: scratch.appendingPathComponent("out").path,
                                    stderrPath: scratch.appendingPathComponent("err").path)
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<bareRuns { _ = try? bare.run(timeLimit: 10) }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(max(bareRuns, 1))
        }
        let bareSeconds = meanStart(["-c", "pass"])
        let isolatedSeconds = meanStart(["-I", "-S", "-c", "pass"])

        return Report(tasks: programs.count, passed: results.filter { $0.outcome == .passed }.count,
                      concurrentSeconds: concurrentSeconds,
                      sequentialSecondsPerTask: sequential / Double(max(programs.count, 1)),
                      barePythonSeconds: bareSeconds, bareIsolatedPythonSeconds: isolatedSeconds, isolation: sandbox.isolation.description)
    }
}
