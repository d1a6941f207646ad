import Foundation

/// A service instance's periodic "I am alive" report.
public struct ServiceHeartbeatRecord: Sendable, Equatable {
    /// The event's id; a second event with the same id is ignored.
    public var eventID: UUID
    /// Service name: `router`, `worker`, `metrics`, ...
    public var service: String
    /// Instance id (host and pid, or a UUID).
    public var instance: String
    /// Variant a worker serves.
    public var variant: String?
    /// `starting`, `ready`, `draining`, ...
    public var status: String
    /// Requests in flight.
    public var inFlight: Int?
    /// Anything else, as JSON.
    public var details: PostgresJSON
    /// When the heartbeat was sent.
    public var recordedAt: Date

    /// Creates a heartbeat record.
    public init(eventID: UUID, service: String, instance: String, variant: String? = nil, status: String,
                inFlight: Int? = nil, details: PostgresJSON = .emptyObject, recordedAt: Date) {
        self.eventID = eventID
        self.service = service
        self.instance = instance
        self.variant = variant
        self.status = status
        self.inFlight = inFlight
        self.details = details
        self.recordedAt = recordedAt
    }
}
