import Foundation
import Testing
@testable import MetricsStore

extension MetricsStoreIntegrationTests {
    @Test(.enabled(if: TestDatabase.isLocalCluster, "the database is not the cluster Deploy/local/postgres.sh runs, or LCE_SKIP_RESTART_TESTS=1"))
    func storeReconnectsAfterTheServerRestarts() async throws {
        let store = try await TestDatabase.migratedStore()
        let before = InferenceRequestRecord(eventID: UUID(), requestID: UUID().uuidString, variant: "base", completedAt: Date())
        try await store.ingest([.inferenceRequest(before)])

        #expect(try TestDatabase.runScript("stop") == 0)
        #expect(try TestDatabase.runScript("start") == 0)

        let after = InferenceRequestRecord(eventID: UUID(), requestID: UUID().uuidString, variant: "base", completedAt: Date())
        let summary = try await store.ingest([.inferenceRequest(after)])
        #expect(summary.stored == 1)
        let rows = try await store.connection.query("SELECT count(*) AS n FROM inference_requests WHERE request_id = ANY($1::text[])",
                                                    [PostgresArray([before.requestID, after.requestID])])
        #expect(try rows[0].decode("n", as: Int.self) == 2)
    }
}

extension MetricsStoreIntegrationTests {
    @Test(.enabled(if: TestDatabase.isLocalCluster, "the database is not the cluster Deploy/local/postgres.sh runs, or LCE_SKIP_RESTART_TESTS=1"))
    func ingestionWaitsForTheServerToReturn() async throws {
        let store = try await TestDatabase.migratedStore()
        try await store.connection.execute("SELECT 1")
        #expect(try TestDatabase.runScript("stop") == 0)
        let record = InferenceRequestRecord(eventID: UUID(), requestID: UUID().uuidString, variant: "base", completedAt: Date())
        let pending = Task { try await store.ingest([.inferenceRequest(record)]) }
        try await Task.sleep(for: .seconds(2))
        #expect(try TestDatabase.runScript("start") == 0)
        let summary = try await pending.value
        #expect(summary == IngestSummary(stored: 1, duplicates: 0))
    }
}
