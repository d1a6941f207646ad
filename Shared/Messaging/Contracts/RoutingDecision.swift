import Foundation

/// Metric: which variant the router chose for a request, and why (key `metrics.routing`).
public struct RoutingDecision: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.routing.decision/v1"

    /// Always `lce.routing.decision/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// The routed request.
    public var requestId: UUID
    /// The variant the client asked for, if any.
    public var requestedVariant: String?
    /// The variant the request went to.
    public var chosenVariant: String
    /// Why: `explicit`, `short_prompt`, `long_prompt`, `code_structure`, `fallback: <why>` ...
    public var reason: String
    /// Tokens in the prompt (the policy's input).
    public var promptTokens: Int
    /// Whether the chosen variant replaced one with no live worker.
    public var fallback: Bool
    /// `http` or `amqp`.
    public var source: String
    /// When the decision was made.
    public var createdAt: Date

    /// Creates a value; `schema` is set to `lce.routing.decision/v1`.
    public init(id: UUID = UUID(), requestId: UUID, requestedVariant: String? = nil, chosenVariant: String, reason: String, promptTokens: Int, fallback: Bool = false, source: String = "http", createdAt: Date = Date()) {
        self.id = id
        self.requestId = requestId
        self.requestedVariant = requestedVariant
        self.chosenVariant = chosenVariant
        self.reason = reason
        self.promptTokens = promptTokens
        self.fallback = fallback
        self.source = source
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case requestId = "request_id"
        case requestedVariant = "requested_variant"
        case chosenVariant = "chosen_variant"
        case reason
        case promptTokens = "prompt_tokens"
        case fallback
        case source
        case createdAt = "created_at"
    }
}
