-- A queued message that `send` checks again and may no longer send (the customer unsubscribed, withdrew
-- consent, lost the address or was merged away while it waited: campaigns/outbox.recheck) is kept in the
-- outbox as 'skipped', and delivery_log gets a 'skipped' row whose detail is the reason. Before, the row was
-- deleted and nothing was logged (neither CHECK allowed 'skipped'), so nothing showed why a queued customer
-- got no message. DuckDB cannot alter a CHECK constraint: both tables are rebuilt, rows kept in their
-- order (the outbox's rowid is the queue's order).
CREATE TABLE outbox_with_skips (
    message_id      VARCHAR PRIMARY KEY,
    campaign_id     VARCHAR NOT NULL,
    customer_id     VARCHAR NOT NULL,
    channel         VARCHAR NOT NULL,
    address         VARCHAR NOT NULL,
    variant         VARCHAR NOT NULL,
    subject         VARCHAR,
    body            VARCHAR NOT NULL,
    state           VARCHAR NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      VARCHAR,
    queued_at       TIMESTAMP NOT NULL,
    handed_over_at  TIMESTAMP,
    sent_at         TIMESTAMP,
    UNIQUE (campaign_id, customer_id)
);
INSERT INTO outbox_with_skips
SELECT message_id, campaign_id, customer_id, channel, address, variant, subject, body, state, attempts,
       last_error, queued_at, handed_over_at, sent_at
FROM outbox ORDER BY rowid;
DROP TABLE outbox;
ALTER TABLE outbox_with_skips RENAME TO outbox;

CREATE TABLE delivery_log_with_skips (
    message_id   VARCHAR NOT NULL,
    attempt      INTEGER NOT NULL,
    logged_at    TIMESTAMP NOT NULL,
    outcome      VARCHAR NOT NULL
                 CHECK (outcome IN ('sent', 'retry', 'failed', 'requeued', 'uncertain', 'skipped')),
    detail       VARCHAR                                -- server reply, error, or why it was skipped
);
INSERT INTO delivery_log_with_skips
SELECT message_id, attempt, logged_at, outcome, detail FROM delivery_log ORDER BY rowid;
DROP TABLE delivery_log;
ALTER TABLE delivery_log_with_skips RENAME TO delivery_log;
