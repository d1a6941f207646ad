import Foundation
import MetricsStore

/// The benchmark's own rows, removed from the metrics database when the run ends: they are synthetic (tens of
/// thousands per run), and left behind they would both sit among the user's measurements and slow the next
/// run's ingestion as the tables grow.
enum BenchmarkCleanup {
    /// Deletes what run `runID` stored (every row it made carries a worker id starting with the run id) as the owner
    /// role at `adminURL`; returns the rows removed from inference_requests and routing_decisions.
    static func removeRows(of runID: String, adminURL: String) async throws -> (requests: Int, decisions: Int) {
        let connection = try await PostgresConnection.connect(adminURL)
        let pattern = runID + "-%"
        do {
            let decisions = try await connection.execute("""
                DELETE FROM routing_decisions WHERE request_id IN (SELECT request_id FROM inference_requests WHERE worker_id LIKE $1)
                """, [pattern])
            let requests = try await connection.execute("DELETE FROM inference_requests WHERE worker_id LIKE $1", [pattern])
            _ = try await connection.execute("DELETE FROM service_heartbeats WHERE instance LIKE $1", [pattern])
            await connection.close()
            return (requests, decisions)
        } catch {
            await connection.close()
            throw error
        }
    }
}
