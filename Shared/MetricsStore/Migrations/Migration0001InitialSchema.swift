extension Migration {
    /// 0001: the tables every measurement lands in.
    ///
    /// Each event table has a unique `event_id` (the producer's UUID; the primary key of the
    /// high-volume tables, so each insert maintains one index fewer), and a redelivered event is
    /// skipped by `ON CONFLICT DO NOTHING`; request-scoped tables are also unique by request id,
    /// so a request redelivered to a second worker is stored once.
    public static let initialSchema = Migration(version: 1, name: "initial_schema", sql: """
        CREATE TABLE experiments (
            id          uuid PRIMARY KEY,
            name        text NOT NULL,
            description text,
            config      jsonb NOT NULL DEFAULT '{}'::jsonb,
            created_at  timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE models (
            id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name       text NOT NULL UNIQUE,
            family     text,
            path       text,
            params     bigint CHECK (params >= 0),
            size_bytes bigint CHECK (size_bytes >= 0),
            created_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE variants (
            id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model_id   bigint NOT NULL REFERENCES models (id),
            variant    text NOT NULL,
            kind       text NOT NULL CHECK (kind IN ('base', 'lora', 'merged', 'q8', 'q4', 'qlora', 'other')),
            adapter    text,
            path       text,
            size_bytes bigint CHECK (size_bytes >= 0),
            created_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (model_id, variant)
        );

        CREATE TABLE training_runs (
            id                 uuid PRIMARY KEY,
            experiment_id      uuid REFERENCES experiments (id),
            model_id           bigint REFERENCES models (id),
            adapter            text,
            method             text,
            config             jsonb NOT NULL DEFAULT '{}'::jsonb,
            status             text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
            started_at         timestamptz NOT NULL DEFAULT now(),
            finished_at        timestamptz,
            steps              integer,
            final_loss         double precision,
            train_seconds      double precision,
            peak_rss_bytes     bigint,
            adapter_size_bytes bigint,
            error              text
        );

        CREATE TABLE training_steps (
            event_id          uuid PRIMARY KEY,
            run_id            uuid NOT NULL REFERENCES training_runs (id),
            step              integer NOT NULL,
            epoch             double precision,
            loss              double precision NOT NULL,
            learning_rate     double precision,
            tokens_per_second double precision,
            step_time_ms      double precision,
            grad_norm         double precision,
            recorded_at       timestamptz NOT NULL,
            UNIQUE (run_id, step)
        );

        CREATE TABLE evaluations (
            id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id                uuid NOT NULL UNIQUE,
            run_id                  uuid NOT NULL,
            experiment_id           uuid REFERENCES experiments (id),
            variant_id              bigint NOT NULL REFERENCES variants (id),
            dataset                 text,
            samples                 integer,
            bleu                    double precision,
            codebleu                double precision,
            codebleu_ngram          double precision,
            codebleu_weighted_ngram double precision,
            codebleu_syntax         double precision,
            codebleu_dataflow       double precision,
            pass_at_1               double precision,
            pass_at_k               double precision,
            k                       integer,
            exact_match             double precision,
            perplexity              double precision,
            ttft_ms                 double precision,
            tpot_ms                 double precision,
            latency_p50_ms          double precision,
            latency_p95_ms          double precision,
            latency_p99_ms          double precision,
            tokens_per_second       double precision,
            peak_rss_bytes          bigint,
            load_time_ms            double precision,
            size_bytes              bigint,
            hardware                jsonb NOT NULL DEFAULT '{}'::jsonb,
            config_hash             text,
            evaluated_at            timestamptz NOT NULL,
            UNIQUE (run_id, variant_id)
        );
        CREATE INDEX evaluations_latest ON evaluations (experiment_id, variant_id, evaluated_at DESC);

        CREATE TABLE evaluation_samples (
            event_id          uuid PRIMARY KEY,
            run_id            uuid NOT NULL,
            variant_id        bigint NOT NULL REFERENCES variants (id),
            task_id           text NOT NULL,
            sample_index      integer NOT NULL DEFAULT 0,
            prompt            text,
            reference         text,
            completion        text,
            bleu              double precision,
            codebleu          double precision,
            exact_match       boolean,
            outcome           text CHECK (outcome IN ('passed', 'failed', 'timeout', 'oom', 'error')),
            outcome_detail    text,
            prompt_tokens     integer,
            completion_tokens integer,
            ttft_ms           double precision,
            latency_ms        double precision,
            recorded_at       timestamptz NOT NULL,
            UNIQUE (run_id, variant_id, task_id, sample_index)
        );

        CREATE TABLE inference_requests (
            event_id          uuid PRIMARY KEY,
            request_id        text NOT NULL UNIQUE,
            variant           text NOT NULL,
            worker_id         text,
            prompt_tokens     integer,
            completion_tokens integer,
            queue_wait_ms     double precision,
            ttft_ms           double precision,
            generation_ms     double precision,
            latency_ms        double precision,
            status            text NOT NULL CHECK (status IN ('ok', 'error', 'expired', 'rejected')),
            error             text,
            completed_at      timestamptz NOT NULL
        );
        CREATE INDEX inference_requests_variant_time ON inference_requests (variant, completed_at);

        CREATE TABLE routing_decisions (
            event_id          uuid PRIMARY KEY,
            request_id        text NOT NULL UNIQUE,
            requested_variant text,
            chosen_variant    text NOT NULL,
            reason            text NOT NULL,
            policy            text NOT NULL,
            fallback          boolean NOT NULL DEFAULT false,
            fallback_from     text,
            prompt_tokens     integer,
            decided_at        timestamptz NOT NULL
        );
        CREATE INDEX routing_decisions_time ON routing_decisions (decided_at);

        CREATE TABLE service_heartbeats (
            event_id    uuid PRIMARY KEY,
            service     text NOT NULL,
            instance    text NOT NULL,
            variant     text,
            status      text NOT NULL,
            in_flight   integer,
            details     jsonb NOT NULL DEFAULT '{}'::jsonb,
            recorded_at timestamptz NOT NULL
        );
        CREATE INDEX service_heartbeats_latest ON service_heartbeats (service, instance, recorded_at DESC);
        """)
}
