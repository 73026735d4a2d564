"""The history's group keys (history/groups.py): given all at once, as one group at a time gives them."""

from __future__ import annotations

import pytest
from tests.recording import recorded
from tests.segments.tinyshop import TODAY

from segmint import refresh, segments
from segmint.history import groups


def _group_statements(ws, extra: int) -> int:
    """The statements giving keys to groups or naming the refs a refresh of the shop with `extra` more
    dynamic segments runs."""
    for number in range(extra):
        segments.create(ws, f"Spent over {number}", f"total_spent > {number * 10}")
    # as in the fixture: the refresh starts from no history (creating a segment recorded its members)
    ws.raw.execute("DELETE FROM membership_intervals; DELETE FROM membership_snapshots")
    with recorded(ws) as statements:
        refresh(ws, as_of=TODAY, incremental=False)
    return sum("membership_groups" in sql or "seg_refs" in sql for sql in statements)


def test_a_refresh_gives_group_keys_in_as_many_statements_however_many_segments(make_shop):
    # one INSERT and one SELECT per segment made 100 statements of ~5-10 ms each at the benchmark's 50
    assert _group_statements(make_shop("few"), 0) == _group_statements(make_shop("many"), 12)


@pytest.mark.parametrize("existing", [[], [("family", "rfm", "Lost"), ("segment", "s2", "member")]])
def test_keys_given_at_once_are_those_given_one_ref_at_a_time(make_shop, existing):
    names = {"rfm": ["Lost", "Champions", None, "At Risk", "Champions"], "lifecycle": ["new", "active"]}
    found = {}
    for way in ("one_at_a_time", "at_once"):
        raw = make_shop(way).raw
        raw.execute("DELETE FROM membership_intervals; DELETE FROM membership_groups")
        for kind, ref, name in existing:
            groups.register(raw, kind, ref, "SELECT $name", {"name": name})
        raw.execute("CREATE TEMP TABLE picked (ref VARCHAR, name VARCHAR)")
        raw.executemany("INSERT INTO picked VALUES (?, ?)", [[r, n] for r, ns in names.items() for n in ns])
        queries = {ref: f"SELECT name FROM picked WHERE ref = '{ref}'" for ref in names}
        if way == "at_once":
            groups.register_all(raw, "family", queries)
            keys = groups.keys(raw, "segment", ["s1", "s2", "s3"], "member")
        else:
            for ref, query in queries.items():
                groups.register(raw, "family", ref, query)
            keys = {}
            for ref in ["s1", "s2", "s3"]:  # what groups.key did before keys()
                groups.register(raw, "segment", ref, "SELECT $name", {"name": "member"})
                keys[ref] = raw.execute(
                    "SELECT group_key FROM membership_groups WHERE kind = 'segment' AND ref = ?", [ref]
                ).fetchone()[0]
        rows = raw.execute("SELECT * FROM membership_groups ORDER BY group_key").fetchall()
        found[way] = (rows, keys)
    assert found["at_once"] == found["one_at_a_time"]
    assert len(found["at_once"][0]) == 3 + 2 + 3  # rfm's three names, lifecycle's two, s1-s3
