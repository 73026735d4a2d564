-- Rewrite the membership history in customer order (segmint now writes every batch of it so). DuckDB keeps
-- the min and max of each column per row group, so a lookup of one customer's history (the API's profile)
-- then reads one row group instead of the whole table: at 1M customers / 16M rows ~4 ms instead of ~240 ms.
CREATE TABLE membership_history_in_order (
    kind         VARCHAR NOT NULL,
    ref          VARCHAR NOT NULL,
    group_name   VARCHAR NOT NULL,
    customer_id  VARCHAR NOT NULL,
    valid_from   DATE NOT NULL,
    valid_to     DATE
);
INSERT INTO membership_history_in_order
SELECT kind, ref, group_name, customer_id, valid_from, valid_to FROM membership_history
ORDER BY customer_id, kind, ref, valid_from;
DROP TABLE membership_history;
ALTER TABLE membership_history_in_order RENAME TO membership_history;
