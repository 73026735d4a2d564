-- The address each step of a message's delivery concerned: where an attempt went (sent, retry, failed,
-- uncertain), where a message the check before sending moved it to goes now (requeued, its detail naming
-- the address it was queued for), or what a skipped one would have gone to. A queued message follows its
-- customer's address of the time it is sent (campaigns/outbox.recheck), and the outbox row keeps only the
-- latest, so before this column nothing said that a message queued for one address went to another. Rows
-- logged before it are NULL (their address was the outbox row's). A new column: no rebuild needed.
ALTER TABLE delivery_log ADD COLUMN address VARCHAR;
