extension Migration {
    /// 0002: the report views `tradeoff_summary`, `pareto_frontier`, `serving_summary` and `service_status`.
    ///
    /// `quality` is pass@1 when measured, else CodeBLEU, else BLEU scaled to 0...1, so the views
    /// rank variants evaluated the same way within an experiment.
    public static let reportViews = Migration(version: 2, name: "report_views", sql: """
        CREATE VIEW tradeoff_summary AS
        SELECT DISTINCT ON (e.experiment_id, e.variant_id)
            e.experiment_id,
            x.name                                              AS experiment,
            m.name                                              AS model,
            v.variant,
            v.kind,
            e.id                                                AS evaluation_id,
            e.run_id,
            e.evaluated_at,
            e.dataset,
            e.samples,
            COALESCE(e.pass_at_1, e.codebleu, e.bleu / 100.0)   AS quality,
            e.bleu,
            e.codebleu,
            e.pass_at_1,
            e.pass_at_k,
            e.k,
            e.exact_match,
            e.perplexity,
            e.ttft_ms,
            e.tpot_ms,
            e.latency_p50_ms,
            e.latency_p95_ms,
            e.latency_p99_ms,
            e.tokens_per_second,
            (e.peak_rss_bytes / 1048576.0)::double precision     AS peak_rss_mb,
            (COALESCE(e.size_bytes, v.size_bytes) / 1048576.0)::double precision AS size_mb,
            e.load_time_ms,
            e.config_hash,
            e.hardware
        FROM evaluations e
        JOIN variants v ON v.id = e.variant_id
        JOIN models m ON m.id = v.model_id
        LEFT JOIN experiments x ON x.id = e.experiment_id
        ORDER BY e.experiment_id, e.variant_id, e.evaluated_at DESC, e.id DESC;

        CREATE VIEW pareto_frontier AS
        SELECT t.*
        FROM tradeoff_summary t
        WHERE t.quality IS NOT NULL AND t.latency_p95_ms IS NOT NULL AND t.size_mb IS NOT NULL
          AND NOT EXISTS (
              SELECT 1
              FROM tradeoff_summary o
              WHERE o.experiment_id IS NOT DISTINCT FROM t.experiment_id
                AND o.evaluation_id <> t.evaluation_id
                AND o.quality IS NOT NULL AND o.latency_p95_ms IS NOT NULL AND o.size_mb IS NOT NULL
                AND o.quality >= t.quality
                AND o.latency_p95_ms <= t.latency_p95_ms
                AND o.size_mb <= t.size_mb
                AND (o.quality > t.quality OR o.latency_p95_ms < t.latency_p95_ms OR o.size_mb < t.size_mb)
          );

        CREATE VIEW serving_summary AS
        SELECT
            variant,
            count(*)                                                                 AS requests,
            count(*) FILTER (WHERE status <> 'ok')                                   AS failed,
            count(DISTINCT worker_id)                                                AS workers,
            percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms)                 AS latency_p50_ms,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)                 AS latency_p95_ms,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms)                 AS latency_p99_ms,
            avg(queue_wait_ms)                                                       AS queue_wait_avg_ms,
            sum(completion_tokens) / NULLIF(sum(generation_ms) / 1000.0, 0)          AS tokens_per_second,
            min(completed_at)                                                        AS first_at,
            max(completed_at)                                                        AS last_at
        FROM inference_requests
        GROUP BY variant;

        CREATE VIEW service_status AS
        SELECT DISTINCT ON (service, instance)
            service, instance, variant, status, in_flight, details, recorded_at
        FROM service_heartbeats
        ORDER BY service, instance, recorded_at DESC;
        """)
}
