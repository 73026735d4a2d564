"""Values as real exports write them: amounts with their currency, thousands separators, Excel's serial
dates. Each lands as the number or date it means, or is refused with the file, row, column and value;
nothing is read silently as something else. Real imports into a real workspace."""

from __future__ import annotations

import datetime as dt
import json

from tests.ingest.conftest import quarantined, write

from segmint import Workspace, import_file
from segmint.config import Settings


def totals(ws) -> dict[str, float]:
    return {
        key: float(total) for key, total in ws.raw.execute("SELECT order_id, total FROM orders").fetchall()
    }


def test_an_amount_in_the_stored_currency_lands_and_one_in_another_is_quarantined(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nK1\n"))
    path = write(
        tmp_path / "orders.csv",
        "order_id;customer_id;ordered_at;total;currency\n"
        "O1;K1;2024-01-02;$100;\n"  # the workspace is in UAH
        "O2;K1;2024-01-02;100 грн;\n"
        "O3;K1;2024-01-02;₴100;\n"
        "O4;K1;2024-01-02;100,50 ₴;\n"
        "O5;K1;2024-01-02;€1.234,50;\n"
        "O6;K1;2024-01-02;1 234,50 UAH;\n"
        "O7;K1;2024-01-02;100 USD;USD\n"  # the order's own currency
        "O8;K1;2024-01-02;₴5;usd\n"
        "O9;K1;2024-01-02;12 шт;\n",
    )
    summary = import_file(workspace, "orders", path)
    assert totals(workspace) == {"O2": 100, "O3": 100, "O4": 100.5, "O6": 1234.5, "O7": 100}
    found = quarantined(workspace, summary.import_id)
    assert found == {
        2: ("total", "$100", "import.amount_currency", {"value": "$100", "currency": "$", "expected": "UAH"}),
        6: (
            "total",
            "€1.234,50",
            "import.amount_currency",
            {"value": "€1.234,50", "currency": "EUR", "expected": "UAH"},
        ),
        9: (
            "total",
            "₴5",
            "import.amount_currency.order",
            {"value": "₴5", "currency": "UAH", "expected": "USD"},
        ),
        10: ("total", "12 шт", "import.not_a_number", {"value": "12 шт"}),
    }
    (reason,) = workspace.raw.execute('SELECT reason FROM quarantine WHERE "row" = 2').fetchone()
    assert reason == "amount '$100' is in $, not in UAH (the workspace's currency)"
    assert summary.rows_read == summary.landed + summary.quarantined == 9


def test_a_dollar_sign_is_the_dollar_of_a_workspace_in_dollars(tmp_path):
    with Workspace.init(tmp_path / "ws", Settings(currency="CAD")) as ws:
        path = write(tmp_path / "products.csv", "product_id,price\nP1,$5\nP2,5 €\nP3,CAD 7\n")
        summary = import_file(ws, "products", path)
        prices = dict(ws.raw.execute("SELECT product_id, price::DOUBLE FROM products").fetchall())
        assert prices == {"P1": 5.0, "P2": None, "P3": 7.0}  # an optional field: the product lands without it
        (refused,) = ws.raw.execute(
            'SELECT record_key, "row", "column", value, reason_code FROM rejected_values WHERE import_id = ?',
            [summary.import_id],
        ).fetchall()
        assert refused == ("P2", 3, "price", "5 €", "import.amount_currency")


def test_a_quantity_names_no_currency(workspace, tmp_path):
    path = write(
        tmp_path / "lines.csv",
        "order_id,ordered_at,product_id,quantity,unit_price\n"
        "L1,2024-01-02,P,$3,5 грн\nL2,2024-01-02,P,2,5 грн\n",
    )
    summary = import_file(workspace, "orders", path)
    assert totals(workspace) == {"L2": 10}
    assert quarantined(workspace, summary.import_id)[2] == (
        "quantity",
        "$3",
        "import.not_a_number",
        {"value": "$3"},
    )


def test_an_excel_serial_date_is_refused_with_the_date_it_would_be(workspace, tmp_path):
    path = write(
        tmp_path / "orders.csv",
        'order_id,ordered_at,total\nO1,45123,10\nO2,"45123,75",10\nO3,2023-07-16,10\nO4,123,10\n',
    )
    summary = import_file(workspace, "orders", path)
    july = (dt.date(1899, 12, 30) + dt.timedelta(days=45123)).isoformat()
    assert july == "2023-07-16"
    found = quarantined(workspace, summary.import_id)
    assert found[2] == ("ordered_at", "45123", "import.date_excel_serial", {"value": "45123", "date": july})
    assert found[3][2:] == ("import.date_excel_serial", {"value": "45123,75", "date": july})
    assert found[5][2] == "import.date_unknown_format"  # three digits: no date of Excel's
    assert set(found) == {2, 3, 5}
    (reason,) = workspace.raw.execute('SELECT reason FROM quarantine WHERE "row" = 2').fetchone()
    assert reason == (
        "not a date: '45123' looks like an Excel serial date (2023-07-16); save the column from Excel "
        "formatted as a date"
    )
    birth = write(tmp_path / "c.csv", "customer_id,birth_date\nK1,32874\n")  # a customer lands without it
    customers = import_file(workspace, "customers", birth)
    (refused,) = workspace.raw.execute(
        "SELECT value, reason_code, reason_params FROM rejected_values WHERE import_id = ?",
        [customers.import_id],
    ).fetchall()
    assert refused[:2] == ("32874", "import.date_excel_serial")
    assert json.loads(refused[2])["date"] == "1990-01-01"


def test_lines_of_one_order_on_different_days_are_quarantined_not_merged(workspace, tmp_path):
    """Receipt numbers that restart every day: two purchases under one number. Within a day the lines of
    an order may differ in time (a till's clock, UCI's invoices)."""
    path = write(
        tmp_path / "lines.csv",
        "чек;дата;товар;кількість;ціна\n"
        "1;01.03.2024 10:00;Чай;1;10\n"
        "1;01.03.2024 10:07;Кава;1;20\n"
        "1;02.03.2024 09:00;Цукор;2;5\n"
        "2;02.03.2024 09:30;Чай;1;10\n",
    )
    summary = import_file(workspace, "orders", path)
    assert totals(workspace) == {"2": 10}
    found = quarantined(workspace, summary.import_id)
    params = {"order": "1", "first": "2024-03-01", "first_row": 2, "other": "2024-03-02", "other_row": 4}
    assert found == {
        2: ("дата", "01.03.2024 10:00", "import.order_dates", params),
        3: ("дата", "01.03.2024 10:07", "import.order_dates", params),
        4: ("дата", "02.03.2024 09:00", "import.order_dates", params),
    }
    (reason,) = workspace.raw.execute('SELECT reason FROM quarantine WHERE "row" = 3').fetchone()
    assert (
        reason
        == "the lines of order '1' are dated on different days (2024-03-01 on row 2, 2024-03-02 on row 4)"
    )


def test_a_thousands_separator_reads_alike_in_every_column_and_row_of_a_file(workspace, tmp_path):
    """ "1,234" alone is 1234 or 1.234: the file's other numbers tell which, and it reads alike everywhere."""
    points = write(
        tmp_path / "points.csv",
        "order_id;ordered_at;total;discount\nP1;2024-01-02;1,234.50;1,000\nP2;2024-01-02;1,234;0\n",
    )
    import_file(workspace, "orders", points)
    commas = write(
        tmp_path / "commas.csv",
        "order_id;ordered_at;total;discount\n"
        "C1;2024-01-02;1.234,50;1.000\nC2;2024-01-02;1.234;0\nC3;2024-01-02;1,234;0\n"
        "C4;2024-01-02;1.234.567;0\nC5;2024-01-02;1 234 567,5;0\n",
    )
    import_file(workspace, "orders", commas)
    stored = workspace.raw.execute("SELECT order_id, total::DOUBLE, discount::DOUBLE FROM orders").fetchall()
    assert sorted(stored) == [
        ("C1", 1234.5, 1000.0),
        ("C2", 1234.0, 0.0),
        ("C3", 1.234, 0.0),
        ("C4", 1234567.0, 0.0),
        ("C5", 1234567.5, 0.0),
        ("P1", 1234.5, 1000.0),
        ("P2", 1234.0, 0.0),
    ]
    both = write(
        tmp_path / "both.csv",
        "order_id;ordered_at;total\nB1;2024-01-02;1,234.50\nB2;2024-01-02;99,50\nB3;2024-01-02;1.234\n",
    )
    summary = import_file(workspace, "orders", both)
    assert quarantined(workspace, summary.import_id) == {
        4: ("total", "1.234", "import.number_ambiguous", {"value": "1.234"})
    }


def test_an_empty_discount_cell_is_no_discount(workspace, tmp_path):
    """Most orders of an export have no discount, and the cell is empty: such a file stopped the whole
    import with DuckDB's NOT NULL constraint error (a traceback), for orders and for order lines alike."""
    orders = write(
        tmp_path / "orders.csv",
        "order_id;ordered_at;total;discount\nA1;01.03.2024;100;5\nA2;02.03.2024;200;\n",
    )
    summary = import_file(workspace, "orders", orders, refresh=False)
    assert (summary.rows_read, summary.landed, summary.quarantined) == (2, 2, 0)
    items = write(
        tmp_path / "items.csv",
        "order_id;line_no;product_id;quantity;unit_price;discount\nA1;1;P1;1;105;5\nA2;1;P2;2;100;\n",
    )
    summary = import_file(workspace, "order-items", items, refresh=False)
    assert (summary.rows_read, summary.landed, summary.quarantined) == (2, 2, 0)
    stored = "SELECT order_id, discount FROM {} ORDER BY order_id"
    assert workspace.raw.execute(stored.format("orders")).fetchall() == [("A1", 5), ("A2", 0)]
    assert workspace.raw.execute(stored.format("order_items")).fetchall() == [("A1", 5), ("A2", 0)]


def test_a_currency_word_with_its_dot_keeps_the_decimal_comma(workspace, tmp_path):
    """`грн.` as 1C and Excel write it after an amount: its letters were taken one by one as symbols and
    its dot stayed, so "1 250,50 грн." read as a decimal point after a thousands comma, 125050, and
    "100,00 грн." as 10000, landing a hundred times the amount with no word of it."""
    path = write(
        tmp_path / "orders.csv",
        "order_id;ordered_at;total\n"
        "O1;2024-01-02;1 250,50 грн.\n"
        "O2;2024-01-02;100,00 грн.\n"
        "O3;2024-01-02;99,90 UAH.\n"
        "O4;2024-01-02;12 грн.\n",
    )
    summary = import_file(workspace, "orders", path, refresh=False)
    assert (summary.landed, summary.quarantined) == (4, 0)
    assert totals(workspace) == {"O1": 1250.5, "O2": 100, "O3": 99.9, "O4": 12}
