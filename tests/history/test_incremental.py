"""The incremental refresh writes exactly what a full refresh writes, on the demo shop: two copies of one
refreshed workspace import the same new rows through the real importer, one refreshes incrementally and
the other recomputes everyone, and every history, snapshot, feature and segment result must be equal."""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.recording import recorded

from segmint import Workspace, build_demo, import_file, refresh, segments
from segmint.history import incremental
from segmint.models.clusters import fit_clusters
from segmint.models.clv import features as clv_features
from segmint.store import order

RULES = {
    "Champions": 'rfm.group = "Champions"',
    "VIP": 'rfm_simple.group = "VIP"',
    "Slipping": 'rfm.group in ("At Risk", "Can\'t Lose Them", "About to Sleep")',
    "Active buyers": 'lifecycle.stage = "active" and orders(within = 90d) >= 1',
    "Hot": 'temperature = "hot"',
    "Fashion": 'bought(category = "fashion", within = 1y) >= 1',
    "Openers": "opened_email(within = 30d)",
    "Big": "total_spent > 3000",
    "Big VIP": 'in_segment("Big") and in_segment("VIP")',
    "Kyiv champions": 'in_segment("Champions") and city = "Київ"',
}
COMPARED = (
    "SELECT * FROM membership_history ORDER BY ALL",
    "SELECT * FROM membership_snapshots ORDER BY ALL",
    "SELECT * FROM features ORDER BY customer_id",
    "SELECT * FROM segment_results ORDER BY customer_id",
    "SELECT kind, ref, as_of FROM membership_state ORDER BY ALL",
)


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """A demo shop with the segments above, refreshed once (the stored results to start from)."""
    path = tmp_path_factory.mktemp("incremental") / "ws"
    build_demo(path, n_customers=1_500, seed=7)
    with Workspace.open(path) as ws:
        for name, rule in RULES.items():
            segments.create(ws, name, rule)
        refresh(ws)
    return path


@pytest.fixture
def pair(refreshed, tmp_path):
    """Two copies of the refreshed shop: (incremental, full)."""
    opened = []
    for name in ("incremental", "full"):
        shutil.copytree(refreshed, tmp_path / name)
        opened.append(Workspace.open(tmp_path / name))
    yield opened
    for ws in opened:
        ws.close()


def new_rows(ws, folder) -> tuple[dict[str, str], set[str]]:
    """New orders (with lines) for 40 customers, prospects among them, an extra line on an old order,
    and new events; as Parquet files for the importer, and the customers they touch."""
    raw = ws.raw
    day = raw.execute("SELECT max(ordered_at) FROM orders").fetchone()[0]
    buyers = [
        r[0] for r in raw.execute("SELECT DISTINCT customer_id FROM orders ORDER BY 1 LIMIT 25").fetchall()
    ]
    prospects = [
        r[0]
        for r in raw.execute(
            "SELECT customer_id FROM customers WHERE merged_into IS NULL AND customer_id NOT IN "
            "(SELECT customer_id FROM orders WHERE customer_id IS NOT NULL) ORDER BY 1 LIMIT 15"
        ).fetchall()
    ]
    who = buyers + prospects
    orders = pa.table(
        {
            "order_id": [f"NEW{i:04d}" for i in range(len(who))],
            "customer_id": who,
            "ordered_at": [day] * len(who),
            "total": [float(500 + 250 * i) for i in range(len(who))],
            "discount": [0.0] * len(who),
            "channel": ["online"] * len(who),
            "status": ["completed"] * len(who),
        }
    )
    old_order, old_customer = raw.execute(
        "SELECT order_id, customer_id FROM orders WHERE customer_id IS NOT NULL AND customer_id NOT IN "
        f"({', '.join('?' for _ in who)}) ORDER BY order_id LIMIT 1",
        who,
    ).fetchone()
    (line,) = raw.execute(
        "SELECT max(line_no) + 1 FROM order_items WHERE order_id = ?", [old_order]
    ).fetchone()
    items = pa.table(
        {
            "order_id": [*orders["order_id"].to_pylist(), old_order],
            "line_no": [1] * len(who) + [line],
            "product_name": ["Сукня"] * (len(who) + 1),
            "category": ["fashion"] * (len(who) + 1),
            "quantity": [1.0] * (len(who) + 1),
            "unit_price": [*orders["total"].to_pylist(), 99.0],
        }
    )
    openers = who[:10]
    events = pa.table(
        {
            "event_id": [f"NEWEV{i}" for i in range(len(openers))],
            "customer_id": openers,
            "event_type": ["email_open"] * len(openers),
            "occurred_at": [day] * len(openers),
        }
    )
    paths = {}
    for name, table in (("orders", orders), ("order_items", items), ("events", events)):
        paths[name] = str(folder / f"{name}.parquet")
        pq.write_table(table, paths[name])
    return paths, {*who, old_customer}


def load(ws, paths: dict[str, str]) -> None:
    for entity in ("orders", "order_items", "events"):
        summary = import_file(ws, entity, paths[entity], refresh=False)
        assert summary.quarantined == 0


def contents(ws) -> list[list[tuple]]:
    return [ws.raw.execute(sql).fetchall() for sql in COMPARED]


def _same(x, y) -> bool:
    """Equal; floats to 1e-6 relative: the CLV model every refresh fits (its predictions are features
    columns) differs in the last digits from one fit to the next, whichever way the refresh ran."""
    if isinstance(x, float) and isinstance(y, float):
        return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)
    return x == y


def assert_same(one: list[list[tuple]], other: list[list[tuple]]) -> None:
    for sql, left, right in zip(COMPARED, one, other, strict=True):
        assert len(left) == len(right), sql
        differ = [
            [(i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=True)) if not _same(x, y)]
            for a, b in zip(left, right, strict=True)
        ]
        differ = [d for d in differ if d]
        assert not differ, (sql, differ[:3])


def test_new_orders_refresh_incrementally_to_the_full_result(pair, tmp_path):
    inc, full = pair
    paths, touched = new_rows(inc, tmp_path)
    for ws in pair:
        load(ws, paths)
    quick = refresh(inc)
    slow = refresh(full, incremental=False)
    assert quick.incremental and not slow.incremental, quick.full_because
    # the new orders moved RFM bins of customers who bought nothing new: they were recomputed too
    assert quick.recomputed > len(touched)
    assert quick.recomputed < quick.customers
    assert slow.entered > 0 and (quick.entered, quick.exited) == (slow.entered, slow.exited)
    assert quick.families == slow.families and quick.segments == slow.segments
    assert_same(contents(inc), contents(full))
    # the recomputed rows replaced theirs in place: the features are two runs in customer order (the
    # profile's zone maps), the rows kept and then the replaced ones, and table_order knows the tail
    stored = [row[0] for row in inc.raw.execute("SELECT customer_id FROM features ORDER BY rowid").fetchall()]
    (in_order,) = inc.raw.execute(
        "SELECT in_order_rows FROM table_order WHERE table_name = 'features'"
    ).fetchone()
    kept, tail = stored[:in_order], stored[in_order:]
    assert len(tail) >= quick.recomputed and kept == sorted(kept) and tail == sorted(tail)
    assert sorted(stored) == sorted(set(stored))
    # nothing new: an incremental refresh that recomputes nobody and changes nothing
    before = contents(inc)
    again = refresh(inc)
    assert again.incremental and again.recomputed == 0 and (again.entered, again.exited) == (0, 0)
    assert_same(contents(inc), before)


def test_with_the_clv_fit_kept_only_the_moved_rows_are_rebuilt(pair, tmp_path, monkeypatch):
    """The new orders above move the purchases by more than the 1% a kept CLV fit allows, so the test
    before refits and compares every row; with the fit kept (as after a day's few orders at scale) only
    the new customers' rows and those whose RFM bins moved are rebuilt (rfm.rebinned), and the result
    must still be the full one."""
    monkeypatch.setattr(clv_features, "REFIT_SHARE", 1.0)
    inc, full = pair
    paths, touched = new_rows(inc, tmp_path)
    for ws in pair:
        load(ws, paths)
    fits = "SELECT count(*) FROM clv_fits"
    (fitted,) = inc.raw.execute(fits).fetchone()
    quick = refresh(inc)
    refresh(full, incremental=False)
    assert quick.incremental and inc.raw.execute(fits).fetchone() == (fitted,)  # no refit
    assert quick.recomputed > len(touched)  # bins moved
    assert_same(contents(inc), contents(full))


def reads(statements: list[str], table: str) -> list[str]:
    """The statements that read `table`, besides the watermarks' counts, the CLV fit's purchase count, the
    query finding who has new rows and the new orders' purchase summary (these read a column or two, or
    only the rows imported since through the zone maps of imported_at)."""
    summary = re.compile(rf'\s*CREATE OR REPLACE TEMP TABLE "{incremental.SUMMARY}"')
    return [
        " ".join(sql.split())[:160]
        for sql in statements
        if re.search(rf'(FROM|JOIN)\s+"?{table}"?(\s|$)', sql)
        and not sql.lstrip().startswith("SELECT count(*)")
        and not re.match(rf"\s*CREATE OR REPLACE TEMP TABLE {incremental.AFFECTED}\b", sql)
        and not (summary.match(sql) and '"imported_at" > ' in sql)
    ]


def test_with_the_clv_fit_kept_the_order_lines_are_read_once(pair, tmp_path, monkeypatch):
    """The order lines are the largest table (20M rows at 1M customers): with the CLV fit kept, the
    customers whose rows can differ are known before any line is read (their RFM bins, rfm.moved_bins),
    so their lines are cut once for both the family query and the rules. Each of those queries read
    every line itself before (~2 s of CPU a scan at 1M customers). The orders are read once, for the
    cut: the affected's purchase summary is their stored one plus the orders imported since (cutting
    their orders for it read all of them, ~0.5 s at 10M); the affected's CLV scores come from the cut
    (scoring them read all the orders again, ~3 s). The result must stay the full one."""
    monkeypatch.setattr(clv_features, "REFIT_SHARE", 1.0)
    inc, full = pair
    paths, touched = new_rows(inc, tmp_path)
    for ws in pair:
        load(ws, paths)
    # the purchases a kept CLV fit is checked on: those recorded with the stored results plus the new
    # orders' are exactly every order's, count and DECIMAL sum
    day = inc.raw.execute("SELECT max(as_of) FROM membership_snapshots").fetchone()[0]
    scanned = clv_features.purchases(inc, day)
    assert incremental._purchases_now(inc, day) == scanned and scanned[0] > 0
    with recorded(inc) as statements:
        quick = refresh(inc)
    refresh(full, incremental=False)
    assert quick.incremental and quick.recomputed > len(touched)
    assert len(reads(statements, "order_items")) == 1, reads(statements, "order_items")
    assert len(reads(statements, "orders")) == 1, reads(statements, "orders")
    # and no statement sums every order's total for that check (a scan of all orders, ~0.7 s at 10M)
    assert not [sql for sql in statements if "sum(total)" in sql and "imported_at >" not in sql]
    assert incremental._purchases_now(inc, day) == clv_features.purchases(inc, day) == scanned
    assert_same(contents(inc), contents(full))


def test_with_a_clustering_kept_the_orders_and_lines_are_read_once_too(pair, tmp_path, monkeypatch):
    """With a clustering fitted before the last refresh, only the customers with new rows can change
    cluster (a cluster depends on the customer's own rows, and the model is the one the stored features
    were computed with): they are assigned from their orders and lines in the refresh's cut, and as
    without a clustering the orders and the lines are read once. Applying the model to everyone
    read all the orders three more times and the lines twice more (~3 s of CPU of ~6.5 s at 200k
    customers). The result must stay the full one."""
    monkeypatch.setattr(clv_features, "REFIT_SHARE", 1.0)
    inc, full = pair
    for ws in pair:
        fit_clusters(ws, k_min=3, k_max=3)
        refresh(ws)  # the stored results have the cluster family, computed with this run
    paths, touched = new_rows(inc, tmp_path)
    for ws in pair:
        load(ws, paths)
    with recorded(inc) as statements:
        quick = refresh(inc)
    refresh(full, incremental=False)
    assert quick.incremental and quick.recomputed > len(touched) and "cluster" in quick.families
    assert len(reads(statements, "order_items")) == 1, reads(statements, "order_items")
    assert len(reads(statements, "orders")) == 1, reads(statements, "orders")
    assert_same(contents(inc), contents(full))


def test_a_long_tail_of_replaced_features_gets_the_table_rewritten_in_customer_order(
    pair, tmp_path, monkeypatch
):
    """The replaced features rows go after the others; once that tail is long (here: any tail), the
    refresh rewrites the table in customer order, with the same rows."""
    inc, full = pair
    paths, _ = new_rows(inc, tmp_path)
    for ws in pair:
        load(ws, paths)
    monkeypatch.setattr(order, "MIN_TAIL", 1)
    monkeypatch.setattr(order, "TAIL_SHARE", 0.001)
    quick = refresh(inc)
    refresh(full, incremental=False)
    assert quick.incremental and quick.recomputed > 0
    assert_same(contents(inc), contents(full))
    stored = [row[0] for row in inc.raw.execute("SELECT customer_id FROM features ORDER BY rowid").fetchall()]
    assert stored == sorted(stored) and len(stored) == quick.customers
    assert inc.raw.execute(
        "SELECT in_order_rows FROM table_order WHERE table_name = 'features'"
    ).fetchall() == [(len(stored),)]


def test_a_changed_order_falls_back_to_a_full_refresh(pair, tmp_path):
    inc, full = pair
    (order_id,) = inc.raw.execute("SELECT order_id FROM orders ORDER BY order_id LIMIT 1").fetchone()
    changed = (
        inc.raw.execute(
            "SELECT order_id, customer_id, ordered_at, total * 10 AS total, discount, channel, status "
            "FROM orders WHERE order_id = ?",
            [order_id],
        )
        .arrow()
        .read_all()
    )
    path = tmp_path / "changed.parquet"
    pq.write_table(changed, path)
    for ws in pair:
        assert import_file(ws, "orders", path, refresh=False).updated == 1
    day = inc.raw.execute("SELECT max(as_of) FROM membership_snapshots").fetchone()[0]
    assert incremental._purchases_now(inc, day) is None  # the CLV fit's check reads every order again
    quick = refresh(inc)
    refresh(full, incremental=False)
    assert not quick.incremental
    assert_same(contents(inc), contents(full))


def test_an_edited_segment_or_another_date_falls_back(pair):
    inc, _ = pair
    segments.edit(inc, "Big", rule="total_spent > 2000")
    assert not refresh(inc).incremental
    assert refresh(inc).incremental  # the stored results are whole again
    day = inc.raw.execute("SELECT max(as_of) FROM membership_snapshots").fetchone()[0]
    assert not refresh(inc, as_of=day - dt.timedelta(days=10)).incremental


def test_a_refresh_with_nothing_new_computes_nothing(pair, monkeypatch):
    """Nothing imported since the last refresh on the same date (a scheduled refresh): the stored
    results are the answer, so nothing is computed, with a clustering too; after the clustering was
    fitted again every row is compared (before, every row was compared whenever a clustering existed)."""
    inc, full = pair
    before = contents(inc)
    calls = []
    real_compute = incremental.compute
    monkeypatch.setattr(incremental, "compute", lambda *a, **k: calls.append(1) or real_compute(*a, **k))
    again = refresh(inc)
    assert calls == [] and again.incremental and again.recomputed == 0
    assert (again.entered, again.exited) == (0, 0)
    everyone = refresh(full, incremental=False)  # the sizes reported are the stored results' own
    assert (again.customers, again.families, again.segments) == (
        everyone.customers,
        everyone.families,
        everyone.segments,
    )
    assert_same(contents(inc), before)
    fit_clusters(inc, k_min=3, k_max=3)
    assert "cluster" in refresh(inc).families  # a new family: everyone computed
    clustered = contents(inc)
    assert refresh(inc).recomputed == 0 and calls == []
    assert_same(contents(inc), clustered)
    fit_clusters(inc, k_min=3, k_max=3)  # the same data and seed: the same clusters, from another run
    assert refresh(inc).recomputed == 0 and calls == [1]
    assert_same(contents(inc), clustered)


def test_a_refresh_without_watermarks_records_the_purchases_its_clv_summary_counted(pair, tmp_path):
    """With no watermarks yet (the first refresh of a workspace, or after they were dropped) the purchases
    a kept CLV fit is checked on are recorded from the customer summary the refresh reads every order for
    anyway (its orders and exact DECIMAL spend, summed), not from a scan of every order of their own
    (~0.7 s at 10M orders). They are the scan's to the last digit; so are those of an incremental refresh
    that scores everyone (its new orders move the purchases more than a kept fit allows), and the next
    refresh builds on them."""
    inc, full = pair
    marked = f"SELECT mark FROM {incremental.MARKS} WHERE name = ?"
    for dropped in (False, True):
        if dropped:
            inc.raw.execute(f"DROP TABLE {incremental.MARKS}")
        with recorded(inc) as statements:
            done = refresh(inc)
        day = done.as_of
        assert done.incremental is not dropped, done.full_because
        if dropped:
            assert done.full_because == "no stored results"
        scans = [sql for sql in statements if "sum(total)" in sql and "imported_at >" not in sql]
        assert scans == []
        count, value = clv_features.purchases(inc, day)
        assert inc.raw.execute(marked, [incremental.PURCHASES]).fetchone() == (
            [str(day), str(count), str(value)],
        )
    paths, _ = new_rows(inc, tmp_path)
    for ws in pair:
        load(ws, paths)
    fits = "SELECT count(*) FROM clv_fits"
    (fitted,) = inc.raw.execute(fits).fetchone()
    quick = refresh(inc)
    refresh(full, incremental=False)
    assert quick.incremental and inc.raw.execute(fits).fetchone() == (fitted + 1,)  # everyone scored anew
    count, value = clv_features.purchases(inc, day)
    assert inc.raw.execute(marked, [incremental.PURCHASES]).fetchone() == (
        [str(day), str(count), str(value)],
    )
    assert_same(contents(inc), contents(full))
