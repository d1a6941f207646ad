/// What happened when a candidate's tests ran in the sandbox.
public enum SampleOutcome: String, Sendable, Codable, CaseIterable, PostgresEncodable {
    /// Every test passed.
    case passed
    /// A test failed.
    case failed
    /// The time limit was hit.
    case timeout
    /// The memory limit was hit.
    case oom
    /// The candidate could not run (syntax error, crash, forbidden action).
    case error

    /// The outcome as stored in `evaluation_samples.outcome`.
    public var postgresText: String? { rawValue }
}
