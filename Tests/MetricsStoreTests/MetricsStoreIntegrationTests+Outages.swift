import Foundation
import Logging
import Testing
@testable import MetricsStore

extension MetricsStoreIntegrationTests {
    @Test func ingestHoldingThroughOutagesFailsOnlyTheEventTheDatabaseRefuses() async throws {
        let store = try await TestDatabase.migratedStore()
        let variant = "test.\(UUID().uuidString.prefix(8))"
        // prompt_tokens is an integer column: 2^40 is out of its range, so the database refuses that row alone.
        let events: [MetricsEvent] = [1, 1 << 40, 3].enumerated().map { index, tokens in
            .inferenceRequest(InferenceRequestRecord(eventID: UUID(), requestID: "\(variant)-\(index)", variant: variant,
                                                     promptTokens: tokens, completedAt: Date()))
        }
        let outcomes = await store.ingestHoldingThroughOutages(events, logger: Logger(label: "test.outages"))
        #expect(outcomes.count == 3)
        #expect(outcomes[0] == nil && outcomes[2] == nil)
        #expect("\(outcomes[1].map { "\($0)" } ?? "")".contains("out of range"))
        let count = try await store.connection.query("SELECT count(*) AS n FROM inference_requests WHERE variant = $1", [variant])
        #expect(try count[0].decode("n", as: Int.self) == 2)
    }

    @Test func ingestHoldingThroughOutagesCountsEventsStoredBeforeAsStored() async throws {
        let store = try await TestDatabase.migratedStore()
        let variant = "test.\(UUID().uuidString.prefix(8))"
        let events: [MetricsEvent] = (0..<5).map { index in
            .inferenceRequest(InferenceRequestRecord(eventID: UUID(), requestID: "\(variant)-\(index)", variant: variant, completedAt: Date()))
        }
        _ = await store.ingestHoldingThroughOutages(Array(events.prefix(2)), logger: Logger(label: "test.outages"))
        let outcomes = await store.ingestHoldingThroughOutages(events, logger: Logger(label: "test.outages"))
        #expect(outcomes.allSatisfy { $0 == nil })
        let count = try await store.connection.query("SELECT count(*) AS n FROM inference_requests WHERE variant = $1", [variant])
        #expect(try count[0].decode("n", as: Int.self) == 5)
    }
}
