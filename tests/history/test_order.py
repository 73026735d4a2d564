"""The membership history kept in customer order: refreshes append their moves (small sorted batches);
once that tail is long enough the refresh rewrites the history sorted, rows unchanged."""

from __future__ import annotations

import datetime as dt
import shutil

from segmint import Workspace, build_demo, refresh
from segmint.history import groups
from segmint.history.splice import create_inputs, drop_inputs, splice
from segmint.store import order

DATES = (dt.date(2025, 6, 30), dt.date(2025, 9, 30), dt.date(2025, 12, 31))
HISTORY = "SELECT kind, ref, group_name, customer_id, valid_from, valid_to FROM membership_history"


def in_rowid_order(ws) -> list[str]:
    return [
        row[0]
        for row in ws.raw.execute("SELECT customer_id FROM membership_intervals ORDER BY rowid").fetchall()
    ]


def test_a_tail_of_moves_gets_the_history_rewritten_in_customer_order(tmp_path, monkeypatch):
    build_demo(tmp_path / "kept", n_customers=600, seed=4)
    shutil.copytree(tmp_path / "kept", tmp_path / "sorted")
    with Workspace.open(tmp_path / "kept") as ws:  # the default thresholds: far from a rewrite
        for day in DATES:
            refresh(ws, as_of=day)
        kept, kept_order = sorted(ws.raw.execute(HISTORY).fetchall()), in_rowid_order(ws)
    assert kept_order != sorted(kept_order)  # the moves went in after the first refresh's rows

    monkeypatch.setattr(order, "MIN_TAIL", 1)
    monkeypatch.setattr(order, "TAIL_SHARE", 0.001)
    with Workspace.open(tmp_path / "sorted") as ws:
        refresh(ws, as_of=DATES[0])  # the first refresh: one sorted batch, nothing to rewrite
        (total,) = ws.raw.execute("SELECT count(*) FROM membership_history").fetchone()
        assert ws.raw.execute(
            "SELECT in_order_rows FROM table_order WHERE table_name = 'membership_intervals'"
        ).fetchall() == [(total,)]
        for day in DATES[1:]:
            refresh(ws, as_of=day)
            assert in_rowid_order(ws) == sorted(in_rowid_order(ws))
        assert sorted(ws.raw.execute(HISTORY).fetchall()) == kept
        (total,) = ws.raw.execute("SELECT count(*) FROM membership_history").fetchone()
        assert ws.raw.execute(
            "SELECT in_order_rows FROM table_order WHERE table_name = 'membership_intervals'"
        ).fetchall() == [(total,)]


def test_a_large_entry_after_no_exits_is_stored_and_seen(tmp_path):
    """A segment whose first evaluation has ~130k members (more than one DuckDB row group) and no leavers:
    splice.apply writes no exit rows, then the entries. DuckDB 1.5.6 lost track of a large sorted INSERT
    that followed an empty sorted INSERT into the same table in one transaction (its rows were invisible
    after the commit, a DELETE passed them over, a checkpoint brought them back); the history must hold
    exactly the members, and deleting them must leave none."""
    members = 130_000
    with Workspace.init(tmp_path / "ws") as ws:
        with ws.transaction() as raw:
            create_inputs(raw)
            raw.execute("INSERT INTO seg_refs VALUES ('segment', 'big')")
            raw.execute(
                "INSERT INTO seg_snapshot "
                "SELECT $key, 'C' || lpad(CAST(i AS VARCHAR), 7, '0') FROM range($n) r(i)",
                {"n": members, "key": groups.key(raw, "segment", "big", "member")},
            )
            done = splice(raw, dt.date(2025, 12, 31))
            drop_inputs(raw)
        assert (done.entered, done.exited) == (members, 0)
        (stored,) = ws.raw.execute("SELECT count(*) FROM membership_history").fetchone()
        assert stored == members
        with ws.transaction() as raw:
            raw.execute("DELETE FROM membership_intervals")
        ws.raw.execute("CHECKPOINT")
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.raw.execute("SELECT count(*) FROM membership_history").fetchone() == (0,)


def test_moves_of_a_family_after_one_without_moves_are_all_found(tmp_path):
    """state.diff adds each ref's moves with an INSERT of its own: a ref with none (an empty INSERT)
    before one with 130k moves (more than a row group) must not hide them (the DuckDB 1.5.6 bug that
    store.order.insert_if_any steps around; before it, 0 of the 260k moves were seen)."""
    from segmint.families.features import Family
    from segmint.history import state
    from segmint.history.evaluate import Computed

    with Workspace.init(tmp_path / "ws") as ws, ws.transaction() as raw:
        wide = "SELECT 'C' || lpad(i::VARCHAR, 7, '0') AS customer_id, 'same' AS steady, {} AS moving "
        raw.execute(f"CREATE TABLE features AS {wide.format(repr('low'))} FROM range(130000) t(i)")
        raw.execute(f"CREATE TEMP TABLE recomputed AS {wide.format(repr('high'))} FROM range(130000) t(i)")
        families = {"steady": Family("steady", None), "moving": Family("moving", None)}
        computed = Computed(DATES[0], "recomputed", families)
        state.diff(raw, computed, {("family", "steady"), ("family", "moving")})
        moves = "SELECT ref, group_name, entering, count(*) FROM seg_moves GROUP BY ALL ORDER BY ALL"
        expected = [("moving", "high", True, 130_000), ("moving", "low", False, 130_000)]
        assert raw.execute(moves).fetchall() == expected


def test_a_first_snapshot_writes_its_members_in_customer_order_without_sorting_them_all(tmp_path):
    """splice.first_snapshot takes the rows sorted per customer from the wide tables
    (evaluate.snapshot_in_order) instead of sorting every history row: the rows must be those of
    seg_snapshot, and lie in customer order across row groups (130k customers, ~3 rows each)."""
    from segmint.families.features import Family
    from segmint.history.evaluate import Computed, snapshot, snapshot_in_order
    from segmint.history.splice import first_snapshot
    from segmint.segments.model import Segment

    n = 130_000
    ids = "'C' || lpad(CAST(hash(i) % 10000000 AS VARCHAR), 7, '0') || i::VARCHAR"  # not in range order
    with Workspace.init(tmp_path / "ws") as ws, ws.transaction() as raw:
        raw.execute(
            f"CREATE TABLE wide_features AS SELECT {ids} AS customer_id, "
            "CASE WHEN i % 3 = 0 THEN NULL ELSE ['low', 'high'][i % 2 + 1] END AS level, "
            "['a', 'b', 'c', 'd'][i % 4 + 1] AS kind_of "
            f"FROM range({n}) t(i)"
        )
        raw.execute(
            f"CREATE TABLE wide_results AS SELECT {ids} AS customer_id, i % 5 = 0 AS s_big, "
            f"i % 7 = 0 AS s_odd FROM range({n}) t(i) ORDER BY random()"
        )
        families = {"level": Family("level", None), "kind_of": Family("kind_of", None)}
        segments = [
            Segment(segment_id=column, name=column, kind="dynamic", rule="true")
            for column in ("big", "odd")
        ]
        computed = Computed(DATES[0], "wide_features", families, "wide_results", segments)
        refs = set(computed.refs())
        keys = snapshot(raw, computed, refs)
        expected = sorted(raw.execute("SELECT group_key, customer_id FROM seg_snapshot").fetchall())
        done = first_snapshot(raw, DATES[0], snapshot_in_order(computed, refs, keys))
        stored = raw.execute(
            "SELECT group_key, customer_id, valid_from, valid_to FROM membership_intervals ORDER BY rowid"
        ).fetchall()
    assert done.entered == len(stored) == len(expected) > 250_000  # more than two row groups
    assert sorted((key, customer) for key, customer, _, _ in stored) == expected
    assert {(start, end) for _, _, start, end in stored} == {(DATES[0], None)}
    customers = [customer for _, customer, _, _ in stored]
    assert customers == sorted(customers)
