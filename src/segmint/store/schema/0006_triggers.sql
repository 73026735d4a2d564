-- Triggers and automations (docs/triggers.md): "when a customer enters / exits a segment, or an event of a
-- type is imported, after a delay, do an action", and every firing of them.

CREATE TABLE triggers (
    trigger_id     VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL UNIQUE,
    on_what        VARCHAR NOT NULL CHECK (on_what IN ('enter', 'exit', 'event')),
    target         VARCHAR NOT NULL,        -- as given: a segment name, family:group, or an event type
    ref_kind       VARCHAR,                 -- membership_history.kind ('segment' or 'family'); NULL for events
    ref            VARCHAR,                 -- membership_history.ref (segment_id or family name)
    group_name     VARCHAR,                 -- membership_history.group_name ('member' for a segment)
    delay_seconds  BIGINT NOT NULL DEFAULT 0 CHECK (delay_seconds >= 0),
    action         VARCHAR NOT NULL CHECK (action IN ('message', 'webhook', 'tag', 'static_segment')),
    params         JSON NOT NULL,           -- campaign / url + secret / tag / segment, by action
    since          TIMESTAMP,               -- entries and exits dated after this day, events imported after
                                            -- this time count; NULL: all of them
    enabled        BOOLEAN NOT NULL DEFAULT true,
    created_at     TIMESTAMP NOT NULL
);

-- One row per (trigger, customer, entry): a trigger fires at most once per customer per entry. The entry
-- is the membership interval's valid_from (for enter and exit triggers alike) or the event's event_id.
CREATE TABLE trigger_firings (
    firing_id    VARCHAR PRIMARY KEY,       -- stable per (trigger, customer, entry); the webhook Idempotency-Key
    trigger_id   VARCHAR NOT NULL,
    customer_id  VARCHAR NOT NULL,
    entry_key    VARCHAR NOT NULL,
    occurred_at  TIMESTAMP NOT NULL,        -- day entered, day exited, or the event's time
    due_at       TIMESTAMP NOT NULL,        -- occurred_at + the trigger's delay
    state        VARCHAR NOT NULL DEFAULT 'due' CHECK (state IN ('due', 'done', 'failed', 'pending')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    detail       VARCHAR,                   -- what the action answered, the last error, or why pending
    recorded_at  TIMESTAMP NOT NULL,
    executed_at  TIMESTAMP,
    UNIQUE (trigger_id, customer_id, entry_key)
);
