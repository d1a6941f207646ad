extension IngestWriter {
    /// Creates training runs or updates them; a finished run never goes back to `running`.
    mutating func upsertTrainingRuns(_ records: [TrainingRunRecord]) throws {
        let rows = lastPerKey(records, key: \.id)
        try ensureModels(rows.compactMap(\.model))
        try ensureExperiments(of: rows)
        try run("""
            INSERT INTO training_runs (id, experiment_id, model_id, adapter, method, config, status, started_at,
                                       finished_at, steps, final_loss, train_seconds, peak_rss_bytes,
                                       adapter_size_bytes, error)
            SELECT s.id, s.experiment_id, m.id, s.adapter, s.method, COALESCE(s.config, '{}'::jsonb), s.status,
                   COALESCE(s.started_at, now()), s.finished_at, s.steps, s.final_loss, s.train_seconds,
                   s.peak_rss_bytes, s.adapter_size_bytes, s.error
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[],
                        $8::timestamptz[], $9::timestamptz[], $10::int[], $11::float8[], $12::float8[],
                        $13::bigint[], $14::bigint[], $15::text[])
                AS s(id, experiment_id, model, adapter, method, config, status, started_at, finished_at, steps,
                     final_loss, train_seconds, peak_rss_bytes, adapter_size_bytes, error)
            LEFT JOIN models m ON m.name = s.model
            ON CONFLICT (id) DO UPDATE SET
                experiment_id = COALESCE(EXCLUDED.experiment_id, training_runs.experiment_id),
                model_id = COALESCE(EXCLUDED.model_id, training_runs.model_id),
                adapter = COALESCE(EXCLUDED.adapter, training_runs.adapter),
                method = COALESCE(EXCLUDED.method, training_runs.method),
                config = CASE WHEN EXCLUDED.config = '{}'::jsonb THEN training_runs.config ELSE EXCLUDED.config END,
                status = CASE WHEN EXCLUDED.status = 'running' THEN training_runs.status ELSE EXCLUDED.status END,
                started_at = LEAST(training_runs.started_at, EXCLUDED.started_at),
                finished_at = COALESCE(EXCLUDED.finished_at, training_runs.finished_at),
                steps = COALESCE(EXCLUDED.steps, training_runs.steps),
                final_loss = COALESCE(EXCLUDED.final_loss, training_runs.final_loss),
                train_seconds = COALESCE(EXCLUDED.train_seconds, training_runs.train_seconds),
                peak_rss_bytes = COALESCE(EXCLUDED.peak_rss_bytes, training_runs.peak_rss_bytes),
                adapter_size_bytes = COALESCE(EXCLUDED.adapter_size_bytes, training_runs.adapter_size_bytes),
                error = COALESCE(EXCLUDED.error, training_runs.error)
            """, [
                PostgresArray(rows) { $0.id },
                PostgresArray(rows) { $0.experimentID },
                PostgresArray(rows) { $0.model },
                PostgresArray(rows) { $0.adapter },
                PostgresArray(rows) { $0.method },
                PostgresArray(rows) { $0.config },
                PostgresArray(rows) { $0.status },
                PostgresArray(rows) { $0.startedAt },
                PostgresArray(rows) { $0.finishedAt },
                PostgresArray(rows) { $0.steps },
                PostgresArray(rows) { $0.finalLoss },
                PostgresArray(rows) { $0.trainSeconds },
                PostgresArray(rows) { $0.peakRSSBytes },
                PostgresArray(rows) { $0.adapterSizeBytes },
                PostgresArray(rows) { $0.error },
            ], received: records.count)
    }

    /// Stores training steps once per event id and per (run, step), creating unknown runs.
    mutating func insertTrainingSteps(_ records: [TrainingStepRecord]) throws {
        try ensureTrainingRuns(records.map(\.runID))
        try run("""
            INSERT INTO training_steps (event_id, run_id, step, epoch, loss, learning_rate, tokens_per_second,
                                        step_time_ms, grad_norm, recorded_at)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::float8[], $5::float8[], $6::float8[],
                                 $7::float8[], $8::float8[], $9::float8[], $10::timestamptz[])
            ON CONFLICT DO NOTHING
            """, [
                PostgresArray(records) { $0.eventID },
                PostgresArray(records) { $0.runID },
                PostgresArray(records) { $0.step },
                PostgresArray(records) { $0.epoch },
                PostgresArray(records) { $0.loss },
                PostgresArray(records) { $0.learningRate },
                PostgresArray(records) { $0.tokensPerSecond },
                PostgresArray(records) { $0.stepTimeMilliseconds },
                PostgresArray(records) { $0.gradNorm },
                PostgresArray(records) { $0.recordedAt },
            ], received: records.count)
    }
}
