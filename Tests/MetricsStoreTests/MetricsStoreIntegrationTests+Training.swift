import Foundation
import Testing
@testable import MetricsStore

extension MetricsStoreIntegrationTests {
    @Test func aFinishedTrainingRunIsNotReopenedByALateStep() async throws {
        let store = try await TestDatabase.migratedStore()
        let runID = UUID()
        let model = "train-\(runID.uuidString.prefix(8))"
        let finished = TrainingRunRecord(id: runID, model: model, adapter: "sql", method: "lora", status: .completed,
                                         finishedAt: Date(), steps: 100, finalLoss: 0.42)
        let late = TrainingStepRecord(eventID: UUID(), runID: runID, step: 99, loss: 0.43, recordedAt: Date())
        try await store.ingest([.trainingRun(finished)])
        try await store.ingest([.trainingStep(late), .trainingRun(TrainingRunRecord(id: runID, status: .running))])
        let rows = try await store.connection.query(
            "SELECT status, steps, final_loss, adapter FROM training_runs WHERE id = $1", [runID])
        let row = try #require(rows.first)
        #expect(try row.decode("status", as: String.self) == "completed")
        #expect(try row.decode("steps", as: Int.self) == 100)
        #expect(try row.decode("final_loss", as: Double.self) == 0.42)
        #expect(try row.decode("adapter", as: String.self) == "sql")
    }
}
