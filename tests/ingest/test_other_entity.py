"""A file of another entity chosen by mistake is refused before anything is stored: an orders export
imported as customers overwrote the stored customers' status with 'completed' and put the order numbers,
dates and totals into their custom attributes (found on the web import form, whose default is customers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli import segmint

from segmint import import_file
from segmint.errors import MappingError

EXAMPLES = Path(__file__).parents[2] / "examples"


def _customers(ws) -> list[tuple]:
    return ws.raw.execute("SELECT * EXCLUDE (imported_at) FROM customers ORDER BY customer_id").fetchall()


def test_an_orders_file_imported_as_customers_is_refused_and_changes_nothing(workspace, tmp_path):
    import_file(workspace, "customers", EXAMPLES / "customers_uk.csv", refresh=False)
    before = _customers(workspace)
    with pytest.raises(MappingError) as refused:
        import_file(workspace, "customers", EXAMPLES / "orders_uk.csv", refresh=False)
    error = refused.value
    assert (error.code, error.params["other"], error.params["fields"]) == (
        "import.other_entity",
        "orders",
        ["order_id", "ordered_at"],
    )
    assert error.params["columns"] == ["Номер замовлення", "Дата"]
    assert _customers(workspace) == before
    assert workspace.raw.execute("SELECT count(*) FROM imports WHERE entity = 'customers'").fetchone() == (1,)


def test_an_events_file_imported_as_orders_is_refused_too_and_the_right_entity_lands(workspace, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("customer_id,event_type,occurred_at\nC001,email_open,2024-03-01\n", encoding="utf-8")
    with pytest.raises(MappingError, match="looks like events, not orders"):
        import_file(workspace, "orders", events, refresh=False)
    import_file(workspace, "customers", EXAMPLES / "customers_uk.csv", refresh=False)  # C001 among them
    landed = import_file(workspace, "events", events, refresh=False)
    assert landed.landed == 1


def test_a_column_mapped_by_hand_is_the_users_choice(workspace, tmp_path):
    """A customers file may carry a last order's number and date as attributes: mapped (or ignored)
    by hand, it imports."""
    crm = tmp_path / "crm.csv"
    crm.write_text("customer_id,city,order_id,ordered_at\nK1,Київ,A-1,2024-03-01\n", encoding="utf-8")
    with pytest.raises(MappingError):
        import_file(workspace, "customers", crm, refresh=False)
    done = import_file(workspace, "customers", crm, mapping={"order_id": "ignore"}, refresh=False)
    assert done.inserted == 1


def test_the_cli_says_it_in_the_workspaces_language(tmp_path):
    ws = tmp_path / "ws"
    segmint("init", ws)
    shown = segmint("-w", ws, "import", "customers", EXAMPLES / "orders_uk.csv", language="uk", wide=True)
    assert shown.returncode == 1
    assert "файл схожий на orders, а не на customers" in shown.stderr, shown.stderr
