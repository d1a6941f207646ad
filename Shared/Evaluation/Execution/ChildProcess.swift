import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one command in its own process group, with output sent to files and the whole group killed on timeout or exit.
///
/// The group leader is watched with `waitid(WNOWAIT)`, so its pid (and thus the group id) stays
/// reserved until the group has been killed: a late `killpg` can never hit an unrelated process.
struct ChildProcess {
    /// How the leader ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var stdoutPath: String
    var stderrPath: String

    /// Starts the process and waits for it, at most `timeLimit` seconds; throws if it cannot be started.
    func run(timeLimit: Double) throws -> (termination: Termination, seconds: Double) {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&fileActions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new group (pgid = child pid) so the timeout can kill every descendant at once;
        // default signal dispositions and an empty mask so the child does not inherit ours.
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGCHLD, SIGXFSZ] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let status = posix_spawn(&pid, executable, &fileActions, &attributes, argv, envp)
        guard status == 0 else {
            throw SandboxError.cannotStart(executable: executable, reason: String(cString: strerror(status)))
        }

        let deadline = started + UInt64(max(timeLimit, 0) * 1e9)
        var termination: Termination?
        var pause: UInt32 = 500
        while termination == nil {
            var info = siginfo_t()
            let waited = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if waited == 0 && info._sifields._sigchld.si_pid == pid {
                break
            }
            if waited != 0 && errno != EINTR { break }
            if DispatchTime.now().uptimeNanoseconds >= deadline {
                killOnTimeout(leader: pid)
                termination = .timedOut
                break
            }
            // Polling keeps this single-threaded and race-free; the pause grows to 5 ms, small beside python's ~25 ms start-up.
            usleep(pause)
            pause = min(pause * 2, 5000)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        // The leader is a zombie (or killed): its group id is still ours, so clear out stragglers before reaping.
        killpg(pid, SIGKILL)
        var rawStatus: Int32 = 0
        while waitpid(pid, &rawStatus, 0) == -1 && errno == EINTR {}
        if let termination { return (termination, seconds) }
        let signal = rawStatus & 0x7F
        if signal == 0 { return (.exited((rawStatus >> 8) & 0xFF), seconds) }
        return (.signalled(signal), seconds)
    }

    /// Kills the leader's own children first (under `unshare --fork`, the pid namespace's init, whose death takes the namespace with it)
    /// and gives the leader a moment to reap them, so no orphaned zombie is left to a parent that never waits, e.g. a service running as PID 1.
    private func killOnTimeout(leader pid: pid_t) {
        let childrenFile = "/proc/\(pid)/task/\(pid)/children"
        if let listing = try? String(contentsOfFile: childrenFile, encoding: .utf8) {
            let children = listing.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            for child in children { kill(child, SIGKILL) }
            if !children.isEmpty {
                for _ in 0..<200 {
                    var info = siginfo_t()
                    if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid { break }
                    usleep(1000)
                }
            }
        }
        killpg(pid, SIGKILL)
    }
}
