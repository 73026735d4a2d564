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


def register_all(raw, kind: str, names: dict[str, str], params: dict | None = None) -> None:
    """`register` for several refs of `kind` in one statement: `names` is ref -> its query, in the order
    the keys are given in (the same keys as one `register` per ref in that order). A refresh registers
    the groups of every family and of each of its segments: with one statement each, and a key looked
    up and a ref named per segment, 50 segments took 164 small statements (~0.6-0.8 s at 100k customers)."""
    if not names:
        return
    found = "\n        UNION ALL ".join(
        f"SELECT {position} AS position, name FROM ({query}) AS found(name)"
        for position, query in enumerate(names.values())
    )
    raw.execute(
        f"""INSERT INTO {GROUPS}
        SELECT (SELECT coalesce(max(group_key), 0) FROM {GROUPS})
                   + row_number() OVER (ORDER BY position, name),
               $kind, $refs[position + 1], name
        FROM (SELECT DISTINCT position, name FROM ({found}) WHERE name IS NOT NULL) AS n
        WHERE NOT EXISTS (
            SELECT 1 FROM {GROUPS} g
            WHERE g.kind = $kind AND g.ref = $refs[n.position + 1] AND g.group_name = n.name)""",
        {**(params or {}), "kind": kind, "refs": list(names)},
    )


def key(raw, kind: str, ref: str, name: str) -> int:
    """The key of one group, given one if it has none (a segment's one group, 'member')."""
    return keys(raw, kind, [ref], name)[ref]


def keys(raw, kind: str, refs: list[str], name: str) -> dict[str, int]:
    """The keys of the group `name` of each ref, by ref, given in that order to those that have none."""
    register_all(raw, kind, {ref: "SELECT $name" for ref in refs}, {"name": name})
    if not refs:
        return {}
    rows = raw.execute(
        f"SELECT ref, group_key FROM {GROUPS} WHERE kind = $kind AND group_name = $name "
        "AND list_contains($refs, ref)",
        {"kind": kind, "name": name, "refs": list(refs)},
    ).fetchall()
    return {ref: int(found) for ref, found in rows}


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
