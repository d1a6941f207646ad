import Foundation
import MetricsStore

/// Reads what reached PostgreSQL, as `psql` would, on the service role.
struct MetricsDatabase {
    let connection: PostgresConnection

    static func connect() async throws -> MetricsDatabase {
        MetricsDatabase(connection: try await PostgresConnection.connect(EndToEndEnvironment.databaseURL ?? ""))
    }

    /// The single integer `sql` returns.
    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        let rows = try await connection.query(sql, parameters)
        guard let first = rows.first, let column = rows.columns.first else { throw EndToEndError("no row from: \(sql)") }
        return try first.decode(column, as: Int.self)
    }

    /// inference_requests rows written by workers whose id starts with `prefix`.
    func inferenceRows(workerPrefix prefix: String) async throws -> (rows: Int, distinctRequests: Int) {
        let rows = try await connection.query(
            "SELECT count(*) AS n, count(DISTINCT request_id) AS d FROM inference_requests WHERE worker_id LIKE $1",
            [prefix + "%"])
        guard let row = rows.first else { return (0, 0) }
        return (try row.decode("n", as: Int.self), try row.decode("d", as: Int.self))
    }

    /// routing_decisions rows for the requests those workers served.
    func routingRows(workerPrefix prefix: String) async throws -> Int {
        try await count("""
            SELECT count(*) FROM routing_decisions r JOIN inference_requests i USING (request_id)
            WHERE i.worker_id LIKE $1
            """, [prefix + "%"])
    }

    /// Polls `probe` until it returns `expected` or `timeout` passes; returns the last value seen.
    func waitFor(_ expected: Int, timeout: Duration, _ probe: () async throws -> Int) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        var last = try await probe()
        while last < expected && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            last = try await probe()
        }
        return last
    }

    func close() async { await connection.close() }
}
