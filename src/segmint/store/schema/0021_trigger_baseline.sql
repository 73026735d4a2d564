-- The entries (exits) a new trigger found dated on the last day its segment was computed: the customers
-- it must not fire for (triggers/model.py create_trigger). Entries are dated by the refresh's day, so a
-- second refresh that same day (an import's) dates its new entries on that day too; comparing days alone
-- skipped them for good, and a trigger made in the morning never fired for the day's entrants. Keyed as
-- trigger_firings is: (trigger, customer, entry_key = the stay's valid_from).
CREATE TABLE IF NOT EXISTS trigger_baseline (
    trigger_id   VARCHAR NOT NULL,
    customer_id  VARCHAR NOT NULL,
    entry_key    VARCHAR NOT NULL
);

-- A trigger made before this skipped every entry dated on its `since` day: those recorded by now stay
-- skipped (the baseline cannot tell the ones it found when made from later ones), so none fires now for
-- a day long past; entries of later refreshes that day are counted from here on.
INSERT INTO trigger_baseline
SELECT t.trigger_id, h.customer_id, CAST(h.valid_from AS VARCHAR)
FROM triggers t
JOIN membership_history h ON h.kind = t.ref_kind AND h.ref = t.ref AND h.group_name = t.group_name
WHERE t.since IS NOT NULL
  AND ((t.on_what = 'enter' AND h.valid_from = CAST(t.since AS DATE))
    OR (t.on_what = 'exit' AND h.valid_to = CAST(t.since AS DATE)));
