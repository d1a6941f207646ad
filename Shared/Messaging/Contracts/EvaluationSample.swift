import Foundation

/// Metric: one task's completion and scores (key `metrics.evaluation.sample`).
public struct EvaluationSample: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.evaluation.sample/v1"

    /// Always `lce.evaluation.sample/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// The evaluation job.
    public var jobId: UUID
    /// The variant that generated it.
    public var variant: String
    /// The dataset's task id.
    public var taskId: String
    /// Which of the task's samples (0-based).
    public var sampleIndex: Int
    /// The generated completion.
    public var completion: String
    /// Whether the task's tests passed.
    public var passed: Bool?
    /// Sentence BLEU against the reference.
    public var bleu: Double?
    /// CodeBLEU against the reference.
    public var codebleu: Double?
    /// Generation time.
    public var latencyMs: Double?
    /// Tokens generated.
    public var completionTokens: Int?
    /// Why the sample failed (timeout, syntax error ...).
    public var error: String?
    /// When it was scored.
    public var createdAt: Date
    /// The base model evaluated (its registry name or path).
    public var model: String?

    /// Creates a value; `schema` is set to `lce.evaluation.sample/v1`.
    public init(id: UUID = UUID(), jobId: UUID, variant: String, taskId: String, sampleIndex: Int = 0, completion: String, passed: Bool? = nil, bleu: Double? = nil, codebleu: Double? = nil, latencyMs: Double? = nil, completionTokens: Int? = nil, error: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.jobId = jobId
        self.variant = variant
        self.taskId = taskId
        self.sampleIndex = sampleIndex
        self.completion = completion
        self.passed = passed
        self.bleu = bleu
        self.codebleu = codebleu
        self.latencyMs = latencyMs
        self.completionTokens = completionTokens
        self.error = error
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case jobId = "job_id"
        case variant
        case taskId = "task_id"
        case sampleIndex = "sample_index"
        case completion
        case passed
        case bleu
        case codebleu
        case latencyMs = "latency_ms"
        case completionTokens = "completion_tokens"
        case error
        case createdAt = "created_at"
        case model
    }
}
