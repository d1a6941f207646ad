import Foundation

/// The router's choice of variant for one request.
public struct RoutingDecisionRecord: Sendable, Equatable {
    /// The event's id; a second event with the same id is ignored.
    public var eventID: UUID
    /// The request's id; one decision per request is stored.
    public var requestID: String
    /// Variant the client asked for, if any.
    public var requestedVariant: String?
    /// Variant the request was sent to.
    public var chosenVariant: String
    /// Why, e.g. `short prompt`, `explicit`, `no live worker for lora.sql`.
    public var reason: String
    /// Policy name and version that decided.
    public var policy: String
    /// True when the preferred variant had no live worker.
    public var fallback: Bool
    /// The variant that would have been chosen without the fallback.
    public var fallbackFrom: String?
    /// Prompt length in tokens as the router counted it.
    public var promptTokens: Int?
    /// When the decision was made.
    public var decidedAt: Date

    /// Creates a routing decision record.
    public init(eventID: UUID, requestID: String, requestedVariant: String? = nil, chosenVariant: String, reason: String,
                policy: String, fallback: Bool = false, fallbackFrom: String? = nil, promptTokens: Int? = nil,
                decidedAt: Date) {
        self.eventID = eventID
        self.requestID = requestID
        self.requestedVariant = requestedVariant
        self.chosenVariant = chosenVariant
        self.reason = reason
        self.policy = policy
        self.fallback = fallback
        self.fallbackFrom = fallbackFrom
        self.promptTokens = promptTokens
        self.decidedAt = decidedAt
    }
}
