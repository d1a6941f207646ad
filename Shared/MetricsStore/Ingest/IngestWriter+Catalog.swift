extension IngestWriter {
    /// Creates experiments or updates their name, description and config.
    mutating func upsertExperiments(_ records: [ExperimentRecord]) throws {
        let rows = lastPerKey(records, key: \.id)
        try run("""
            INSERT INTO experiments (id, name, description, config)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])
            ON CONFLICT (id) DO UPDATE SET
                name = EXCLUDED.name,
                description = COALESCE(EXCLUDED.description, experiments.description),
                config = EXCLUDED.config
            """, [
                PostgresArray(rows) { $0.id },
                PostgresArray(rows) { $0.name },
                PostgresArray(rows) { $0.description },
                PostgresArray(rows) { $0.config },
            ], received: records.count)
    }

    /// Creates models or fills in their details.
    mutating func upsertModels(_ records: [ModelRecord]) throws {
        let rows = lastPerKey(records, key: \.name)
        try run("""
            INSERT INTO models (name, family, path, params, size_bytes)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
            ON CONFLICT (name) DO UPDATE SET
                family = COALESCE(EXCLUDED.family, models.family),
                path = COALESCE(EXCLUDED.path, models.path),
                params = COALESCE(EXCLUDED.params, models.params),
                size_bytes = COALESCE(EXCLUDED.size_bytes, models.size_bytes)
            """, [
                PostgresArray(rows) { $0.name },
                PostgresArray(rows) { $0.family },
                PostgresArray(rows) { $0.path },
                PostgresArray(rows) { $0.params },
                PostgresArray(rows) { $0.sizeBytes },
            ], received: records.count)
    }

    /// Creates variants (and their models) or fills in their details.
    mutating func upsertVariants(_ records: [VariantRecord]) throws {
        let rows = lastPerKey(records, key: { "\($0.model)\u{0}\($0.variant)" })
        try ensureModels(rows.map(\.model))
        try run("""
            INSERT INTO variants (model_id, variant, kind, adapter, path, size_bytes)
            SELECT m.id, s.variant, s.kind, s.adapter, s.path, s.size_bytes
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
                AS s(model, variant, kind, adapter, path, size_bytes)
            JOIN models m ON m.name = s.model
            ON CONFLICT (model_id, variant) DO UPDATE SET
                kind = EXCLUDED.kind,
                adapter = COALESCE(EXCLUDED.adapter, variants.adapter),
                path = COALESCE(EXCLUDED.path, variants.path),
                size_bytes = COALESCE(EXCLUDED.size_bytes, variants.size_bytes)
            """, [
                PostgresArray(rows) { $0.model },
                PostgresArray(rows) { $0.variant },
                PostgresArray(rows) { $0.kind },
                PostgresArray(rows) { $0.adapter },
                PostgresArray(rows) { $0.path },
                PostgresArray(rows) { $0.sizeBytes },
            ], received: records.count)
    }
}
