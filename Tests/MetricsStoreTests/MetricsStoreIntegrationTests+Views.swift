import Foundation
import Testing
@testable import MetricsStore

extension MetricsStoreIntegrationTests {
    /// Seeds one experiment: (pass@1, p95 ms, MiB) per variant, plus an older, better-looking q4 run.
    private func seedExperiment(_ store: MetricsStore) async throws -> UUID {
        let experiment = UUID()
        let model = "test-model-\(experiment.uuidString.prefix(8))"
        let latest = UUID()
        let older = UUID()
        let now = Date()
        func evaluation(_ variant: String, run: UUID, passAt1: Double, p95: Double, megabytes: Int64, at date: Date) -> MetricsEvent {
            var record = EvaluationRecord(eventID: UUID(), runID: run, experimentID: experiment, model: model,
                                          variant: variant, configHash: "abc", evaluatedAt: date)
            record.passAt1 = passAt1
            record.latencyP95Milliseconds = p95
            record.sizeBytes = megabytes * 1_048_576
            return .evaluation(record)
        }
        try await store.ingest([
            .experiment(ExperimentRecord(id: experiment, name: "views test")),
            .model(ModelRecord(name: model, family: "qwen2")),
            evaluation("q4", run: older, passAt1: 0.90, p95: 10, megabytes: 10, at: now.addingTimeInterval(-3600)),
            evaluation("base", run: latest, passAt1: 0.60, p95: 100, megabytes: 1000, at: now),
            evaluation("lora.sql", run: latest, passAt1: 0.70, p95: 110, megabytes: 1010, at: now),
            evaluation("merged", run: latest, passAt1: 0.70, p95: 100, megabytes: 1000, at: now),
            evaluation("q8", run: latest, passAt1: 0.65, p95: 60, megabytes: 500, at: now),
            evaluation("q4", run: latest, passAt1: 0.50, p95: 40, megabytes: 300, at: now),
            evaluation("qlora.sql", run: latest, passAt1: 0.55, p95: 45, megabytes: 320, at: now),
        ])
        return experiment
    }

    @Test func tradeoffSummaryHoldsTheLatestResultPerVariant() async throws {
        let store = try await TestDatabase.migratedStore()
        let experiment = try await seedExperiment(store)
        let rows = try await store.tradeoffSummary(experimentID: experiment)
        // Quality descending, then p95 ascending: merged and lora.sql tie on quality.
        #expect(rows.map(\.variant) == ["merged", "lora.sql", "q8", "base", "qlora.sql", "q4"])
        let q4 = try #require(rows.first { $0.variant == "q4" })
        #expect(q4.quality == 0.50)
        #expect(q4.latencyP95Milliseconds == 40)
        #expect(q4.sizeMegabytes == 300)
        #expect(q4.kind == "q4")
        #expect(q4.experiment == "views test")
    }

    @Test func paretoFrontierDropsDominatedVariants() async throws {
        let store = try await TestDatabase.migratedStore()
        let experiment = try await seedExperiment(store)
        let frontier = try await store.paretoFrontier(experimentID: experiment)
        #expect(Set(frontier.map(\.variant)) == ["merged", "q8", "qlora.sql", "q4"])
    }

    @Test func bestVariantUnderALatencyBoundIsTheMostAccurateThatFits() async throws {
        let store = try await TestDatabase.migratedStore()
        let experiment = try await seedExperiment(store)
        let best = try await store.bestVariant(underP95Milliseconds: 50, experimentID: experiment)
        #expect(best?.variant == "qlora.sql")
        let none = try await store.bestVariant(underP95Milliseconds: 5, experimentID: experiment)
        #expect(none == nil)
    }

    @Test func evaluationsCreateTheirExperimentModelAndVariant() async throws {
        let store = try await TestDatabase.migratedStore()
        let experiment = UUID()
        let model = "auto-\(experiment.uuidString.prefix(8))"
        let record = EvaluationRecord(eventID: UUID(), runID: UUID(), experimentID: experiment, model: model,
                                      variant: "qlora.sql", evaluatedAt: Date())
        let summary = try await store.ingest([.evaluation(record)])
        #expect(summary.stored == 1)
        let rows = try await store.connection.query("""
            SELECT v.kind, x.name FROM variants v JOIN models m ON m.id = v.model_id, experiments x
            WHERE m.name = $1 AND x.id = $2
            """, [model, experiment])
        #expect(try rows[0].decode("kind", as: String.self) == "qlora")
        #expect(try rows[0].decode("name", as: String.self) == experiment.uuidString.lowercased())
    }

    @Test func namedExperimentsAreFoundByNameAndAPlaceholderTakesItsName() async throws {
        let store = try await TestDatabase.migratedStore()
        let name = "named-\(UUID().uuidString.prefix(8))"
        let model = "m-\(name)"
        // A record knowing only the id comes first: the experiment is named by its id until a named record arrives.
        var anonymous = TrainingRunRecord(id: UUID(), model: model)
        anonymous.experimentID = ExperimentRecord.id(named: name)
        _ = try await store.ingest([.trainingRun(anonymous)])
        var evaluation = EvaluationRecord(eventID: UUID(), runID: UUID(), model: model, variant: "q8", evaluatedAt: Date())
        evaluation.latencyP95Milliseconds = 5
        evaluation.setExperiment(named: name)
        var run = TrainingRunRecord(id: UUID(), model: model, adapter: "a", status: .completed)
        run.setExperiment(named: name)
        #expect(try await store.ingest([.evaluation(evaluation), .trainingRun(run)]).stored == 2)
        let rows = try await store.connection.query("""
            SELECT (SELECT count(*) FROM tradeoff_summary WHERE experiment = $1) AS summaries,
                   (SELECT count(*) FROM training_runs r JOIN experiments x ON x.id = r.experiment_id WHERE x.name = $1) AS runs,
                   (SELECT count(*) FROM experiments WHERE name = $1) AS experiments
            """, [name])
        #expect(try rows[0].decode("summaries", as: Int.self) == 1)
        #expect(try rows[0].decode("runs", as: Int.self) == 2)
        #expect(try rows[0].decode("experiments", as: Int.self) == 1)
        // A named experiment keeps its name when a record without one arrives later.
        var later = TrainingRunRecord(id: UUID(), model: model)
        later.experimentID = ExperimentRecord.id(named: name)
        _ = try await store.ingest([.trainingRun(later)])
        let kept = try await store.connection.query("SELECT name FROM experiments WHERE id = $1", [ExperimentRecord.id(named: name)])
        #expect(try kept[0].decode("name", as: String.self) == name)
    }

    @Test func anExperimentsIdFollowsFromItsNameAlone() {
        let id = ExperimentRecord.id(named: "demo")
        #expect(id == ExperimentRecord.id(named: "demo"))
        #expect(id != ExperimentRecord.id(named: "demo2") && id != ExperimentRecord.id(named: "Demo"))
        // A version-8 UUID of the RFC 9562 variant.
        let groups = id.uuidString.lowercased().split(separator: "-")
        #expect(groups[2].hasPrefix("8") && "89ab".contains(groups[3].first ?? "x"))
    }
}
