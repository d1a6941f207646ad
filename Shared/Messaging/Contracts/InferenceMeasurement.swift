import Foundation

/// Metric: what one generate request cost on a worker (key `metrics.inference`).
public struct InferenceMeasurement: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.inference.measurement/v1"

    /// Always `lce.inference.measurement/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// The generate request measured.
    public var requestId: UUID
    /// The variant that served it.
    public var variant: String
    /// The worker instance.
    public var worker: String
    /// Tokens in the prompt.
    public var promptTokens: Int
    /// Tokens generated.
    public var completionTokens: Int
    /// Time waiting in the queue.
    public var queueMs: Double
    /// Prefill time.
    public var timeToFirstTokenMs: Double
    /// Mean decode time per token.
    public var timePerOutputTokenMs: Double
    /// Worker time from taking the request to replying.
    public var totalMs: Double
    /// The worker's peak resident memory so far.
    public var peakRssBytes: Int64?
    /// `ok`, `deadline_exceeded` or `error`.
    public var outcome: String
    /// When the reply was sent.
    public var createdAt: Date

    /// Creates a value; `schema` is set to `lce.inference.measurement/v1`.
    public init(id: UUID = UUID(), requestId: UUID, variant: String, worker: String, promptTokens: Int, completionTokens: Int, queueMs: Double = 0, timeToFirstTokenMs: Double = 0, timePerOutputTokenMs: Double = 0, totalMs: Double = 0, peakRssBytes: Int64? = nil, outcome: String = "ok", createdAt: Date = Date()) {
        self.id = id
        self.requestId = requestId
        self.variant = variant
        self.worker = worker
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.queueMs = queueMs
        self.timeToFirstTokenMs = timeToFirstTokenMs
        self.timePerOutputTokenMs = timePerOutputTokenMs
        self.totalMs = totalMs
        self.peakRssBytes = peakRssBytes
        self.outcome = outcome
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case requestId = "request_id"
        case variant
        case worker
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case queueMs = "queue_ms"
        case timeToFirstTokenMs = "time_to_first_token_ms"
        case timePerOutputTokenMs = "time_per_output_token_ms"
        case totalMs = "total_ms"
        case peakRssBytes = "peak_rss_bytes"
        case outcome
        case createdAt = "created_at"
    }
}
