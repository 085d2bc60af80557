-- SLO-Scout schema, shared by the Flink jobs (writers of discovery and time series) and the
-- backend (reader, and owner of recommendations, SLOs, artifacts and release decisions).
--
-- Conventions:
--  * Tables written by streaming jobs have no foreign keys: parallel sinks write services,
--    journeys and minutes in any order, and a foreign key would turn that order into failures.
--    Tables the backend owns do use them.
--  * Every time-series row is keyed by its identity and its minute, and carries ABSOLUTE values
--    for that minute, so writers upsert with ON CONFLICT DO UPDATE SET x = EXCLUDED.x: replaying
--    a minute after a Flink restore rewrites the same row instead of counting it twice.
--  * Times are timestamptz; minutes are whole minutes (the repositories reject others).
--  * On TimescaleDB, migration 2 (io.sloscout.storage.migration.TimescaleMigration) turns the
--    *_minute tables into hypertables with retention and adds an hourly rollup; on plain
--    PostgreSQL they stay ordinary tables.

CREATE TABLE services (
    name        text        PRIMARY KEY,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    CONSTRAINT services_seen_order CHECK (first_seen <= last_seen)
);

CREATE TABLE operations (
    service     text        NOT NULL,
    name        text        NOT NULL,
    kind        text        NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (service, name),
    CONSTRAINT operations_kind CHECK (kind IN ('server', 'client', 'producer', 'consumer', 'internal')),
    CONSTRAINT operations_seen_order CHECK (first_seen <= last_seen)
);

CREATE TABLE journeys (
    id               text        PRIMARY KEY,
    name             text        NOT NULL,
    entry_service    text        NOT NULL,
    entry_operation  text        NOT NULL,
    services         text[]      NOT NULL DEFAULT '{}',
    first_seen       timestamptz NOT NULL,
    last_seen        timestamptz NOT NULL,
    CONSTRAINT journeys_seen_order CHECK (first_seen <= last_seen)
);
CREATE INDEX journeys_entry ON journeys (entry_service, entry_operation);

CREATE TABLE journey_edges (
    journey_id      text        NOT NULL,
    from_service    text        NOT NULL,
    from_operation  text        NOT NULL,
    to_service      text        NOT NULL,
    to_operation    text        NOT NULL,
    calls           bigint      NOT NULL,
    last_seen       timestamptz NOT NULL,
    PRIMARY KEY (journey_id, from_service, from_operation, to_service, to_operation),
    CONSTRAINT journey_edges_calls CHECK (calls >= 0)
);

-- latency_sketch: HdrHistogram compressed encoding of the latencies in microseconds.
-- latency_at_or_under: requests at or under each bound of LatencyDistribution.BUCKETS_SECONDS
-- (0.005 .. 10 s), counted exactly, so an SLI's "good" count needs no estimate.
CREATE TABLE journey_red_minute (
    journey_id           text             NOT NULL,
    minute               timestamptz      NOT NULL,
    requests             bigint           NOT NULL,
    errors               bigint           NOT NULL,
    latency_sketch       bytea            NOT NULL,
    latency_at_or_under  bigint[]         NOT NULL,
    p50_ms               double precision NOT NULL,
    p95_ms               double precision NOT NULL,
    p99_ms               double precision NOT NULL,
    PRIMARY KEY (journey_id, minute),
    CONSTRAINT journey_red_minute_counts CHECK (requests >= 0 AND errors >= 0 AND errors <= requests)
);
-- range scans over all journeys (the journey list with totals)
CREATE INDEX journey_red_minute_minute ON journey_red_minute (minute);

CREATE TABLE operation_red_minute (
    service              text             NOT NULL,
    operation            text             NOT NULL,
    minute               timestamptz      NOT NULL,
    requests             bigint           NOT NULL,
    errors               bigint           NOT NULL,
    latency_sketch       bytea            NOT NULL,
    latency_at_or_under  bigint[]         NOT NULL,
    p50_ms               double precision NOT NULL,
    p95_ms               double precision NOT NULL,
    p99_ms               double precision NOT NULL,
    PRIMARY KEY (service, operation, minute),
    CONSTRAINT operation_red_minute_counts CHECK (requests >= 0 AND errors >= 0 AND errors <= requests)
);
CREATE INDEX operation_red_minute_minute ON operation_red_minute (minute);

CREATE TABLE templates (
    template_id    text        PRIMARY KEY,
    service        text        NOT NULL,
    kind           text        NOT NULL,
    template       text        NOT NULL,
    first_seen     timestamptz NOT NULL,
    last_seen      timestamptz NOT NULL,
    example_count  bigint      NOT NULL,
    CONSTRAINT templates_kind CHECK (kind IN ('span', 'log', 'metric')),
    CONSTRAINT templates_example_count CHECK (example_count >= 0),
    CONSTRAINT templates_seen_order CHECK (first_seen <= last_seen)
);
CREATE INDEX templates_service ON templates (service, kind);

CREATE TABLE template_counts_minute (
    template_id  text        NOT NULL,
    minute       timestamptz NOT NULL,
    count        bigint      NOT NULL,
    PRIMARY KEY (template_id, minute),
    CONSTRAINT template_counts_minute_count CHECK (count >= 0)
);
CREATE INDEX template_counts_minute_minute ON template_counts_minute (minute);

-- A recommendation's id is stable for its journey and SLI type, so recomputing it updates the
-- row and keeps what a person decided (status).
CREATE TABLE recommendations (
    id            text             PRIMARY KEY,
    journey_id    text             NOT NULL,
    sli_type      text             NOT NULL,
    objective     double precision NOT NULL,
    threshold_ms  double precision,
    slo_window    text             NOT NULL,
    confidence    double precision NOT NULL,
    rationale     text             NOT NULL,
    evidence      jsonb            NOT NULL DEFAULT '[]',
    computed_at   timestamptz      NOT NULL,
    status        text             NOT NULL DEFAULT 'open',
    CONSTRAINT recommendations_sli_type CHECK (sli_type IN ('availability', 'latency')),
    CONSTRAINT recommendations_objective CHECK (objective > 0 AND objective < 1),
    CONSTRAINT recommendations_threshold CHECK ((sli_type = 'latency') = (threshold_ms IS NOT NULL)),
    CONSTRAINT recommendations_confidence CHECK (confidence >= 0 AND confidence <= 1),
    CONSTRAINT recommendations_status CHECK (status IN ('open', 'accepted', 'dismissed'))
);
CREATE INDEX recommendations_journey ON recommendations (journey_id);

CREATE TABLE slos (
    id                 text        PRIMARY KEY,
    service            text        NOT NULL,
    name               text        NOT NULL,
    spec_yaml          text        NOT NULL,
    source             text        NOT NULL,
    recommendation_id  text        REFERENCES recommendations (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            integer     NOT NULL DEFAULT 1,
    CONSTRAINT slos_service_name UNIQUE (service, name),
    CONSTRAINT slos_source CHECK (source IN ('recommended', 'manual')),
    CONSTRAINT slos_version CHECK (version >= 1)
);

-- One row per generated file of an SLO: regenerating replaces the content.
CREATE TABLE artifacts (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slo_id        text        NOT NULL REFERENCES slos (id) ON DELETE CASCADE,
    kind          text        NOT NULL,
    path          text        NOT NULL,
    content       text        NOT NULL,
    generated_at  timestamptz NOT NULL,
    CONSTRAINT artifacts_slo_kind_path UNIQUE (slo_id, kind, path),
    CONSTRAINT artifacts_kind CHECK (kind IN ('rules', 'rule_tests', 'dashboard', 'runbook'))
);

-- Decisions are history: they outlive the SLO they were about.
CREATE TABLE release_decisions (
    id                      bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service                 text             NOT NULL,
    slo_id                  text             REFERENCES slos (id) ON DELETE SET NULL,
    decision                text             NOT NULL,
    reasons                 jsonb            NOT NULL DEFAULT '[]',
    burn_rates              jsonb            NOT NULL DEFAULT '{}',
    error_budget_remaining  double precision,
    decided_at              timestamptz      NOT NULL,
    CONSTRAINT release_decisions_decision CHECK (decision IN ('promote', 'rollback', 'inconclusive'))
);
CREATE INDEX release_decisions_service ON release_decisions (service, decided_at DESC);
