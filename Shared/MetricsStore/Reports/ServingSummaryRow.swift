/// Live-traffic statistics for one variant, as `serving_summary` returns them.
public struct ServingSummaryRow: Sendable, Equatable {
    /// Variant id.
    public var variant: String
    /// Requests served.
    public var requests: Int
    /// Requests that did not end `ok`.
    public var failed: Int
    /// Distinct workers that served it.
    public var workers: Int
    /// Median latency.
    public var latencyP50Milliseconds: Double?
    /// p95 latency.
    public var latencyP95Milliseconds: Double?

    init(row: PostgresRow) throws {
        variant = try row.decode("variant")
        requests = try row.decode("requests")
        failed = try row.decode("failed")
        workers = try row.decode("workers")
        latencyP50Milliseconds = try row.decodeIfPresent("latency_p50_ms")
        latencyP95Milliseconds = try row.decodeIfPresent("latency_p95_ms")
    }
}
