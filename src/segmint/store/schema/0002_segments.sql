-- Segments and their history (docs/segments.md).

-- User-defined segments. A segment keeps its id when renamed, so its history follows it.
CREATE TABLE segments (
    segment_id   VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL UNIQUE,   -- any Unicode
    description  VARCHAR,
    kind         VARCHAR NOT NULL CHECK (kind IN ('static', 'dynamic')),
    rule         VARCHAR,                   -- text form; NULL for a static list given as ids
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

-- The frozen member list of each static segment (dynamic segments are evaluated on every refresh).
CREATE TABLE segment_members (
    segment_id   VARCHAR NOT NULL,
    customer_id  VARCHAR NOT NULL,
    added_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (segment_id, customer_id)
);

-- Membership history as intervals: a customer was in a family group or a segment from valid_from
-- (inclusive) to valid_to (exclusive; NULL = still a member). Dates are data dates (the "today" a refresh
-- computed membership for), not wall-clock times.
CREATE TABLE membership_history (
    kind         VARCHAR NOT NULL,          -- 'family' or 'segment'
    ref          VARCHAR NOT NULL,          -- family name or segment_id
    group_name   VARCHAR NOT NULL,          -- the family's group; 'member' for a segment
    customer_id  VARCHAR NOT NULL,
    valid_from   DATE NOT NULL,
    valid_to     DATE
);

-- The dates each family and segment was computed for: membership between two of them is the earlier one's.
CREATE TABLE membership_snapshots (
    kind         VARCHAR NOT NULL,
    ref          VARCHAR NOT NULL,
    as_of        DATE NOT NULL,
    PRIMARY KEY (kind, ref, as_of)
);

-- One row per refresh run.
CREATE TABLE refreshes (
    refresh_id   VARCHAR PRIMARY KEY,
    as_of        DATE NOT NULL,
    mode         VARCHAR NOT NULL,          -- 'refresh', 'as-of', 'backfill', 'segment'
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP NOT NULL,
    customers    BIGINT,
    families     INTEGER,
    segments     INTEGER,
    entered      BIGINT,
    exited       BIGINT
);
