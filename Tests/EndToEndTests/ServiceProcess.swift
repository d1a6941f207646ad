import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One service executable started as a user would start it, its output in a log file.
///
/// posix_spawn and waitpid rather than Foundation's Process, whose waitUntilExit can hang when
/// called from a test task on Linux.
final class ServiceProcess: @unchecked Sendable {
    let name: String
    let pid: pid_t
    let logFile: URL
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments`; `environment` is added to this process's environment.
    init(name: String, executable: URL, arguments: [String], environment: [String: String] = [:], logDirectory: URL) throws {
        self.name = name
        logFile = logDirectory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argumentStrings = [executable.path] + arguments
        var argv: [UnsafeMutablePointer<CChar>?] = argumentStrings.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_addopen(&actions, 2, logFile.path, O_WRONLY | O_APPEND, 0)
        var child: pid_t = 0
        let result = posix_spawn(&child, executable.path, &actions, nil, &argv, &envp)
        guard result == 0 else { throw EndToEndError("cannot start \(executable.path): errno \(result)") }
        pid = child
    }

    /// True while the process has not exited (reaps it if it has).
    var isRunning: Bool {
        lock.withLock {
            if exitStatus != nil { return false }
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { exitStatus = status; return false }
            return reaped == 0
        }
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { if isRunning { kill(pid, signal) } }

    /// Asks the process to stop (SIGTERM), waits up to `grace`, then kills it.
    func stop(grace: Duration = .seconds(10)) async {
        send(SIGCONT)
        send(SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if isRunning {
            kill(pid, SIGKILL)
            while isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        }
    }

    /// Kills the process at once (SIGKILL) and waits until it is gone.
    func killNow() async {
        send(SIGKILL)
        let deadline = ContinuousClock.now + .seconds(10)
        while isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// The last lines the process wrote, for failure messages.
    func logTail(lines: Int = 15) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
