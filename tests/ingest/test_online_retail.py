"""The UCI Online Retail files import with the preset and reconcile with ../shared/data/README.md."""

from __future__ import annotations

from decimal import Decimal

import pytest

from segmint import Workspace, import_file

# Figures from /work/shared/data/README.md ("Verified statistics" and "Quirks").
FILES = {
    "online_retail/online_retail.parquet": dict(
        rows=541_909,
        customers=4_372,
        invoices=25_900,
        c_lines=9_288,
        guest_lines=135_080,
        stock_adjustment_lines=1_336,
        value=Decimal("9747747.93"),
    ),
    "online_retail_ii/online_retail_ii_2009_2010.parquet": dict(
        rows=525_461,
        customers=4_383,
        invoices=28_816,
        c_lines=10_206,
        guest_lines=107_927,
        stock_adjustment_lines=2_121,
        value=Decimal("9539484.63"),
    ),
}


def one(ws, sql):
    return ws.raw.execute(sql).fetchone()[0]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FILES))
def test_online_retail_preset_reconciles(tmp_path, shared_data, name):
    expected = FILES[name]
    ws = Workspace.init(tmp_path / "ws")
    summary = import_file(ws, "orders", shared_data / name, preset="online-retail", refresh=False)
    assert summary.rows_read == expected["rows"] == summary.landed
    assert summary.quarantined == 0
    assert one(ws, "SELECT count(*) FROM customers") == expected["customers"]
    assert one(ws, "SELECT count(*) FROM orders") == expected["invoices"] == summary.inserted
    assert one(ws, "SELECT count(*) FROM order_items") == expected["rows"]  # exact duplicates kept as lines
    lines_of = "SELECT count(*) FROM order_items i JOIN orders o USING (order_id) WHERE "
    assert one(ws, lines_of + "o.status = 'cancelled'") == expected["c_lines"]
    assert one(ws, lines_of + "o.is_guest") == expected["guest_lines"]
    assert (
        one(ws, lines_of + "o.status = 'adjustment' AND NOT starts_with(o.order_id, 'A')")
        == expected["stock_adjustment_lines"]
    )
    assert (
        one(ws, "SELECT count(*) FROM orders WHERE starts_with(order_id, 'C') AND status <> 'cancelled'") == 0
    )
    assert round(one(ws, "SELECT sum(quantity * unit_price) FROM order_items"), 2) == expected["value"]
    assert round(one(ws, "SELECT sum(total) FROM orders"), 2) == expected["value"]
    assert one(ws, "SELECT count(*) FROM orders WHERE is_guest <> (customer_id IS NULL)") == 0
    assert one(ws, "SELECT count(*) FROM customers WHERE country IS NULL") <= 40  # 'Unspecified' and kin
    again = import_file(ws, "orders", shared_data / name, preset="online-retail", refresh=False)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, expected["invoices"])
    assert again.tables["order_items"] == {
        "inserted": 0,
        "updated": 0,
        "unchanged": expected["rows"],
        "removed": 0,  # the lines a changed order no longer has (none: nothing changed)
    }
    assert again.tables["customers"]["unchanged"] == expected["customers"]
    ws.close()


def test_customers_from_invoices_exist_from_their_first_invoice(tmp_path, shared_data):
    """Three UCI customers (first invoices 2009-12-14, 2010-10-31 and a cancellation on 2009-12-04), their
    invoices split at 2010-06-01 and imported later half first: none is counted before their first invoice,
    and importing the later half again does not move a date forward."""
    import datetime as dt

    import duckdb

    from segmint import history, refresh
    from segmint.rules import select_members

    data = shared_data / "online_retail_ii/online_retail_ii_2009_2010.parquet"
    rows = f"SELECT * FROM '{data}' WHERE \"Customer ID\" IN (12346, 12347, 12349)"
    split = "TIMESTAMP '2010-06-01'"
    for name, where in (("late", f"InvoiceDate >= {split}"), ("early", f"InvoiceDate < {split}")):
        duckdb.execute(f"COPY ({rows} AND {where}) TO '{tmp_path / name}.parquet'")
    ws = Workspace.init(tmp_path / "ws")

    def signups():
        return dict(ws.raw.execute("SELECT customer_id, signup_date FROM customers").fetchall())

    def existing(day):
        table = select_members(ws, "orders_count >= 0", as_of=day)
        return sorted(table.to_pyarrow().column("customer_id").to_pylist())

    import_file(ws, "orders", tmp_path / "late.parquet", preset="online-retail", refresh=False)
    assert signups() == {"12346": dt.date(2010, 6, 28), "12347": dt.date(2010, 10, 31),
                         "12349": dt.date(2010, 10, 28)}  # fmt: skip
    assert existing(dt.date(2010, 7, 1)) == ["12346"]
    early = import_file(ws, "orders", tmp_path / "early.parquet", preset="online-retail", refresh=False)
    assert early.tables["customers"]["updated"] == 2
    first = {"12346": dt.date(2009, 12, 14), "12347": dt.date(2010, 10, 31), "12349": dt.date(2009, 12, 4)}
    assert signups() == first
    again = import_file(ws, "orders", tmp_path / "late.parquet", preset="online-retail", refresh=False)
    assert again.tables["customers"] == {"inserted": 0, "updated": 0, "unchanged": 3}
    assert signups() == first
    assert existing(dt.date(2009, 12, 10)) == ["12349"]

    refresh(ws, as_of=dt.date(2009, 12, 10))
    refresh(ws)
    moves = history.transition_matrix(ws, "rfm", dt.date(2009, 12, 10), dt.date(2010, 12, 9))
    came = moves["matrix"][moves["groups"].index(None)]
    assert sum(came) == 2  # 12346 and 12347 were not customers yet: "(none)" -> their group
    assert sum(moves["matrix"][moves["groups"].index("No Purchases")]) == 1  # 12349 (a cancellation only)
    ws.close()


@pytest.mark.slow
def test_uci_as_a_csv_with_its_month_first_dates_lands_every_line_on_its_day(tmp_path, shared_data):
    """UCI's own CSV spelling of InvoiceDate (12/01/2010 08:26, month first), written from the Parquet: the
    same invoices on the same minutes as the Parquet import. The old code landed the lines whose day is 12
    or less day-first (1 Dec 2010 as 12 Jan) and quarantined the others as 'reads only month-first'."""
    import duckdb

    source = shared_data / "online_retail/online_retail.parquet"
    path = tmp_path / "online_retail.csv"
    duckdb.execute(
        "COPY (SELECT * REPLACE (strftime(InvoiceDate, '%m/%d/%Y %H:%M') AS InvoiceDate) "
        f"FROM '{source}') TO '{path}' (HEADER)"
    )
    ws = Workspace.init(tmp_path / "ws")
    summary = import_file(ws, "orders", path, preset="online-retail", refresh=False)
    assert (summary.rows_read, summary.landed, summary.quarantined) == (541_909, 541_909, 0)
    landed = ws.raw.execute("SELECT order_id, ordered_at FROM orders ORDER BY order_id").fetchall()
    ws.close()
    expected = duckdb.execute(
        f"SELECT CAST(InvoiceNo AS VARCHAR), min(InvoiceDate) FROM '{source}' GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert len(landed) == FILES["online_retail/online_retail.parquet"]["invoices"]
    assert landed == expected


@pytest.mark.parametrize("name", list(FILES))
def test_a_uci_file_imported_without_the_preset_gets_it_suggested(tmp_path, shared_data, name):
    """Without --preset online-retail, UCI's C invoices (negative quantities, status completed) are
    quarantined as negative sales, and nothing said the preset exists (10,624 rows quarantined)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    head = pq.read_table(shared_data / name).slice(0, 300)
    sample = tmp_path / "uci.csv"
    pacsv.write_csv(head, sample)
    with Workspace.init(tmp_path / "ws") as ws:
        plain = import_file(ws, "orders", sample, create_missing_customers=True, refresh=False)
        preset = import_file(ws, "orders", sample, preset="online-retail", refresh=False)
        other = tmp_path / "other.csv"
        other.write_text("order_id,customer_id,ordered_at,total\nO1,K1,2024-01-01,10\n", encoding="utf-8")
        unrelated = import_file(ws, "orders", other, create_missing_customers=True, refresh=False)
    assert (plain.preset_hint, preset.preset_hint, unrelated.preset_hint) == ("online-retail", None, None)
