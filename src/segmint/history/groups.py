"""The small numbers the history keys its rows by: one per (kind, ref, group_name).

`membership_intervals` holds (group_key, customer_id, valid_from, valid_to); `membership_groups` says what
each group_key is, and the view `membership_history` joins the two back into named rows for every reader
(migration 0014). A refresh of 1M customers writes ~16M interval rows at once: with the three names on
each row, compressing them was ~13 s of a ~50 s refresh; one INTEGER column costs a fraction of that.

A group gets its key the first time something is recorded in it, and keeps it: keys are never reused.
"""

from __future__ import annotations

INTERVALS = "membership_intervals"
GROUPS = "membership_groups"


def register(raw, kind: str, ref: str, names: str, params: dict | None = None) -> None:
    """Give a key to every group name the query `names` (one VARCHAR column, NULLs ignored) returns for
    (kind, ref) that has none yet."""
    raw.execute(
        f"""INSERT INTO {GROUPS}
        SELECT (SELECT coalesce(max(group_key), 0) FROM {GROUPS}) + row_number() OVER (ORDER BY name),
               $kind, $ref, name
        FROM (SELECT DISTINCT name FROM ({names}) AS found(name) WHERE name IS NOT NULL) AS n
        WHERE NOT EXISTS (
            SELECT 1 FROM {GROUPS} g WHERE g.kind = $kind AND g.ref = $ref AND g.group_name = n.name)""",
        {**(params or {}), "kind": kind, "ref": ref},
    )


def key(raw, kind: str, ref: str, name: str) -> int:
    """The key of one group, given one if it has none (a segment's one group, 'member')."""
    register(raw, kind, ref, "SELECT $name", {"name": name})
    (found,) = raw.execute(
        f"SELECT group_key FROM {GROUPS} WHERE kind = ? AND ref = ? AND group_name = ?", [kind, ref, name]
    ).fetchone()
    return int(found)


def of_refs(table: str = "seg_refs") -> str:
    """SQL: the keys of every group of the (kind, ref) rows in `table`."""
    return f"SELECT g.group_key FROM {GROUPS} g SEMI JOIN {table} r ON g.kind = r.kind AND g.ref = r.ref"


def forget(raw, kind: str, ref: str) -> None:
    """Delete the history of (kind, ref): its intervals and its groups' keys."""
    raw.execute(
        f"DELETE FROM {INTERVALS} WHERE group_key IN "
        f"(SELECT group_key FROM {GROUPS} WHERE kind = ? AND ref = ?)",
        [kind, ref],
    )
    raw.execute(f"DELETE FROM {GROUPS} WHERE kind = ? AND ref = ?", [kind, ref])
