import Foundation

/// One served generate request as a worker measured it.
public struct InferenceRequestRecord: Sendable, Equatable {
    /// The event's id; a second event with the same id is ignored.
    public var eventID: UUID
    /// The request's id; a request served twice (redelivery) is stored once.
    public var requestID: String
    /// Variant that served it.
    public var variant: String
    /// Worker instance that served it.
    public var workerID: String?
    /// Prompt length in tokens.
    public var promptTokens: Int?
    /// Generated tokens.
    public var completionTokens: Int?
    /// Time between publish and the worker picking it up.
    public var queueWaitMilliseconds: Double?
    /// Time to first token.
    public var ttftMilliseconds: Double?
    /// Time spent generating.
    public var generationMilliseconds: Double?
    /// End-to-end latency as the worker saw it.
    public var latencyMilliseconds: Double?
    /// Outcome.
    public var status: InferenceStatus
    /// Error text when not `.ok`.
    public var error: String?
    /// When the reply was sent.
    public var completedAt: Date

    /// Creates an inference request record.
    public init(eventID: UUID, requestID: String, variant: String, workerID: String? = nil, promptTokens: Int? = nil,
                completionTokens: Int? = nil, queueWaitMilliseconds: Double? = nil, ttftMilliseconds: Double? = nil,
                generationMilliseconds: Double? = nil, latencyMilliseconds: Double? = nil,
                status: InferenceStatus = .ok, error: String? = nil, completedAt: Date) {
        self.eventID = eventID
        self.requestID = requestID
        self.variant = variant
        self.workerID = workerID
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.queueWaitMilliseconds = queueWaitMilliseconds
        self.ttftMilliseconds = ttftMilliseconds
        self.generationMilliseconds = generationMilliseconds
        self.latencyMilliseconds = latencyMilliseconds
        self.status = status
        self.error = error
        self.completedAt = completedAt
    }
}
