/// What a service reports on `GET /health`: whether it can do its work, and why not.
public struct HealthStatus: Codable, Sendable, Equatable {
    /// "ok" when the service can do its work, "degraded" when it runs but cannot (broker or database down).
    public var status: String
    /// The service's name ("router", "worker", ...).
    public var service: String
    /// Per-dependency state, e.g. ["broker": "connected", "database": "reconnecting"].
    public var checks: [String: String]

    /// A status built from per-dependency checks: "ok" only when every check says "ok" or "connected".
    public init(service: String, checks: [String: String]) {
        self.service = service
        self.checks = checks
        self.status = checks.values.allSatisfy { $0 == "ok" || $0 == "connected" } ? "ok" : "degraded"
    }

    /// True when the service can do its work.
    public var isHealthy: Bool { status == "ok" }
}
