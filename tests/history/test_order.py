"""The membership history kept in customer order: refreshes append their moves (small sorted batches);
once that tail is long enough the refresh rewrites the history sorted, rows unchanged."""

from __future__ import annotations

import datetime as dt
import shutil

from segmint import Workspace, build_demo, refresh
from segmint.store import order

DATES = (dt.date(2025, 6, 30), dt.date(2025, 9, 30), dt.date(2025, 12, 31))
HISTORY = "SELECT kind, ref, group_name, customer_id, valid_from, valid_to FROM membership_history"


def in_rowid_order(ws) -> list[str]:
    return [
        row[0]
        for row in ws.raw.execute("SELECT customer_id FROM membership_history ORDER BY rowid").fetchall()
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
        assert ws.raw.execute("SELECT in_order_rows FROM table_order").fetchall() == [(total,)]
        for day in DATES[1:]:
            refresh(ws, as_of=day)
            assert in_rowid_order(ws) == sorted(in_rowid_order(ws))
        assert sorted(ws.raw.execute(HISTORY).fetchall()) == kept
        (total,) = ws.raw.execute("SELECT count(*) FROM membership_history").fetchone()
        assert ws.raw.execute(
            "SELECT in_order_rows FROM table_order WHERE table_name = 'membership_history'"
        ).fetchall() == [(total,)]
