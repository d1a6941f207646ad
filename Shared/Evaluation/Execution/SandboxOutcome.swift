/// How one candidate program ended, in human-eval's terms plus the ways a sandbox can stop it.
public enum SandboxOutcome: String, Codable, Sendable, CaseIterable {
    /// The program ran to its end: every test assertion held.
    case passed
    /// A test assertion or another exception failed the program, or it exited before its tests finished.
    case failed
    /// The time limit expired and the whole process group was killed.
    case timeout
    /// The memory limit was hit (a `MemoryError`, or the process killed for memory).
    case oom
    /// The program did not compile, broke a sandbox rule (network, fork, files outside its directory) or crashed.
    case error
}
