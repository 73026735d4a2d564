-- Merge the intervals of one membership (kind, ref, group_name, customer_id) that overlap: a customer is
-- in a group on a day or not, so overlapping intervals say the same days twice and their union is what
-- they mean. segmint never writes them, but before store/order.py's insert_in_order a DuckDB 1.5.6 bug
-- could: a large sorted INSERT after an empty one in the same transaction was invisible until the next
-- checkpoint, so a refresh in the same process as a segment's creation (the API server, a script) saw
-- no members and recorded them all again (measured: 783,951 doubled memberships at 1M customers).
-- Intervals that only touch (one ends the day the next starts) are left as they are.
CREATE OR REPLACE TEMP TABLE _history_overlapping AS
SELECT DISTINCT kind, ref, group_name, customer_id FROM (
    SELECT kind, ref, group_name, customer_id, valid_from,
           max(coalesce(valid_to, DATE '9999-12-31')) OVER (
               PARTITION BY kind, ref, group_name, customer_id ORDER BY valid_from, valid_to NULLS LAST
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM membership_history)
WHERE valid_from < reach;

CREATE OR REPLACE TEMP TABLE _history_merged AS
WITH reaching AS (
    SELECT h.*, max(coalesce(h.valid_to, DATE '9999-12-31')) OVER (
               PARTITION BY kind, ref, group_name, customer_id ORDER BY valid_from, valid_to NULLS LAST
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM membership_history h SEMI JOIN _history_overlapping USING (kind, ref, group_name, customer_id)),
islands AS (
    SELECT *, sum(CASE WHEN reach IS NULL OR valid_from >= reach THEN 1 ELSE 0 END) OVER (
               PARTITION BY kind, ref, group_name, customer_id ORDER BY valid_from, valid_to NULLS LAST
               ROWS UNBOUNDED PRECEDING) AS island
    FROM reaching)
SELECT kind, ref, group_name, customer_id, min(valid_from) AS valid_from,
       CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END AS valid_to
FROM islands GROUP BY kind, ref, group_name, customer_id, island;

DELETE FROM membership_history h USING _history_overlapping o
WHERE h.kind = o.kind AND h.ref = o.ref AND h.group_name = o.group_name AND h.customer_id = o.customer_id;

-- no ORDER BY: an empty sorted INSERT is what the bug needs (the rows are few; the refresh's
-- store.order.keep_in_order puts a long tail back in customer order)
INSERT INTO membership_history SELECT kind, ref, group_name, customer_id, valid_from, valid_to
FROM _history_merged;

DROP TABLE _history_merged;
DROP TABLE _history_overlapping;
