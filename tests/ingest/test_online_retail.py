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
    summary = import_file(ws, "orders", shared_data / name, preset="online-retail")
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
    again = import_file(ws, "orders", shared_data / name, preset="online-retail")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, expected["invoices"])
    assert again.tables["order_items"] == {"inserted": 0, "updated": 0, "unchanged": expected["rows"]}
    assert again.tables["customers"]["unchanged"] == expected["customers"]
    ws.close()
