/// Where a training run stands.
public enum TrainingRunStatus: String, Sendable, Codable, PostgresEncodable {
    /// Steps are still arriving.
    case running
    /// The adapter was written.
    case completed
    /// The run stopped with an error.
    case failed

    /// The status as stored in `training_runs.status`.
    public var postgresText: String? { rawValue }
}
