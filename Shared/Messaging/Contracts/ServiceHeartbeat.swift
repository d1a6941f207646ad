import Foundation

/// Metric: a service instance is alive (key `metrics.heartbeat`), sent every few seconds.
public struct ServiceHeartbeat: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.service.heartbeat/v1"

    /// Always `lce.service.heartbeat/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// `router`, `worker`, `trainer`, `evaluator` or `metrics`.
    public var service: String
    /// This process's instance name (host and pid).
    public var instance: String
    /// The variant a worker serves.
    public var variant: String?
    /// `ready`, `busy` or `draining`.
    public var status: String
    /// Messages being handled now.
    public var inFlight: Int
    /// Messages handled since start.
    public var processed: Int64
    /// Seconds since start.
    public var uptimeS: Double
    /// When it was sent.
    public var createdAt: Date

    /// Creates a value; `schema` is set to `lce.service.heartbeat/v1`.
    public init(id: UUID = UUID(), service: String, instance: String, variant: String? = nil, status: String = "ready", inFlight: Int = 0, processed: Int64 = 0, uptimeS: Double = 0, createdAt: Date = Date()) {
        self.id = id
        self.service = service
        self.instance = instance
        self.variant = variant
        self.status = status
        self.inFlight = inFlight
        self.processed = processed
        self.uptimeS = uptimeS
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case service
        case instance
        case variant
        case status
        case inFlight = "in_flight"
        case processed
        case uptimeS = "uptime_s"
        case createdAt = "created_at"
    }
}
