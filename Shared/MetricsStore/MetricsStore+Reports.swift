import Foundation

extension MetricsStore {
    /// The latest results of every variant, optionally for one experiment, best quality first.
    public func tradeoffSummary(experimentID: UUID? = nil) async throws -> [TradeoffRow] {
        let rows = try await connection.query("""
            SELECT * FROM tradeoff_summary
            WHERE $1::uuid IS NULL OR experiment_id = $1::uuid
            ORDER BY quality DESC NULLS LAST, latency_p95_ms, variant
            """, [experimentID], retryingOnConnectionLoss: true)
        return try rows.map(TradeoffRow.init(row:))
    }

    /// The variants no other variant beats on quality, p95 latency and size at once.
    public func paretoFrontier(experimentID: UUID? = nil) async throws -> [TradeoffRow] {
        let rows = try await connection.query("""
            SELECT * FROM pareto_frontier
            WHERE $1::uuid IS NULL OR experiment_id = $1::uuid
            ORDER BY quality DESC, latency_p95_ms, variant
            """, [experimentID], retryingOnConnectionLoss: true)
        return try rows.map(TradeoffRow.init(row:))
    }

    /// The highest-quality variant whose p95 latency is under a bound, if any.
    public func bestVariant(underP95Milliseconds bound: Double, experimentID: UUID? = nil) async throws -> TradeoffRow? {
        let rows = try await connection.query("""
            SELECT * FROM tradeoff_summary
            WHERE latency_p95_ms < $1 AND quality IS NOT NULL
              AND ($2::uuid IS NULL OR experiment_id = $2::uuid)
            ORDER BY quality DESC, latency_p95_ms, size_mb
            LIMIT 1
            """, [bound, experimentID], retryingOnConnectionLoss: true)
        return try rows.first.map(TradeoffRow.init(row:))
    }

    /// Live-traffic latency and volume per variant.
    public func servingSummary() async throws -> [ServingSummaryRow] {
        let rows = try await connection.query("SELECT * FROM serving_summary ORDER BY variant",
                                              retryingOnConnectionLoss: true)
        return try rows.map(ServingSummaryRow.init(row:))
    }
}
