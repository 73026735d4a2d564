"""build_demo: a ready workspace holding exactly the generated shop, and its recorded truth."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pytest

from segmint import Workspace, WorkspaceError, build_demo
from segmint.demo import BuyingProcess, generate_shop
from segmint.demo.build import TRUTH_FILE

N = 1_500
KEYS = {
    "customers": "customer_id", "orders": "order_id", "order_items": "order_id, line_no",
    "events": "event_id",
    "products": "product_id", "categories": "category_id", "demo_customer_truth": "customer_id",
    "demo_duplicates": "customer_id", "customer_ids": "source, source_id",
}  # fmt: skip


def stored(path, name: str) -> pa.Table:
    """A table as stored, in key order."""
    with Workspace.open(path, read_only=True) as ws:
        return ws.raw.execute(f'SELECT * FROM "{name}" ORDER BY {KEYS[name]}').to_arrow_table()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "ws"
    return path, build_demo(path, n_customers=N, seed=5)


def test_the_store_holds_exactly_the_generated_shop(demo):
    path, summary = demo
    shop = generate_shop(N, seed=5)
    assert summary.customers == N == shop.customers.num_rows
    assert summary.orders == shop.orders.num_rows and summary.events == shop.events.num_rows
    assert summary.order_items == shop.order_items.num_rows
    for name, key in [("orders", "order_id"), ("customers", "customer_id"), ("events", "event_id")]:
        mine = stored(path, name)
        theirs = getattr(shop, name).sort_by(key)
        assert mine.num_rows == theirs.num_rows
        for column in ["customer_id", "status", "email", "event_type", "nps_score", "city"]:
            if column in theirs.column_names:
                assert mine[column].to_pylist() == theirs[column].to_pylist(), (name, column)
        for column in ["total", "discount", "ordered_at", "occurred_at", "birth_date", "interests"]:
            if column in theirs.column_names:
                assert mine[column].to_pylist() == theirs[column].to_pylist(), (name, column)
    assert stored(path, "customer_ids").num_rows == N
    assert stored(path, "demo_customer_truth").num_rows == shop.customer_truth.num_rows
    assert stored(path, "demo_duplicates")["customer_id"].to_pylist() == sorted(
        shop.duplicates["customer_id"].to_pylist()
    )


def test_summary_reports_what_landed(demo):
    _, s = demo
    assert s.revenue > 0 and s.currency == "UAH"
    assert sum(s.orders_by_status.values()) == s.orders
    assert sum(s.events_by_type.values()) == s.events
    assert len(s.categories) >= 8
    assert s.first_order < s.last_order
    assert s.duplicate_records == round(N * 0.015)


def test_truth_is_recorded_in_the_workspace(demo):
    path, summary = demo
    truth = json.loads((path / TRUTH_FILE).read_text(encoding="utf-8"))
    assert truth == summary.truth
    process = BuyingProcess()
    assert truth["bg_nbd"] == {"r": process.r, "alpha": process.alpha, "a": process.a, "b": process.b}
    assert truth["gamma_gamma"] == {"p": process.p, "q": process.q, "gamma": process.gamma}
    assert truth["time_unit_days"] == 7 and truth["seed"] == 5
    assert (truth["observation_start"], truth["observation_end"]) == ("2023-01-01", "2025-12-31")
    with Workspace.open(path, read_only=True) as ws:
        assert ws.settings.reference_date == dt.date(2026, 1, 1)  # recency is measured from the window's end


def test_two_builds_with_the_same_seed_are_identical(demo, tmp_path):
    path, _ = demo
    build_demo(tmp_path / "again", n_customers=N, seed=5)
    build_demo(tmp_path / "other", n_customers=N, seed=6)
    for name in KEYS:
        assert stored(tmp_path / "again", name).equals(stored(path, name)), name
    assert not stored(tmp_path / "other", "orders").equals(stored(path, "orders"))


def test_refuses_a_non_empty_folder_and_leaves_it_alone(tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="not empty"):
        build_demo(target, n_customers=200)
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_an_empty_folder_is_fine_and_tiny_shops_are_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    assert build_demo(tmp_path / "empty", n_customers=300).customers == 300
    with pytest.raises(WorkspaceError, match="at least 100"):
        build_demo(tmp_path / "tiny", n_customers=10)
    assert not (tmp_path / "tiny").exists()
