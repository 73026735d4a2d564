"""Upsert a staged table into a canonical table on its natural key, counting what changed.

Bulk storage is plain DuckDB SQL with quoted identifiers and no user values in the text. The staged rows
are compared with the stored ones by key: new keys are inserted, keys whose values differ are updated in
place (only the columns the file provided, so an import of phones does not erase birth dates), and the
rest are left alone and counted as unchanged. The canonical tables carry no PRIMARY KEY index (see
0001_core.sql): the importer guarantees one row per key, and bulk loading is several times faster.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from segmint.store.order import is_empty


def q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int | None = None  # rows deleted: order lines an order no longer has (replace_children only)

    def to_dict(self) -> dict[str, int]:
        counts = {"inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged}
        return counts if self.removed is None else {**counts, "removed": self.removed}


def upsert(
    con: duckdb.DuckDBPyConnection,
    target: str,
    stage: str,
    key: list[str],
    columns: list[str],
    now: dt.datetime,
    *,
    changed_also: str | None = None,
    want_state: bool = True,
    order_by: str | None = None,
    keep: dict[str, str] | None = None,
    merged: tuple[str, ...] = (),
) -> tuple[Counts, str | None]:
    """Upsert `stage` (one row per key, target column names) into `target`.

    `changed_also` is an optional SQL boolean over `s` (stage) and `t` (target) that marks a key changed
    even when its own columns are equal (orders whose lines changed). Returns the counts and the name of a
    temp table `(key..., _state)` with 'new', 'changed' or 'same' per staged key (None when `want_state`
    is false and the target was empty, so that every key is new). New rows go in ordered by the column
    `order_by` when given (see ingest/pipeline.py: events are stored in customer order). `keep` maps a
    column to an SQL boolean over `s` that is true where the file's value was refused: the stored value
    stays (a typo in a later export must not erase a good e-mail), and that column alone does not make
    the key changed (a column whose `keep` is "true" is only written on new keys). `merged` names JSON
    columns of free attributes a stored key gets merged key by key (_merged_json), not replaced.
    """
    keep = keep or {}
    value = {c: _merged_json(c) if c in merged else f"s.{q(c)}" for c in columns}
    # a new key's attributes without the file's empty cells, as an update leaves them (_merged_json): a
    # stored {"Карта": null} was counted as filled and kept a merge from bringing the duplicate's card
    new = ", ".join(_attributes(f"s.{q(c)}") if c in merged else f"s.{q(c)}" for c in columns)
    # a key is changed when the merge changes what the attributes say (a stored null is no attribute)
    now_is = {c: f"{_attributes(value[c])} IS DISTINCT FROM {_attributes(f't.{q(c)}')}" for c in merged}
    state = f"_segmint_state_{target}"
    join = " AND ".join(f"t.{q(k)} = s.{q(k)}" for k in key)
    values = [c for c in columns if c not in key and keep.get(c) != "true"]  # "true": never updated
    differs = (
        " OR ".join(
            f"({now_is.get(c, f'{value[c]} IS DISTINCT FROM t.{q(c)}')}"
            + (f" AND NOT coalesce({keep[c]}, false))" if c in keep else ")")
            for c in values
        )
        or "false"
    )
    if changed_also:
        differs = f"({differs}) OR ({changed_also})"
    empty = is_empty(con, q(target))
    stamp, now_value = (", imported_at", ", $now") if _stamped(con, target) else ("", "")
    keys = ", ".join(f"s.{q(k)}" for k in key)
    cols = ", ".join(q(c) for c in columns)
    order = f" ORDER BY {q(order_by)}" if order_by else ""
    if empty and not want_state:  # the first import into a table: every key is new, straight in
        (inserted,) = con.execute(
            f"INSERT INTO {q(target)} ({cols}{stamp}) SELECT {new}{now_value} FROM {stage} s{order}",
            {"now": now} if stamp else None,
        ).fetchone()
        return Counts(inserted=inserted), None
    if empty:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {state} AS SELECT {keys}, 'new' AS _state FROM {stage} s")
    else:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {state} AS SELECT {keys}, CASE WHEN t.{q(key[0])} IS "
            f"NULL THEN 'new' "
            f"WHEN {differs} THEN 'changed' ELSE 'same' END AS _state "
            f"FROM {stage} s LEFT JOIN {q(target)} t ON {join}"
        )
    counts = dict(con.execute(f"SELECT _state, count(*) FROM {state} GROUP BY ALL").fetchall())
    result = Counts(counts.get("new", 0), counts.get("changed", 0), counts.get("same", 0))
    if result.updated and values:
        sets = ", ".join(
            f"{q(c)} = CASE WHEN {keep[c]} THEN t.{q(c)} ELSE s.{q(c)} END"
            if c in keep
            else f"{q(c)} = {value[c]}"
            for c in values
        )
        state_join = " AND ".join(f"c.{q(k)} = s.{q(k)}" for k in key)
        con.execute(
            f"UPDATE {q(target)} t SET {sets}{', imported_at = $now' if stamp else ''} FROM {stage} s "
            f"JOIN {state} c ON {state_join} WHERE c._state = 'changed' AND {join}",
            {"now": now} if stamp else None,
        )
    if result.inserted:
        if empty:
            con.execute(
                f"INSERT INTO {q(target)} ({cols}{stamp}) SELECT {new}{now_value} FROM {stage} s{order}",
                {"now": now} if stamp else None,
            )
        else:
            state_join = " AND ".join(f"c.{q(k)} = s.{q(k)}" for k in key)
            con.execute(
                f"INSERT INTO {q(target)} ({cols}{stamp}) SELECT {new}{now_value} "
                f"FROM {stage} s JOIN {state} c ON {state_join} WHERE c._state = 'new'"
                + (f" ORDER BY s.{q(order_by)}" if order_by else ""),
                {"now": now} if stamp else None,
            )
    return result, state


def _merged_json(column: str) -> str:
    """The stored value of a JSON column of free attributes after an import: the file's keys over the
    stored ones (RFC 7396: a key the file leaves empty is removed), the other keys kept. The file's
    object replaced the whole column before, so a file with one extra column erased every attribute an
    earlier file had brought (docs/import.md: only the columns a file provides are updated)."""
    c = q(column)
    merged = f"json_merge_patch(coalesce(t.{c}, '{{}}'::JSON), s.{c})"
    return f"CASE WHEN s.{c} IS NULL THEN t.{c} ELSE {merged} END"


def _attributes(json: str) -> str:
    """The attributes a JSON object says, without its null-valued keys (a first import stored them before
    2026-12-06, and a stored null is no attribute)."""
    return f"json_merge_patch('{{}}'::JSON, {json})"


def _stamped(con: duckdb.DuckDBPyConnection, target: str) -> bool:
    """Whether `target` records when each row was imported (`imported_at`; products do not)."""
    (found,) = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = $t AND column_name = 'imported_at' "
        "AND database_name = current_database() AND schema_name = 'main'",
        {"t": target},
    ).fetchone()
    return bool(found)


def replace_children(
    con: duckdb.DuckDBPyConnection,
    target: str,
    stage: str,
    parent_state: str,
    parent_key: str,
    columns: list[str],
    now: dt.datetime,
) -> Counts:
    """Order lines follow their order: new orders get their lines, changed orders get theirs replaced.

    Counted per changed order: as many lines as it had and still has are updated, the ones it has more
    are inserted, and the ones it no longer has are removed (an order that lost a line was reported as
    "1 updated" alone, and its deleted line nowhere)."""
    cols = ", ".join(q(c) for c in columns)
    s_cols = ", ".join("s." + q(c) for c in columns)
    key = q(parent_key)
    changed = f"(SELECT {key} FROM {parent_state} WHERE _state = 'changed')"
    (replaced, updated, removed) = con.execute(
        f"SELECT coalesce(sum(o.n), 0), coalesce(sum(least(o.n, coalesce(f.n, 0))), 0), "
        f"coalesce(sum(greatest(o.n - coalesce(f.n, 0), 0)), 0) "
        f"FROM (SELECT {key}, count(*) AS n FROM {q(target)} WHERE {key} IN {changed} GROUP BY {key}) o "
        f"LEFT JOIN (SELECT {key}, count(*) AS n FROM {stage} WHERE {key} IN {changed} GROUP BY {key}) f "
        f"USING ({key})"
    ).fetchone()
    if replaced:
        con.execute(
            f"DELETE FROM {q(target)} WHERE {q(parent_key)} IN "
            f"(SELECT {q(parent_key)} FROM {parent_state} WHERE _state = 'changed')"
        )
    (written, unchanged) = con.execute(
        f"SELECT count(*) FILTER (WHERE c._state <> 'same'), count(*) FILTER (WHERE c._state = 'same') "
        f"FROM {stage} s JOIN {parent_state} c USING ({q(parent_key)})"
    ).fetchone()
    con.execute(
        f"INSERT INTO {q(target)} ({cols}, imported_at) SELECT {s_cols}, $now "
        f"FROM {stage} s JOIN {parent_state} c USING ({q(parent_key)}) WHERE c._state <> 'same'",
        {"now": now},
    )
    return Counts(inserted=written - updated, updated=updated, unchanged=unchanged, removed=removed)
