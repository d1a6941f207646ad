/// Which containment mechanisms the machine allowed, decided once when the sandbox is made.
public struct SandboxIsolation: Sendable, Equatable, CustomStringConvertible {
    /// Candidates run under `unshare --net --pid --fork --kill-child`: no network interfaces but a down loopback, and every descendant dies with the run.
    public var namespaces: Bool
    /// Every mount but the run's directory is read-only inside the run's mount namespace (checked by a probe run).
    public var readOnlyFilesystem: Bool
    /// A fresh pids cgroup (v1 hierarchy at /sys/fs/cgroup/pids) caps the process count per run.
    public var pidsCgroup: Bool

    /// A one-line account for reports, e.g. `network: network namespace + python socket guard; processes: ...`.
    public var description: String {
        let network = namespaces ? "network namespace + python socket guard" : "python socket guard"
        let processes = pidsCgroup ? "pids cgroup + pid namespace + python fork guard"
            : (namespaces ? "RLIMIT_NPROC + pid namespace + python fork guard" : "RLIMIT_NPROC + python fork guard")
        let files = readOnlyFilesystem ? "read-only mounts outside the run directory + python path guard" : "python path guard"
        return "network: \(network); processes: \(processes); files: \(files); memory: RLIMIT_AS"
    }
}
