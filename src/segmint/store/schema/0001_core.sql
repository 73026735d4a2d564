-- The canonical customer data model (docs/data-model.md describes every column).

CREATE TABLE customers (
    customer_id          VARCHAR PRIMARY KEY,   -- segmint's id: the id given by the first source that sent it
    source               VARCHAR,               -- system the record came from (crm, pos, shop, ...)
    first_name           VARCHAR,
    last_name            VARCHAR,
    full_name            VARCHAR,
    email                VARCHAR,               -- lower-cased, validated
    phone                VARCHAR,               -- E.164
    gender               VARCHAR,               -- 'f', 'm', 'other'
    birth_date           DATE,
    city                 VARCHAR,
    region               VARCHAR,
    country              VARCHAR,               -- ISO 3166 alpha-2
    language             VARCHAR,               -- ISO 639-1
    income_band          VARCHAR,
    occupation           VARCHAR,
    marital_status       VARCHAR,
    education            VARCHAR,
    signup_date          DATE,
    acquisition_source   VARCHAR,
    acquisition_channel  VARCHAR,
    device               VARCHAR,               -- technographic: mobile, desktop, tablet
    os                   VARCHAR,
    interests            VARCHAR[],             -- psychographic
    "values"             VARCHAR[],             -- psychographic
    consent_email        BOOLEAN,
    consent_sms          BOOLEAN,
    tags                 VARCHAR[],
    status               VARCHAR,
    custom               JSON,                  -- free attributes the model has no column for
    merged_into          VARCHAR,               -- set when dedupe merged this record into another;
                                                -- customer metrics count only merged_into IS NULL
    imported_at          TIMESTAMP NOT NULL
);

-- Ids the same person has in other systems (and ids merged away by dedupe).
CREATE TABLE customer_ids (
    source       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    customer_id  VARCHAR NOT NULL,
    PRIMARY KEY (source, source_id)
);

CREATE TABLE categories (
    category_id  VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    parent_id    VARCHAR
);

CREATE TABLE products (
    product_id   VARCHAR PRIMARY KEY,
    name         VARCHAR,
    category     VARCHAR,
    brand        VARCHAR,
    price        DECIMAL(18, 4)
);

-- orders, order_items and events are keyed by their natural keys (order_id; order_id + line_no; event_id)
-- WITHOUT a PRIMARY KEY index: measured on 10M orders, a PRIMARY KEY made the bulk insert 4x slower
-- (30.6 s vs 7.4 s) on this 2-core machine. The importer (segmint.ingest) guarantees one row per key: it
-- deduplicates each file and upserts by key.
CREATE TABLE orders (
    order_id     VARCHAR NOT NULL,
    customer_id  VARCHAR,                       -- NULL for a guest purchase
    is_guest     BOOLEAN NOT NULL,              -- guest orders are kept but left out of customer metrics
    ordered_at   TIMESTAMP NOT NULL,
    total        DECIMAL(18, 4) NOT NULL,
    discount     DECIMAL(18, 4) NOT NULL DEFAULT 0,
    currency     VARCHAR,
    channel      VARCHAR,                       -- online, offline, pos
    store        VARCHAR,
    status       VARCHAR NOT NULL,              -- completed, pending, cancelled, returned, adjustment
    source       VARCHAR,
    imported_at  TIMESTAMP NOT NULL
);

CREATE TABLE order_items (
    order_id      VARCHAR NOT NULL,
    line_no       INTEGER NOT NULL,
    product_id    VARCHAR,
    product_name  VARCHAR,
    category      VARCHAR,
    quantity      DECIMAL(18, 3) NOT NULL,
    unit_price    DECIMAL(18, 4) NOT NULL,
    discount      DECIMAL(18, 4) NOT NULL DEFAULT 0,
    imported_at   TIMESTAMP NOT NULL
);

CREATE TABLE events (
    event_id     VARCHAR NOT NULL,
    customer_id  VARCHAR,
    event_type   VARCHAR NOT NULL,  -- email_sent, email_open, email_click, email_unsubscribe, sms_sent,
                                    -- sms_click, site_visit, page_view, cart_add, cart_abandon, review,
                                    -- survey_answer
    occurred_at  TIMESTAMP NOT NULL,
    campaign_id  VARCHAR,
    channel      VARCHAR,
    nps_score    SMALLINT,          -- 0..10 on survey answers
    properties   JSON,
    imported_at  TIMESTAMP NOT NULL
);

-- One row per import run; counts are the summary the CLI prints.
CREATE TABLE imports (
    import_id    VARCHAR PRIMARY KEY,
    entity       VARCHAR NOT NULL,
    file         VARCHAR NOT NULL,
    file_sha256  VARCHAR,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    rows_read    BIGINT,
    inserted     BIGINT,
    updated      BIGINT,
    unchanged    BIGINT,
    quarantined  BIGINT,
    mapping      JSON
);

-- Every input row that did not land, with where and why. Nothing is dropped silently.
CREATE TABLE quarantine (
    import_id  VARCHAR NOT NULL,
    entity     VARCHAR NOT NULL,
    file       VARCHAR NOT NULL,
    "row"      BIGINT,             -- line in the file as a spreadsheet shows it (header = 1); NULL if unknown
    "column"   VARCHAR,
    value      VARCHAR,
    reason     VARCHAR NOT NULL,
    record     JSON                -- the whole input row as read
);

-- Values that were refused while their row still landed (an invalid email leaves the customer in place,
-- with email NULL): the audit reports them, and nothing the file said is lost.
CREATE TABLE rejected_values (
    import_id  VARCHAR NOT NULL,
    entity     VARCHAR NOT NULL,
    record_key VARCHAR NOT NULL,   -- natural key of the row that landed (customer_id, order_id, ...)
    file       VARCHAR NOT NULL,
    "row"      BIGINT,
    "column"   VARCHAR NOT NULL,
    value      VARCHAR,
    reason     VARCHAR NOT NULL
);

-- Dedupe merges: which id went into which, so a merge can be undone.
CREATE TABLE merges (
    merge_id     VARCHAR NOT NULL,
    kept_id      VARCHAR NOT NULL,
    merged_id    VARCHAR NOT NULL,
    match_probability DOUBLE,
    merged_at    TIMESTAMP NOT NULL,
    undone_at    TIMESTAMP,
    record       JSON,             -- the merged record as it was, for undo
    filled       JSON,             -- survivor fields this record filled: {field: {"before": .., "after": ..}}
    order_ids    VARCHAR[],        -- orders repointed from merged_id to kept_id
    event_ids    VARCHAR[],        -- events repointed from merged_id to kept_id
    id_links     JSON              -- customer_ids rows changed: [{source, source_id, before: id or null}]
);
