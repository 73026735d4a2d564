"""The import page reads an accounting negative ("(50)", "(50,00)") and 1C's "50,00-" as -50, as the CLI's
import does (4b79e97): the page's column preview and upload run the import's own reader
(pipeline.column_fields, import_file), not one of their own. Through TestClient on a real workspace."""

from __future__ import annotations

import json

from tests.web.conftest import ORIGIN, log_in
from tests.web.test_pages import csrf_of

ORDERS = (
    "Номер замовлення;Код клієнта;Дата;Сума;Статус\n"
    "WR1;WK1;2024-01-02;(50);returned\n"
    "WR2;WK1;2024-01-02;(50,00);returned\n"
    "WR3;WK1;2024-01-02;50,00-;returned\n"
    "WP1;WK1;2024-01-02;(50,00);paid\n"  # a negative total on a paid order: quarantined as for -50,00
).encode()


def test_the_import_page_reads_accounting_negatives_as_the_cli_does(client, shop):
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, "/ui/imports")
    shown = client.post(
        "/ui/imports/columns",
        data={"csrf": csrf, "entity": "orders"},
        files={"file": ("refunds.csv", ORDERS, "text/csv")},
        headers=ORIGIN,
    )
    assert shown.status_code == 200 and 'data-source="Сума"' in shown.text, shown.text
    done = client.post(
        "/ui/imports",
        data={"csrf": csrf, "entity": "orders", "create_missing_customers": "on"},
        files={"file": ("refunds.csv", ORDERS, "text/csv")},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    import_id = done.headers["location"].split("id=")[1]
    ws = client.app.state.workspace.ws
    (mapping,) = ws.raw.execute("SELECT mapping FROM imports WHERE import_id = ?", [import_id]).fetchone()
    assert json.loads(mapping)["Сума"] == "total"
    totals = dict(
        ws.raw.execute("SELECT order_id, total::DOUBLE FROM orders WHERE order_id LIKE 'W%'").fetchall()
    )
    assert totals == {"WR1": -50.0, "WR2": -50.0, "WR3": -50.0}
    codes = ws.raw.execute("SELECT reason_code FROM quarantine WHERE import_id = ?", [import_id]).fetchall()
    assert codes == [("import.negative_total",)]
