import Foundation
import Testing
@testable import MetricsStore

/// Tests against the real server; serialized because one of them restarts it.
@Suite(.serialized, .enabled(if: TestDatabase.isConfigured, TestDatabase.skipReason))
struct MetricsStoreIntegrationTests {
    @Test func migrationsApplyOnceAndAgainAreANoOp() async throws {
        try await TestDatabase.withScratchSchema("test_migrate") { schema in
            let scoped = try TestDatabase.adminConnection(searchPath: schema)
            let migrator = try Migrator(serviceRole: nil)
            let first = try await migrator.migrate(on: scoped)
            let second = try await migrator.migrate(on: scoped)
            #expect(first.applied == Migration.all.map(\.version))
            #expect(second.applied.isEmpty)
            #expect(second.currentVersion == Migration.all.count)
            let recorded = try await scoped.query("SELECT count(*) AS n FROM schema_migrations")
            #expect(try recorded[0].decode("n", as: Int.self) == Migration.all.count)
            await scoped.close()
        }
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() async throws {
        try await TestDatabase.withScratchSchema("test_race") { schema in
            let reports = try await withThrowingTaskGroup(of: MigrationReport.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        let connection = try TestDatabase.adminConnection(searchPath: schema)
                        let report = try await Migrator(serviceRole: nil).migrate(on: connection)
                        await connection.close()
                        return report
                    }
                }
                return try await group.reduce(into: [MigrationReport]()) { $0.append($1) }
            }
            #expect(reports.flatMap(\.applied).sorted() == Migration.all.map(\.version))
        }
    }

    @Test func serviceRoleCannotCreateOrDropTables() async throws {
        _ = try await TestDatabase.migratedStore()
        let service = try await PostgresConnection.connect(TestDatabase.serviceURL ?? "")
        await #expect(throws: PostgresError.self) {
            try await service.execute("CREATE TABLE public.lce_ddl_probe (a integer)")
        }
        do {
            try await service.execute("DROP TABLE inference_requests")
            Issue.record("the service role dropped a table")
        } catch let error as PostgresError {
            #expect(error.sqlState == "42501")
        }
        do {
            try await service.execute("ALTER TABLE evaluations ADD COLUMN probe integer")
            Issue.record("the service role altered a table")
        } catch let error as PostgresError {
            #expect(error.sqlState == "42501")
        }
    }

    @Test func aWrongPasswordFailsFastWithoutShowingIt() async throws {
        var url = try PostgresURL(TestDatabase.serviceURL ?? "")
        url.password = "wrong-password-123"
        let connection = PostgresConnection(url: url, reconnectTimeout: .seconds(20))
        let start = ContinuousClock.now
        do {
            try await connection.execute("SELECT 1")
            Issue.record("connected with a wrong password")
        } catch let error as PostgresError {
            guard case .connectionFailed(let target, let message) = error else {
                Issue.record("expected connectionFailed, got \(error)")
                return
            }
            #expect(message.contains("password authentication failed"))
            #expect(!target.contains("wrong-password-123"))
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func tenThousandEventsAreStoredOnceEvenWhenIngestedTwice() async throws {
        let store = try await TestDatabase.migratedStore()
        let variant = "test.\(UUID().uuidString.prefix(8))"
        let now = Date()
        let events: [MetricsEvent] = (0..<10_000).map { index in
            .inferenceRequest(InferenceRequestRecord(
                eventID: UUID(), requestID: "\(variant)-\(index)", variant: variant, workerID: "w\(index % 2)",
                promptTokens: 12, completionTokens: index % 64, queueWaitMilliseconds: 0.5,
                generationMilliseconds: 20, latencyMilliseconds: Double(index % 100), completedAt: now))
        }
        let first = try await store.ingest(events)
        let second = try await store.ingest(events)
        #expect(first == IngestSummary(stored: 10_000, duplicates: 0))
        #expect(second == IngestSummary(stored: 0, duplicates: 10_000))
        let count = try await store.connection.query("SELECT count(*) AS n FROM inference_requests WHERE variant = $1", [variant])
        #expect(try count[0].decode("n", as: Int.self) == 10_000)
    }

    @Test func aRedeliveredRequestWithANewEventIDIsStoredOnce() async throws {
        let store = try await TestDatabase.migratedStore()
        let requestID = UUID().uuidString
        let record = InferenceRequestRecord(eventID: UUID(), requestID: requestID, variant: "base", completedAt: Date())
        var again = record
        again.eventID = UUID()
        again.workerID = "second-worker"
        let summary = try await store.ingest([.inferenceRequest(record), .inferenceRequest(again)])
        #expect(summary == IngestSummary(stored: 1, duplicates: 1))
    }

    @Test func storedValuesReadBackUnchanged() async throws {
        let store = try await TestDatabase.migratedStore()
        let runID = UUID()
        let recordedAt = Date(timeIntervalSince1970: 1_795_710_165.123456)
        let step = TrainingStepRecord(eventID: UUID(), runID: runID, step: 7, loss: 1.2345678901234567,
                                      learningRate: 2e-4, tokensPerSecond: .infinity, recordedAt: recordedAt)
        try await store.ingest([.trainingStep(step)])
        let rows = try await store.connection.query(
            "SELECT loss, learning_rate, tokens_per_second, recorded_at, grad_norm FROM training_steps WHERE run_id = $1", [runID])
        let row = try #require(rows.first)
        #expect(try row.decode("loss", as: Double.self) == 1.2345678901234567)
        #expect(try row.decode("learning_rate", as: Double.self) == 2e-4)
        #expect(try row.decode("tokens_per_second", as: Double.self) == .infinity)
        #expect(try row.decode("recorded_at", as: Date.self) == recordedAt)
        #expect(try row.decodeIfPresent("grad_norm", as: Double.self) == nil)
        #expect(throws: PostgresError.decodingFailed(column: "grad_norm", row: 0, expected: "Double", value: nil)) {
            try row.decode("grad_norm", as: Double.self)
        }
    }

    @Test func hostileTextIsStoredAsData() async throws {
        let store = try await TestDatabase.migratedStore()
        let hostile = "x'); DROP TABLE routing_decisions; -- \"{,}\"\\\t\n"
        let decision = RoutingDecisionRecord(eventID: UUID(), requestID: UUID().uuidString, chosenVariant: "base",
                                             reason: hostile, policy: "complexity/v1", decidedAt: Date())
        try await store.ingest([.routingDecision(decision)])
        let rows = try await store.connection.query("SELECT reason FROM routing_decisions WHERE request_id = $1",
                                                    [decision.requestID])
        #expect(try rows[0].decode("reason", as: String.self) == hostile)
    }
}

extension MetricsStoreIntegrationTests {
    @Test func ensuringAnExistingServiceRoleLeavesItsPassword() async throws {
        let owner = try await PostgresConnection.connect(TestDatabase.adminURL ?? "")
        let outcome = try await ServiceRole(name: "lce_service").ensure(password: "not-the-real-one", on: owner)
        await owner.close()
        #expect(outcome == .unchanged)
        let service = try await PostgresConnection.connect(TestDatabase.serviceURL ?? "")
        #expect(try await service.query("SELECT current_user AS u")[0].decode("u", as: String.self) == "lce_service")
        await service.close()
    }

    @Test func libpqQuotingDoublesQuotes() async throws {
        let owner = try await PostgresConnection.connect(TestDatabase.adminURL ?? "")
        let quoted = try await owner.withSession { session in
            (try session.quotedIdentifier("we\"ird"), try session.quotedLiteral("it's"))
        }
        await owner.close()
        #expect(quoted.0 == "\"we\"\"ird\"")
        #expect(quoted.1 == "'it''s'")
    }
}
