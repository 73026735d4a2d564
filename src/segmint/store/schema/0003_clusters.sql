-- Clustering (docs/clusters.md): fitted runs, their clusters' profiles and personas, and who is in which.

-- One row per `segmint clusters fit`; the latest fitted_at is the current clustering (the `cluster` family).
CREATE TABLE cluster_runs (
    run_id       VARCHAR PRIMARY KEY,
    fitted_at    TIMESTAMP NOT NULL,
    as_of        DATE NOT NULL,             -- the data date the features were computed for
    method       VARCHAR NOT NULL,          -- 'kmeans' or 'gmm'
    k            INTEGER NOT NULL,
    seed         INTEGER NOT NULL,
    customers    BIGINT NOT NULL,
    seconds      DOUBLE,
    spec         JSON NOT NULL,             -- the raw features: categories, channels, demographics
    model        JSON NOT NULL              -- scaler, column weights, centers (and mixture), k scores
);

-- Each cluster of a run: size, profile (effect sizes), persona card and the rule approximating it.
CREATE TABLE cluster_profiles (
    run_id          VARCHAR NOT NULL,
    cluster         INTEGER NOT NULL,       -- 1..k, largest first
    name            VARCHAR NOT NULL,       -- the persona name
    size            BIGINT NOT NULL,
    share           DOUBLE NOT NULL,
    profile         JSON NOT NULL,          -- [{feature, label, mean, rest_mean, effect_size}], largest first
    persona         JSON NOT NULL,
    rule            VARCHAR,                -- rule-language text approximating the cluster
    rule_precision  DOUBLE,
    rule_recall     DOUBLE,
    rule_measured_on BIGINT,                -- customers precision and recall were measured on
    PRIMARY KEY (run_id, cluster)
);

-- The customers of each cluster on the run's as_of date (kept for the current run only). No PRIMARY KEY:
-- a million rows are written at once, and the fit writes one row per customer.
CREATE TABLE cluster_assignments (
    run_id       VARCHAR NOT NULL,
    customer_id  VARCHAR NOT NULL,
    cluster      INTEGER NOT NULL
);
