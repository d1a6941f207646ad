import Foundation

/// Writes one batch of metrics events inside an open transaction.
///
/// Every statement sends a column of the batch as one array parameter and expands it with
/// `unnest`, so a batch of any size is one round trip per table, values never enter the SQL
/// text, and `ON CONFLICT DO NOTHING` skips events already stored.
struct IngestWriter {
    let session: PostgresSession
    var summary = IngestSummary()

    init(session: PostgresSession) {
        self.session = session
    }

    /// Writes the events grouped by table, parents before children.
    mutating func write(_ events: [MetricsEvent]) throws {
        var experiments: [ExperimentRecord] = []
        var models: [ModelRecord] = []
        var variants: [VariantRecord] = []
        var runs: [TrainingRunRecord] = []
        var steps: [TrainingStepRecord] = []
        var evaluations: [EvaluationRecord] = []
        var samples: [EvaluationSampleRecord] = []
        var requests: [InferenceRequestRecord] = []
        var decisions: [RoutingDecisionRecord] = []
        var heartbeats: [ServiceHeartbeatRecord] = []
        for event in events {
            switch event {
            case .experiment(let record): experiments.append(record)
            case .model(let record): models.append(record)
            case .variant(let record): variants.append(record)
            case .trainingRun(let record): runs.append(record)
            case .trainingStep(let record): steps.append(record)
            case .evaluation(let record): evaluations.append(record)
            case .evaluationSample(let record): samples.append(record)
            case .inferenceRequest(let record): requests.append(record)
            case .routingDecision(let record): decisions.append(record)
            case .heartbeat(let record): heartbeats.append(record)
            }
        }
        if !experiments.isEmpty { try upsertExperiments(experiments) }
        if !models.isEmpty { try upsertModels(models) }
        if !variants.isEmpty { try upsertVariants(variants) }
        if !runs.isEmpty { try upsertTrainingRuns(runs) }
        if !steps.isEmpty { try insertTrainingSteps(steps) }
        if !evaluations.isEmpty { try insertEvaluations(evaluations) }
        if !samples.isEmpty { try insertEvaluationSamples(samples) }
        if !requests.isEmpty { try insertInferenceRequests(requests) }
        if !decisions.isEmpty { try insertRoutingDecisions(decisions) }
        if !heartbeats.isEmpty { try insertHeartbeats(heartbeats) }
    }

    /// Runs a batched statement and counts how many of `received` rows it stored.
    mutating func run(_ sql: String, _ columns: [PostgresArray], received: Int) throws {
        let stored = try session.execute(sql, columns, prepared: true)
        summary.add(received: received, stored: stored)
    }

    /// Creates models referenced by name that are not yet known.
    func ensureModels(_ names: [String]) throws {
        let unique = Array(Set(names)).sorted()
        guard !unique.isEmpty else { return }
        try session.execute("""
            INSERT INTO models (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING
            """, [PostgresArray(unique) { $0 }], prepared: true)
    }

    /// Creates variants referenced by (model, variant id) that are not yet known, and their models.
    func ensureVariants(_ pairs: [(model: String, variant: String)]) throws {
        var seen = Set<String>()
        let unique = pairs.filter { seen.insert("\($0.model)\u{0}\($0.variant)").inserted }
        guard !unique.isEmpty else { return }
        try ensureModels(unique.map(\.model))
        try session.execute("""
            INSERT INTO variants (model_id, variant, kind)
            SELECT m.id, s.variant, s.kind
            FROM unnest($1::text[], $2::text[], $3::text[]) AS s(model, variant, kind)
            JOIN models m ON m.name = s.model
            ON CONFLICT (model_id, variant) DO NOTHING
            """, [
                PostgresArray(unique) { $0.model },
                PostgresArray(unique) { $0.variant },
                PostgresArray(unique) { VariantKind(variantID: $0.variant) },
            ], prepared: true)
    }

    /// Creates the experiments `members` belong to that are not yet known, named as the records name them or by
    /// their id; one first created under its id takes its name when a record brings it.
    func ensureExperiments(of members: [some ExperimentMember]) throws {
        var names: [UUID: String] = [:]
        for member in members {
            guard let id = member.experimentID else { continue }
            if let name = member.experimentName { names[id] = name } else if names[id] == nil { names[id] = id.uuidString.lowercased() }
        }
        guard !names.isEmpty else { return }
        let rows = Array(names)
        try session.execute("""
            INSERT INTO experiments (id, name) SELECT * FROM unnest($1::uuid[], $2::text[])
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
                WHERE experiments.name = experiments.id::text AND EXCLUDED.name <> EXCLUDED.id::text
            """, [PostgresArray(rows) { $0.key }, PostgresArray(rows) { $0.value }], prepared: true)
    }

    /// Creates training runs referenced by id that are not yet known.
    func ensureTrainingRuns(_ ids: [UUID]) throws {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return }
        try session.execute("""
            INSERT INTO training_runs (id) SELECT unnest($1::uuid[]) ON CONFLICT (id) DO NOTHING
            """, [PostgresArray(unique) { $0 }], prepared: true)
    }
}

/// Keeps the last record per key, in first-seen order: `ON CONFLICT DO UPDATE` may touch a row once per statement.
func lastPerKey<Record, Key: Hashable>(_ records: [Record], key: (Record) -> Key) -> [Record] {
    var position: [Key: Int] = [:]
    var result: [Record] = []
    for record in records {
        let k = key(record)
        if let index = position[k] {
            result[index] = record
        } else {
            position[k] = result.count
            result.append(record)
        }
    }
    return result
}
