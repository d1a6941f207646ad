extension IngestWriter {
    /// Stores per-variant evaluation results once per event id and per (run, variant).
    mutating func insertEvaluations(_ records: [EvaluationRecord]) throws {
        try ensureExperiments(of: records)
        try ensureVariants(records.map { ($0.model, $0.variant) })
        try run("""
            INSERT INTO evaluations (event_id, run_id, experiment_id, variant_id, dataset, samples, bleu, codebleu,
                                     codebleu_ngram, codebleu_weighted_ngram, codebleu_syntax, codebleu_dataflow,
                                     pass_at_1, pass_at_k, k, exact_match, perplexity, ttft_ms, tpot_ms,
                                     latency_p50_ms, latency_p95_ms, latency_p99_ms, tokens_per_second,
                                     peak_rss_bytes, load_time_ms, size_bytes, hardware, config_hash, evaluated_at)
            SELECT s.event_id, s.run_id, s.experiment_id, v.id, s.dataset, s.samples, s.bleu, s.codebleu,
                   s.codebleu_ngram, s.codebleu_weighted_ngram, s.codebleu_syntax, s.codebleu_dataflow,
                   s.pass_at_1, s.pass_at_k, s.k, s.exact_match, s.perplexity, s.ttft_ms, s.tpot_ms,
                   s.latency_p50_ms, s.latency_p95_ms, s.latency_p99_ms, s.tokens_per_second,
                   s.peak_rss_bytes, s.load_time_ms, s.size_bytes, s.hardware, s.config_hash, s.evaluated_at
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[],
                        $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[],
                        $14::float8[], $15::float8[], $16::int[], $17::float8[], $18::float8[], $19::float8[],
                        $20::float8[], $21::float8[], $22::float8[], $23::float8[], $24::float8[], $25::bigint[],
                        $26::float8[], $27::bigint[], $28::jsonb[], $29::text[], $30::timestamptz[])
                AS s(event_id, run_id, experiment_id, model, variant, dataset, samples, bleu, codebleu,
                     codebleu_ngram, codebleu_weighted_ngram, codebleu_syntax, codebleu_dataflow, pass_at_1,
                     pass_at_k, k, exact_match, perplexity, ttft_ms, tpot_ms, latency_p50_ms, latency_p95_ms,
                     latency_p99_ms, tokens_per_second, peak_rss_bytes, load_time_ms, size_bytes, hardware,
                     config_hash, evaluated_at)
            JOIN models m ON m.name = s.model
            JOIN variants v ON v.model_id = m.id AND v.variant = s.variant
            ON CONFLICT DO NOTHING
            """, [
                PostgresArray(records) { $0.eventID },
                PostgresArray(records) { $0.runID },
                PostgresArray(records) { $0.experimentID },
                PostgresArray(records) { $0.model },
                PostgresArray(records) { $0.variant },
                PostgresArray(records) { $0.dataset },
                PostgresArray(records) { $0.samples },
                PostgresArray(records) { $0.bleu },
                PostgresArray(records) { $0.codeBLEU },
                PostgresArray(records) { $0.codeBLEUNgram },
                PostgresArray(records) { $0.codeBLEUWeightedNgram },
                PostgresArray(records) { $0.codeBLEUSyntax },
                PostgresArray(records) { $0.codeBLEUDataflow },
                PostgresArray(records) { $0.passAt1 },
                PostgresArray(records) { $0.passAtK },
                PostgresArray(records) { $0.k },
                PostgresArray(records) { $0.exactMatch },
                PostgresArray(records) { $0.perplexity },
                PostgresArray(records) { $0.ttftMilliseconds },
                PostgresArray(records) { $0.timePerOutputTokenMilliseconds },
                PostgresArray(records) { $0.latencyP50Milliseconds },
                PostgresArray(records) { $0.latencyP95Milliseconds },
                PostgresArray(records) { $0.latencyP99Milliseconds },
                PostgresArray(records) { $0.tokensPerSecond },
                PostgresArray(records) { $0.peakRSSBytes },
                PostgresArray(records) { $0.loadTimeMilliseconds },
                PostgresArray(records) { $0.sizeBytes },
                PostgresArray(records) { $0.hardware },
                PostgresArray(records) { $0.configHash },
                PostgresArray(records) { $0.evaluatedAt },
            ], received: records.count)
    }

    /// Stores per-sample records once per event id and per (run, variant, task, sample index).
    mutating func insertEvaluationSamples(_ records: [EvaluationSampleRecord]) throws {
        try ensureVariants(records.map { ($0.model, $0.variant) })
        try run("""
            INSERT INTO evaluation_samples (event_id, run_id, variant_id, task_id, sample_index, prompt, reference,
                                            completion, bleu, codebleu, exact_match, outcome, outcome_detail,
                                            prompt_tokens, completion_tokens, ttft_ms, latency_ms, recorded_at)
            SELECT s.event_id, s.run_id, v.id, s.task_id, s.sample_index, s.prompt, s.reference, s.completion,
                   s.bleu, s.codebleu, s.exact_match, s.outcome, s.outcome_detail, s.prompt_tokens,
                   s.completion_tokens, s.ttft_ms, s.latency_ms, s.recorded_at
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[],
                        $8::text[], $9::text[], $10::float8[], $11::float8[], $12::bool[], $13::text[],
                        $14::text[], $15::int[], $16::int[], $17::float8[], $18::float8[], $19::timestamptz[])
                AS s(event_id, run_id, model, variant, task_id, sample_index, prompt, reference, completion,
                     bleu, codebleu, exact_match, outcome, outcome_detail, prompt_tokens, completion_tokens,
                     ttft_ms, latency_ms, recorded_at)
            JOIN models m ON m.name = s.model
            JOIN variants v ON v.model_id = m.id AND v.variant = s.variant
            ON CONFLICT DO NOTHING
            """, [
                PostgresArray(records) { $0.eventID },
                PostgresArray(records) { $0.runID },
                PostgresArray(records) { $0.model },
                PostgresArray(records) { $0.variant },
                PostgresArray(records) { $0.taskID },
                PostgresArray(records) { $0.sampleIndex },
                PostgresArray(records) { $0.prompt },
                PostgresArray(records) { $0.reference },
                PostgresArray(records) { $0.completion },
                PostgresArray(records) { $0.bleu },
                PostgresArray(records) { $0.codeBLEU },
                PostgresArray(records) { $0.exactMatch },
                PostgresArray(records) { $0.outcome },
                PostgresArray(records) { $0.outcomeDetail },
                PostgresArray(records) { $0.promptTokens },
                PostgresArray(records) { $0.completionTokens },
                PostgresArray(records) { $0.ttftMilliseconds },
                PostgresArray(records) { $0.latencyMilliseconds },
                PostgresArray(records) { $0.recordedAt },
            ], received: records.count)
    }
}
