-- Campaigns and their delivery (docs/campaigns.md): what is sent to whom, and the outbox that sends it.

-- One row per campaign. variants lists the A/B variant names; holdout_share of the audience gets nothing.
CREATE TABLE campaigns (
    campaign_id       VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL UNIQUE,
    channel           VARCHAR NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
    status            VARCHAR NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'sent')),
    cost_per_message  DECIMAL(18, 4) NOT NULL DEFAULT 0,
    holdout_share     DOUBLE NOT NULL DEFAULT 0.1,
    variants          JSON NOT NULL DEFAULT '["A"]',   -- list of variant names
    attribution_days  INTEGER NOT NULL DEFAULT 14,
    created_at        TIMESTAMP NOT NULL,
    launched_at       TIMESTAMP,                        -- when the first send started
    settings          JSON                              -- segments targeted, seed, sender, ...
);

-- The message template for each target (a segment name, or a persona / cluster name) and variant.
CREATE TABLE campaign_messages (
    campaign_id  VARCHAR NOT NULL,
    target       VARCHAR NOT NULL,
    variant      VARCHAR NOT NULL,
    subject      VARCHAR,                               -- NULL for SMS
    body         VARCHAR NOT NULL,                      -- Jinja template text (rendered sandboxed)
    PRIMARY KEY (campaign_id, target, variant)
);

-- Every targeted customer, holdout included: one row per customer per campaign, so nobody is messaged
-- twice in one campaign. arm = 'holdout' or a variant name.
CREATE TABLE campaign_recipients (
    campaign_id  VARCHAR NOT NULL,
    customer_id  VARCHAR NOT NULL,
    segment      VARCHAR NOT NULL,                      -- the target the customer was reached through
    arm          VARCHAR NOT NULL,
    assigned_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);

-- Rendered messages waiting to go, and what became of them. A message is 'sending' from just before its
-- network exchange until it is 'sent' or 'failed'; handed_over_at is set just before the last byte that
-- commits it at the server (SMTP's end-of-data dot, the last byte of a webhook body). A 'sending' message
-- without handed_over_at never reached the server and is sent again on resume; one with it may have
-- reached it, so a resume leaves it alone (reported as uncertain) instead of sending it twice.
CREATE TABLE outbox (
    message_id      VARCHAR PRIMARY KEY,                -- also the SMTP Message-ID / webhook Idempotency-Key
    campaign_id     VARCHAR NOT NULL,
    customer_id     VARCHAR NOT NULL,
    channel         VARCHAR NOT NULL,
    address         VARCHAR NOT NULL,                   -- email address or E.164 phone
    variant         VARCHAR NOT NULL,
    subject         VARCHAR,
    body            VARCHAR NOT NULL,
    state           VARCHAR NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      VARCHAR,
    queued_at       TIMESTAMP NOT NULL,
    handed_over_at  TIMESTAMP,
    sent_at         TIMESTAMP,
    UNIQUE (campaign_id, customer_id)
);

-- Every delivery attempt: the outbox row says where a message stands, this says how it got there.
CREATE TABLE delivery_log (
    message_id   VARCHAR NOT NULL,
    attempt      INTEGER NOT NULL,
    logged_at    TIMESTAMP NOT NULL,
    outcome      VARCHAR NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed', 'requeued', 'uncertain')),
    detail       VARCHAR                                -- server reply or error
);
