"""Write one snapshot of membership into the interval history, wherever its date falls.

A snapshot says who was in each group of some families and segments ("refs") on one date. Membership
holds from a snapshot's date until the ref's next snapshot, so writing a snapshot at `day` assigns the
range [day, next) of each ref: intervals are cut there, the new members' intervals put in, and touching
intervals joined, so the history is always exactly what refreshing at every snapshot date in order would
have written (also when `day` falls between earlier snapshots, or repeats one).

These are bulk set statements over temp tables, never a loop over customers. Every INSERT is ordered
by customer_id, so each batch of rows lies in customer order and DuckDB's per-row-group min/max
(zone maps) let a lookup of one customer's history (the API's profile) skip nearly all of the table: at
1M customers (16M rows) ~4 ms instead of ~240 ms for a full scan, for ~2 s more on a first refresh.
The caller fills:

    seg_refs(kind, ref)                    every ref computed on `day` (also the empty ones)
    seg_snapshot(group_key, customer_id)   their members on `day`, by the key of their group (groups.py)

`diff_from_history` finds who differs by joining the history with the snapshot; state.py finds the same
rows from the last refresh's wide results, far more cheaply, when it can (restricted to the recomputed
customers after an incremental refresh); `apply` writes them. Both make seg_diff: the entity, and for a
leaver the interval it leaves and that history row's rowid (history_row), NULLs for an entry. The rows
are membership_intervals' (group_key, customer_id, valid_from, valid_to); the view membership_history
names their groups for the readers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from segmint.history.groups import GROUPS, INTERVALS, key, of_refs
from segmint.store.order import insert_if_any, insert_in_order

ENTITY = ("group_key", "customer_id")
_TEMP = (
    "seg_refs",
    "seg_snapshot",
    "seg_next",
    "seg_diff",
    "seg_exits",
    "seg_entries",
    "seg_moves",
    "seg_changes",
)


def create_inputs(raw: duckdb.DuckDBPyConnection, *, snapshot: bool = True) -> None:
    """Empty seg_refs, and an empty seg_snapshot table unless the caller makes it a view."""
    drop_inputs(raw)
    raw.execute("CREATE TEMP TABLE seg_refs (kind VARCHAR, ref VARCHAR)")
    if snapshot:
        raw.execute("CREATE TEMP TABLE seg_snapshot (group_key INTEGER, customer_id VARCHAR)")


def static_lists(raw: duckdb.DuckDBPyConnection, segment_ids: list[str], group: str) -> None:
    """seg_refs and seg_snapshot made anew with these static segments' lists (segment_members) as they
    stand, each in its one group `group` (segments.model.MEMBER_GROUP)."""
    create_inputs(raw)
    for segment_id in segment_ids:
        raw.execute("INSERT INTO seg_refs VALUES ('segment', ?)", [segment_id])
        raw.execute(
            "INSERT INTO seg_snapshot SELECT ?, customer_id FROM segment_members WHERE segment_id = ?",
            [key(raw, "segment", segment_id, group), segment_id],
        )


def drop_inputs(raw: duckdb.DuckDBPyConnection) -> None:
    """Drop the splice's temp tables and views."""
    found = raw.execute(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_catalog = 'temp' AND starts_with(table_name, 'seg_')"
    ).fetchall()
    for name, kind in found:  # views first: they read the tables
        if kind == "VIEW" and name in _TEMP:
            raw.execute(f'DROP VIEW temp."{name}"')
    for name, kind in found:
        if kind != "VIEW" and name in _TEMP:
            raw.execute(f'DROP TABLE temp."{name}"')


@dataclass(frozen=True)
class Spliced:
    entered: int
    exited: int


def _same(left: str, right: str) -> str:
    return " AND ".join(f"{left}.{c} = {right}.{c}" for c in ENTITY)


def splice(raw: duckdb.DuckDBPyConnection, day: dt.date) -> Spliced:
    """Put the snapshot in seg_refs/seg_snapshot into membership_history as of `day` (in the caller's
    transaction)."""
    diff_from_history(raw, day)
    return apply(raw, day)


def diff_from_history(raw: duckdb.DuckDBPyConnection, day: dt.date) -> None:
    """seg_diff: who differs between the history on `day` and the snapshot, for the refs in seg_refs.

    Membership as the history had it on `day` (constant from `day` to the next snapshot) against the
    snapshot: one full outer join keeps only who differs (the snapshot is read once: it may be a view).
    state.py gets the same rows far more cheaply when the last refresh's results are at hand."""
    raw.execute(
        f"""CREATE OR REPLACE TEMP TABLE seg_diff AS
        WITH old AS (
            SELECT h.*, h.rowid AS history_row FROM {INTERVALS} h
            WHERE h.group_key IN ({of_refs()})
              AND h.valid_from <= $day AND (h.valid_to IS NULL OR h.valid_to > $day))
        SELECT {", ".join(f"coalesce(o.{c}, s.{c}) AS {c}" for c in ENTITY)},
               o.valid_from, o.valid_to, o.customer_id IS NULL AS entering, o.history_row
        FROM old o FULL OUTER JOIN seg_snapshot s ON {_same("o", "s")}
        WHERE o.customer_id IS NULL OR s.customer_id IS NULL""",
        {"day": day},
    )


def first_snapshot(raw: duckdb.DuckDBPyConnection, day: dt.date, in_order: str) -> Spliced:
    """Write seg_snapshot for refs computed for the first time (no snapshot and no history at all):
    every member enters on `day`, open-ended, which is what diff_from_history + apply write for them,
    without joining the history. At 1M customers that join cost 211 s of a 425 s first refresh (16M
    history rows); this is one INSERT (benchmarks/refresh_bench.py). `in_order`: a query giving
    seg_snapshot's rows already in customer order (evaluate.snapshot_in_order), so they are not sorted."""
    entered = insert_if_any(
        raw,
        INTERVALS,
        f"SELECT group_key, customer_id, $day, NULL FROM ({in_order})",
        {"day": day},
        same_rows="SELECT * FROM seg_snapshot",
    )
    raw.execute(
        "INSERT INTO membership_snapshots SELECT kind, ref, $day FROM seg_refs ON CONFLICT DO NOTHING",
        {"day": day},
    )
    return Spliced(int(entered), 0)


def never_recorded(raw: duckdb.DuckDBPyConnection, refs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The refs with no snapshot and no history row: first_snapshot may write them."""
    if not refs:
        return set()
    kinds, names = [kind for kind, _ in refs], [ref for _, ref in refs]
    recorded = raw.execute(
        """WITH wanted AS (SELECT unnest($kinds) AS kind, unnest($names) AS ref)
        SELECT kind, ref FROM wanted w WHERE EXISTS (
            SELECT 1 FROM membership_snapshots s WHERE s.kind = w.kind AND s.ref = w.ref)
        OR EXISTS (SELECT 1 FROM membership_history h WHERE h.kind = w.kind AND h.ref = w.ref)""",
        {"kinds": kinds, "names": names},
    ).fetchall()
    return set(refs) - {(kind, ref) for kind, ref in recorded}


def apply(raw: duckdb.DuckDBPyConnection, day: dt.date) -> Spliced:
    """Write seg_diff (entity, the interval covering `day` for a leaver, entering) into the history for
    the refs in seg_refs, and record `day` as their snapshot."""
    # Each group's ref's next snapshot after `day` (NULL: none, the new membership is open-ended).
    raw.execute(
        f"""CREATE OR REPLACE TEMP TABLE seg_next AS
        SELECT g.group_key, min(s.as_of) AS next_date
        FROM (SELECT * FROM {GROUPS} WHERE group_key IN ({of_refs()})) g
        LEFT JOIN membership_snapshots s ON s.kind = g.kind AND s.ref = g.ref AND s.as_of > $day
        GROUP BY g.group_key""",
        {"day": day},
    )
    (later,) = raw.execute("SELECT count(next_date) FROM seg_next").fetchone()
    raw.execute(
        """CREATE OR REPLACE TEMP TABLE seg_exits AS
        SELECT d.* EXCLUDE (entering), n.next_date FROM seg_diff d JOIN seg_next n USING (group_key)
        WHERE NOT d.entering"""
    )
    raw.execute(
        """CREATE OR REPLACE TEMP TABLE seg_entries AS
        SELECT d.* EXCLUDE (entering, valid_from, valid_to, history_row), n.next_date
        FROM seg_diff d JOIN seg_next n USING (group_key) WHERE d.entering"""
    )
    # Exits: the interval covering `day` keeps its part before `day` and its part from the next snapshot.
    # Deleted by the rowid the diff found it at (stable within the transaction): half the time of a
    # join on the key columns (~0.2 s for 60k exits from 16M rows, measured with the named history)
    raw.execute(f"DELETE FROM {INTERVALS} WHERE rowid IN (SELECT history_row FROM seg_exits)")
    insert_in_order(
        raw,
        INTERVALS,
        """SELECT group_key, customer_id, valid_from, $day FROM seg_exits WHERE valid_from < $day
        UNION ALL
        SELECT group_key, customer_id, next_date, valid_to FROM seg_exits
        WHERE next_date IS NOT NULL AND (valid_to IS NULL OR valid_to > next_date)""",
        {"day": day},
    )
    # Entries: [day, next), joined with an interval ending on `day` and one starting at the next snapshot
    # (there is none when no ref has a later snapshot: the common case skips that join).
    right = (
        f"LEFT JOIN {INTERVALS} r ON {_same('r', 'e')} AND r.valid_from = e.next_date"
        if later
        else "LEFT JOIN (SELECT NULL::DATE AS valid_from, NULL::DATE AS valid_to) r ON false"
    )
    raw.execute(
        f"""CREATE OR REPLACE TEMP TABLE seg_entries AS
        SELECT e.group_key, e.customer_id,
               coalesce(l.valid_from, $day) AS valid_from,
               CASE WHEN e.next_date IS NULL THEN NULL
                    WHEN r.valid_from IS NOT NULL THEN r.valid_to
                    ELSE e.next_date END AS valid_to,
               l.valid_from AS left_from, r.valid_from AS right_from
        FROM seg_entries e
        LEFT JOIN (SELECT * FROM {INTERVALS} WHERE valid_to = $day) l ON {_same("l", "e")}
        {right}""",
        {"day": day},
    )
    for side in ("left_from", "right_from") if later else ("left_from",):
        raw.execute(
            f"DELETE FROM {INTERVALS} h USING seg_entries e "
            f"WHERE e.{side} IS NOT NULL AND {_same('h', 'e')} AND h.valid_from = e.{side}"
        )
    insert_in_order(
        raw,
        INTERVALS,
        "SELECT group_key, customer_id, valid_from, valid_to FROM seg_entries",
    )
    raw.execute(
        "INSERT INTO membership_snapshots SELECT kind, ref, $day FROM seg_refs ON CONFLICT DO NOTHING",
        {"day": day},
    )
    (entered,) = raw.execute("SELECT count(*) FROM seg_entries").fetchone()
    (exited,) = raw.execute("SELECT count(*) FROM seg_exits").fetchone()
    return Spliced(int(entered), int(exited))
