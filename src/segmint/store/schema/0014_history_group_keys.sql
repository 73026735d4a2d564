-- The membership history keeps a small number per (kind, ref, group_name) instead of the three names on
-- each of its rows. A first refresh of 1M customers writes ~16M history rows; with the three names each
-- that INSERT cost ~13 s of the ~50 s refresh (compressing three text columns), with one INTEGER a few
-- seconds. `membership_history` stays, as a view with the same columns, for everything that reads it.
CREATE TABLE membership_groups (
    group_key   INTEGER PRIMARY KEY,
    kind        VARCHAR NOT NULL,           -- 'family' or 'segment'
    ref         VARCHAR NOT NULL,           -- family name or segment_id
    group_name  VARCHAR NOT NULL,           -- the family's group; 'member' for a segment
    UNIQUE (kind, ref, group_name)
);

INSERT INTO membership_groups
SELECT row_number() OVER (ORDER BY kind, ref, group_name), kind, ref, group_name
FROM (SELECT DISTINCT kind, ref, group_name FROM membership_history);

-- One row per stay of a customer in a group: from valid_from (a snapshot date) until valid_to (NULL: open).
CREATE TABLE membership_intervals (
    group_key    INTEGER NOT NULL,
    customer_id  VARCHAR NOT NULL,
    valid_from   DATE NOT NULL,
    valid_to     DATE
);

INSERT INTO membership_intervals
SELECT g.group_key, h.customer_id, h.valid_from, h.valid_to
FROM membership_history h JOIN membership_groups g USING (kind, ref, group_name)
ORDER BY h.customer_id;

DROP TABLE membership_history;

CREATE VIEW membership_history AS
SELECT g.kind, g.ref, g.group_name, i.customer_id, i.valid_from, i.valid_to
FROM membership_intervals i JOIN membership_groups g USING (group_key);

UPDATE table_order SET table_name = 'membership_intervals' WHERE table_name = 'membership_history';
