"""An order's currency column is stored as its ISO 4217 code, however the export writes it ("грн", "usd",
"₴", "$"); a value that names no currency quarantines its order with the file, row and column; a
workspace made before keeps its orders, their currency rewritten as codes (migration 0016). Real imports
into real workspaces."""

from __future__ import annotations

from tests.ingest.conftest import write
from tests.ingest.test_values import quarantined
from tests.test_workspace import rewind

from segmint import Workspace, import_file
from segmint.config import Settings
from segmint.ingest.normalise import CURRENCY_MARKS, DOLLAR

ORDERS = (
    "Номер замовлення;Код клієнта;Дата;Сума;Валюта\n"
    "O1;K1;2024-01-02;100;грн\n"
    "O2;K1;2024-01-02;100 грн;грн.\n"
    "O3;K1;2024-01-02;100;₴\n"
    "O4;K1;2024-01-02;$5;$\n"
    "O5;K1;2024-01-02;5 USD;usd\n"
    "O6;K1;2024-01-02;€5;Eur\n"
    "O7;K1;2024-01-02;5;  PLN \n"
    "O8;K1;2024-01-02;5;\n"
    "O9;K1;2024-01-02;5;ГРВ\n"
    "O10;K1;2024-01-02;5;dollars\n"
)


def currencies(ws) -> dict[str, str | None]:
    return dict(ws.raw.execute("SELECT order_id, currency FROM orders").fetchall())


def test_an_orders_currency_is_stored_as_its_iso_code_and_an_unknown_one_is_quarantined(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nK1\n"))
    path = write(tmp_path / "замовлення.csv", ORDERS)
    summary = import_file(workspace, "orders", path)
    assert currencies(workspace) == {
        "O1": "UAH",
        "O2": "UAH",
        "O3": "UAH",
        "O4": "USD",
        "O5": "USD",
        "O6": "EUR",
        "O7": "PLN",
        "O8": None,  # the workspace's
    }
    assert quarantined(workspace, summary.import_id) == {
        10: ("Валюта", "ГРВ", "import.currency", {"value": "ГРВ"}),
        11: ("Валюта", "dollars", "import.currency", {"value": "dollars"}),
    }
    (reason, file) = workspace.raw.execute('SELECT reason, file FROM quarantine WHERE "row" = 10').fetchone()
    assert file == str(path) and reason.startswith("unknown currency 'ГРВ' (expected an ISO 4217 code")
    # a re-import of the same file changes nothing: the stored codes are what the file reads as
    again = import_file(workspace, "orders", path)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 8)


def test_a_file_of_lines_stores_the_code_and_a_dollar_is_the_workspaces_dollar(tmp_path):
    ws = Workspace.init(tmp_path / "ws", Settings(currency="CAD", default_country="CA"))
    try:
        import_file(ws, "customers", write(tmp_path / "c.csv", "customer_id\nK1\n"))
        lines = (
            "order_id,customer_id,ordered_at,currency,product_id,quantity,unit_price\n"
            "L1,K1,2024-01-02,$,p1,1,$5\n"
            "L1,K1,2024-01-02,$,p2,2,$1\n"
            "L2,K1,2024-01-02,грн,p1,1,5 грн\n"
        )
        summary = import_file(ws, "orders", write(tmp_path / "lines.csv", lines))
        assert summary.quarantined == 0
        assert currencies(ws) == {"L1": "CAD", "L2": "UAH"}
    finally:
        ws.close()


def test_a_workspace_made_before_has_its_stored_currencies_rewritten_as_codes(tmp_path):
    ws = Workspace.init(tmp_path / "shop")
    rewind(ws, 16)
    # every spelling the import reads as a code, as a pre-0016 import stored it; and no currency at all
    written = {**CURRENCY_MARKS, "грн.": "UAH", " usd ": "USD", "UAH": "UAH", "eur": "EUR", "xyz": "XYZ"}
    for n, mark in enumerate([*written, None]):
        ws.raw.execute(
            "INSERT INTO orders (order_id, customer_id, is_guest, ordered_at, total, currency, status, "
            "imported_at) VALUES (?, 'K1', false, TIMESTAMP '2024-01-02', 5, ?, 'completed', now())",
            [f"O{n}", mark],
        )
    ws.close()
    ws = Workspace.open(tmp_path / "shop")
    try:
        stored = currencies(ws)
        expected = {f"O{n}": ("USD" if code == DOLLAR else code) for n, code in enumerate(written.values())}
        assert stored == {**expected, f"O{len(written)}": None}
    finally:
        ws.close()
