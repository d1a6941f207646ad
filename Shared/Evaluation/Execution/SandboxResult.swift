/// What running one candidate program produced.
public struct SandboxResult: Codable, Sendable, Equatable {
    /// How it ended.
    public var outcome: SandboxOutcome
    /// The last few kilobytes of its standard error (tracebacks, sandbox messages).
    public var stderrTail: String
    /// The exit status, or nil when it was killed by a signal or the timeout.
    public var exitStatus: Int32?
    /// The signal that ended it, if any.
    public var signal: Int32?
    /// Wall-clock seconds from start to end, sandbox set-up excluded.
    public var seconds: Double

    /// Creates a result.
    public init(outcome: SandboxOutcome, stderrTail: String, exitStatus: Int32?, signal: Int32?, seconds: Double) {
        self.outcome = outcome
        self.stderrTail = stderrTail
        self.exitStatus = exitStatus
        self.signal = signal
        self.seconds = seconds
    }
}
