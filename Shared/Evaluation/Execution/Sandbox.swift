import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs untrusted Python programs one per `python3` process, each in a fresh temporary directory under time, memory and process limits, without network.
///
/// Containment is layered: the harness (`SandboxHarness`) sets rlimits (address space, file size,
/// processes) and Python-level guards (sockets, fork/exec, files outside the run directory) before
/// the candidate runs. As root, each run also gets its own network, pid and mount namespaces
/// (`unshare`), every mount but its directory read-only, and a pids cgroup: limits a candidate
/// cannot undo from Python. `isolation` says which layers this machine allowed.
public final class Sandbox: Sendable {
    /// The limits every run gets.
    public let limits: SandboxLimits
    /// The interpreter, resolved past shims such as pyenv's.
    public let pythonExecutable: String
    /// Which kernel mechanisms are in use on this machine.
    public let isolation: SandboxIsolation
    private let unsharePath: String?
    private let cgroupParent: String?
    /// Where run directories are made: the temporary directory with symlinks resolved, so path checks compare real paths.
    private let workspaceRoot: String

    /// Prepares a sandbox; `pythonExecutable` defaults to the `python3` on PATH.
    public init(limits: SandboxLimits = SandboxLimits(), pythonExecutable: String? = nil) throws {
        self.limits = limits
        self.pythonExecutable = try Self.resolvePython(pythonExecutable)
        workspaceRoot = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
        let isRoot = geteuid() == 0
        var unshare: String?
        if isRoot, let path = Self.findOnPath("unshare"),
           Self.succeeds(path, Self.namespaceFlags + ["/bin/true"]) {
            unshare = path
        }
        unsharePath = unshare
        var cgroup: String?
        let pidsHierarchy = "/sys/fs/cgroup/pids"
        if isRoot, FileManager.default.fileExists(atPath: pidsHierarchy + "/cgroup.procs") {
            let parent = pidsHierarchy + "/lce-sandbox"
            if mkdir(parent, 0o755) == 0 || errno == EEXIST { cgroup = parent }
        }
        cgroupParent = cgroup
        let readOnly = unshare != nil && Self.probeReadOnlyFilesystem(python: self.pythonExecutable, unshare: unshare)
        isolation = SandboxIsolation(namespaces: unshare != nil, readOnlyFilesystem: readOnly, pidsCgroup: cgroup != nil)
    }

    /// `unshare` flags for a run: own network (no interfaces up), pid and mount namespaces, all killed with their first process.
    private static let namespaceFlags = ["--net", "--pid", "--mount", "--fork", "--kill-child"]

    /// The command line of one run.
    private static func command(python: String, unshare: String?, workspace: URL, limits: SandboxLimits,
                                cgroup: String) -> (executable: String, arguments: [String]) {
        let arguments = ["-I", "-S", workspace.appendingPathComponent(SandboxHarness.fileName).path, workspace.path,
                         "\(limits.memoryBytes)", "\(limits.maxProcesses)",
                         "\(limits.maxFileBytes)", cgroup, unshare == nil ? "0" : "1"]
        guard let unshare else { return (python, arguments) }
        return (unshare, namespaceFlags + [python] + arguments)
    }

    /// Whether a run really cannot create files outside its directory: one probe run trying `os.mkdir` (which the Python guard leaves alone).
    private static func probeReadOnlyFilesystem(python: String, unshare: String?) -> Bool {
        let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let workspace = base.appendingPathComponent("lce-sandbox-probe-\(UUID().uuidString)")
        let outside = base.appendingPathComponent("lce-sandbox-probe-outside-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: workspace)
            try? FileManager.default.removeItem(at: outside)
        }
        let program = "import os, errno\ntry:\n    os.mkdir(\(outside.path.debugDescription))\nexcept OSError as e:\n    assert e.errno == errno.EROFS\nelse:\n    raise AssertionError('writable')\n"
        do {
            try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
            try Data(SandboxHarness.source.utf8).write(to: workspace.appendingPathComponent(SandboxHarness.fileName))
            try Data(program.utf8).write(to: workspace.appendingPathComponent(SandboxHarness.programFileName))
            let (executable, arguments) = command(python: python, unshare: unshare, workspace: workspace,
                                                  limits: SandboxLimits(), cgroup: "")
            let process = ChildProcess(executable: executable, arguments: arguments, environment: ["PATH": "/usr/bin:/bin"],
                                       stdoutPath: workspace.appendingPathComponent("stdout.txt").path,
                                       stderrPath: workspace.appendingPathComponent("stderr.txt").path)
            return try process.run(timeLimit: 10).termination == .exited(SandboxHarness.ExitCode.passed)
        } catch {
            return false
        }
    }

    /// Runs `program` without blocking the caller's thread (the wait happens on a GCD thread).
    public func run(program: String) async -> SandboxResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.runBlocking(program: program))
            }
        }
    }

    /// Runs a completion of `problem` the way human-eval does: prompt + completion + test + `check(entry_point)`.
    public func run(problem: CodeProblem, completion: String) async -> SandboxResult {
        await run(program: HumanEvalProgram.source(problem: problem, completion: completion))
    }

    /// Runs every program, `limits.concurrency` at a time, results in input order; `progress` hears of each as it ends.
    public func runAll(programs: [String],
                       progress: (@Sendable (_ index: Int, _ result: SandboxResult) -> Void)? = nil) async -> [SandboxResult] {
        var results = [SandboxResult?](repeating: nil, count: programs.count)
        await withTaskGroup(of: (Int, SandboxResult).self) { group in
            var next = 0
            func startNext() {
                guard next < programs.count else { return }
                let index = next, program = programs[index]
                next += 1
                group.addTask { (index, await self.run(program: program)) }
            }
            for _ in 0..<limits.concurrency { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                progress?(index, result)
                startNext()
            }
        }
        return results.map { $0 ?? SandboxResult(outcome: .error, stderrTail: "sandbox: not run", exitStatus: nil, signal: nil, seconds: 0) }
    }

    /// Runs `program` and waits for it on the calling thread.
    public func runBlocking(program: String) -> SandboxResult {
        // POSIX calls rather than FileManager: set-up and clean-up are paid per candidate.
        var template = Array("\(workspaceRoot)/lce-sandbox-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else {
            return SandboxResult(outcome: .error, stderrTail: SandboxError.workspace("mkdtemp in \(workspaceRoot): \(String(cString: strerror(errno)))").description,
                                 exitStatus: nil, signal: nil, seconds: 0)
        }
        let workspace = URL(fileURLWithPath: String(cString: template), isDirectory: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        var cgroup = ""
        do {
            try Self.writeFile(workspace.appendingPathComponent(SandboxHarness.fileName).path, SandboxHarness.source)
            try Self.writeFile(workspace.appendingPathComponent(SandboxHarness.programFileName).path, program)
            if let cgroupParent {
                let directory = "\(cgroupParent)/\(workspace.lastPathComponent)"
                if mkdir(directory, 0o755) == 0 {
                    cgroup = directory
                    try Self.writeFile(directory + "/pids.max", "\(limits.maxProcesses)")
                }
            }
        } catch {
            return SandboxResult(outcome: .error, stderrTail: "\(error)", exitStatus: nil, signal: nil, seconds: 0)
        }
        defer { if !cgroup.isEmpty { Self.removeCgroup(cgroup) } }

        let (executable, arguments) = Self.command(python: pythonExecutable, unshare: unsharePath, workspace: workspace,
                                                   limits: limits, cgroup: cgroup)
        let stderrPath = workspace.appendingPathComponent("stderr.txt").path
        let process = ChildProcess(
            executable: executable, arguments: arguments,
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": workspace.path,
                          "TMPDIR": workspace.path],
            stdoutPath: workspace.appendingPathComponent("stdout.txt").path, stderrPath: stderrPath)
        let termination: ChildProcess.Termination, seconds: Double
        do {
            (termination, seconds) = try process.run(timeLimit: limits.timeLimit)
        } catch {
            return SandboxResult(outcome: .error, stderrTail: "\(error)", exitStatus: nil, signal: nil, seconds: 0)
        }
        let tail = Self.tail(ofFile: stderrPath, bytes: 4096)
        switch termination {
        case .timedOut:
            return SandboxResult(outcome: .timeout, stderrTail: tail, exitStatus: nil, signal: SIGKILL, seconds: seconds)
        case .signalled(let signal):
            // A SIGKILL we did not send is the kernel's OOM killer; other signals are crashes.
            return SandboxResult(outcome: signal == SIGKILL ? .oom : .error, stderrTail: tail,
                                 exitStatus: nil, signal: signal, seconds: seconds)
        case .exited(let status):
            let outcome: SandboxOutcome
            switch status {
            case SandboxHarness.ExitCode.passed: outcome = .passed
            case SandboxHarness.ExitCode.failed, SandboxHarness.ExitCode.exitedEarly: outcome = .failed
            case SandboxHarness.ExitCode.outOfMemory: outcome = .oom
            default: outcome = .error
            }
            return SandboxResult(outcome: outcome, stderrTail: tail, exitStatus: status, signal: nil, seconds: seconds)
        }
    }

    /// Writes `text` to `path` with plain POSIX calls (close-on-exec, so concurrent spawns never inherit it).
    private static func writeFile(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SandboxError.workspace("\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SandboxError.workspace("\(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    private static func tail(ofFile path: String, bytes: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > UInt64(bytes) ? size - UInt64(bytes) : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A cgroup can only be removed once its last process is gone, which the kernel finishes shortly after the kill.
    private static func removeCgroup(_ path: String) {
        for _ in 0..<200 {
            if rmdir(path) == 0 || errno == ENOENT { return }
            usleep(5000)
        }
    }

    private static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func succeeds(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }

    /// The real interpreter behind `python3`: shims (pyenv's is a shell script) cost ~50 ms per start.
    private static func resolvePython(_ given: String?) throws -> String {
        guard let start = given ?? findOnPath("python3") else { throw SandboxError.pythonNotFound("python3 is not on PATH") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: start)
        process.arguments = ["-c", "import sys; print(sys.executable)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SandboxError.pythonNotFound("\(start): \(error.localizedDescription)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let resolved = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !resolved.isEmpty, access(resolved, X_OK) == 0 else {
            throw SandboxError.pythonNotFound("\(start) did not report sys.executable")
        }
        return resolved
    }
}
