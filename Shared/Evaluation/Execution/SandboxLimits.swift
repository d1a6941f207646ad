/// The limits every candidate program runs under.
public struct SandboxLimits: Sendable, Equatable {
    /// Wall-clock seconds before the whole process group is killed.
    public var timeLimit: Double
    /// Address-space limit (RLIMIT_AS) in bytes.
    public var memoryBytes: Int
    /// Process and thread limit: a pids cgroup when running as root, else RLIMIT_NPROC (which counts all of the user's processes).
    public var maxProcesses: Int
    /// Largest file the program may write (RLIMIT_FSIZE), which also bounds its captured output.
    public var maxFileBytes: Int
    /// How many candidates run at the same time.
    public var concurrency: Int

    /// Creates limits; the defaults are 3 s, 1 GiB, 32 processes, 16 MiB files and 2 candidates at a time.
    public init(timeLimit: Double = 3, memoryBytes: Int = 1 << 30, maxProcesses: Int = 32,
                maxFileBytes: Int = 16 << 20, concurrency: Int = 2) {
        self.timeLimit = timeLimit
        self.memoryBytes = memoryBytes
        self.maxProcesses = maxProcesses
        self.maxFileBytes = maxFileBytes
        self.concurrency = max(1, concurrency)
    }
}
