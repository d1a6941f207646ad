import Foundation

/// Event and metric: a train or eval job failed (key `job.failed` on `lce.events`, `metrics.job.failed` on `lce.metrics`).
public struct JobFailed: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.job.failed/v1"

    /// Always `lce.job.failed/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// The job that failed.
    public var jobId: UUID
    /// `train` or `eval`.
    public var jobKind: String
    /// What went wrong.
    public var error: String
    /// When it failed.
    public var createdAt: Date

    /// Creates a value; `schema` is set to `lce.job.failed/v1`.
    public init(id: UUID = UUID(), jobId: UUID, jobKind: String, error: String, createdAt: Date = Date()) {
        self.id = id
        self.jobId = jobId
        self.jobKind = jobKind
        self.error = error
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case jobId = "job_id"
        case jobKind = "job_kind"
        case error
        case createdAt = "created_at"
    }
}
