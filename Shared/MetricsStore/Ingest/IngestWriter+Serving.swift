extension IngestWriter {
    /// Stores served requests once per event id and once per request id.
    mutating func insertInferenceRequests(_ records: [InferenceRequestRecord]) throws {
        try run("""
            INSERT INTO inference_requests (event_id, request_id, variant, worker_id, prompt_tokens, completion_tokens,
                                            queue_wait_ms, ttft_ms, generation_ms, latency_ms, status, error,
                                            completed_at)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[],
                                 $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::text[], $12::text[],
                                 $13::timestamptz[])
            ON CONFLICT DO NOTHING
            """, [
                PostgresArray(records) { $0.eventID },
                PostgresArray(records) { $0.requestID },
                PostgresArray(records) { $0.variant },
                PostgresArray(records) { $0.workerID },
                PostgresArray(records) { $0.promptTokens },
                PostgresArray(records) { $0.completionTokens },
                PostgresArray(records) { $0.queueWaitMilliseconds },
                PostgresArray(records) { $0.ttftMilliseconds },
                PostgresArray(records) { $0.generationMilliseconds },
                PostgresArray(records) { $0.latencyMilliseconds },
                PostgresArray(records) { $0.status },
                PostgresArray(records) { $0.error },
                PostgresArray(records) { $0.completedAt },
            ], received: records.count)
    }

    /// Stores routing decisions once per event id and once per request id.
    mutating func insertRoutingDecisions(_ records: [RoutingDecisionRecord]) throws {
        try run("""
            INSERT INTO routing_decisions (event_id, request_id, requested_variant, chosen_variant, reason, policy,
                                           fallback, fallback_from, prompt_tokens, decided_at)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[],
                                 $8::text[], $9::int[], $10::timestamptz[])
            ON CONFLICT DO NOTHING
            """, [
                PostgresArray(records) { $0.eventID },
                PostgresArray(records) { $0.requestID },
                PostgresArray(records) { $0.requestedVariant },
                PostgresArray(records) { $0.chosenVariant },
                PostgresArray(records) { $0.reason },
                PostgresArray(records) { $0.policy },
                PostgresArray(records) { $0.fallback },
                PostgresArray(records) { $0.fallbackFrom },
                PostgresArray(records) { $0.promptTokens },
                PostgresArray(records) { $0.decidedAt },
            ], received: records.count)
    }

    /// Stores heartbeats once per event id.
    mutating func insertHeartbeats(_ records: [ServiceHeartbeatRecord]) throws {
        try run("""
            INSERT INTO service_heartbeats (event_id, service, instance, variant, status, in_flight, details, recorded_at)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::jsonb[],
                                 $8::timestamptz[])
            ON CONFLICT DO NOTHING
            """, [
                PostgresArray(records) { $0.eventID },
                PostgresArray(records) { $0.service },
                PostgresArray(records) { $0.instance },
                PostgresArray(records) { $0.variant },
                PostgresArray(records) { $0.status },
                PostgresArray(records) { $0.inFlight },
                PostgresArray(records) { $0.details },
                PostgresArray(records) { $0.recordedAt },
            ], received: records.count)
    }
}
