import Foundation

/// Event: an eval job ended with at least one variant evaluated (key `evaluation.finished` on `lce.events`). It follows
/// the job's `evaluation.completed` events and names what they covered and what could not be evaluated, so a follower
/// knows the job is over without guessing from the variants it asked for. A job that evaluated nothing ends in `job.failed`.
public struct EvaluationFinished: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.evaluation.finished/v1"

    /// A variant the job asked for and could not evaluate.
    public struct Unavailable: Codable, Sendable, Equatable {
        /// The variant (`lora.<adapter>`, `merged` ...).
        public var variant: String
        /// Why, e.g. the adapter's directory is missing.
        public var reason: String

        /// Creates a value.
        public init(variant: String, reason: String) {
            self.variant = variant
            self.reason = reason
        }
    }

    /// Always `lce.evaluation.finished/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// The eval job.
    public var jobId: UUID
    /// The variants evaluated, in the job's order; each had its `evaluation.completed`.
    public var evaluated: [String]
    /// The variants that could not be evaluated, with the reason.
    public var unavailable: [Unavailable]
    /// The job's wall-clock time, loading included.
    public var durationS: Double
    /// When the job ended.
    public var createdAt: Date

    /// Creates a value; `schema` is set to `lce.evaluation.finished/v1`.
    public init(id: UUID = UUID(), jobId: UUID, evaluated: [String], unavailable: [Unavailable] = [], durationS: Double,
                createdAt: Date = Date()) {
        self.id = id
        self.jobId = jobId
        self.evaluated = evaluated
        self.unavailable = unavailable
        self.durationS = durationS
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case jobId = "job_id"
        case evaluated
        case unavailable
        case durationS = "duration_s"
        case createdAt = "created_at"
    }
}
