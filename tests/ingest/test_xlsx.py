"""Excel workbooks: every cell lands as the text a person sees in Excel, only the first sheet is read, row
numbers are the sheet's, and an Excel error cell (#N/A) is a value to refuse, not an empty cell."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
from tests.ingest.conftest import write

from segmint import Workspace, import_file

NUMERIC_CODE = re.compile(r"^\d+$")


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_cells_land_as_excel_shows_them(workspace, tmp_path):
    """Text ids keep their leading zeros, numeric ids lose Excel's float, date-time cells keep their time,
    an empty cell is empty, an empty row is skipped but still counted in the row numbers, and the second
    sheet is not read (docs/import.md: the first sheet)."""
    path = workbook(
        tmp_path / "orders.xlsx",
        {
            "Замовлення": [
                ["order_id", "customer_id", "ordered_at", "total", "channel"],
                ["00123", 13085.0, dt.datetime(2024, 3, 1, 14, 30), 1250.5, "online"],
                [None, None, None, None, None],
                [4567, "00042", dt.datetime(2024, 3, 2), 99, None],
                ["O-5", "K9", "вчора", 10, "pos"],
            ],
            "Інше": [["order_id", "customer_id", "ordered_at", "total"], ["X1", "K1", "2024-01-01", 5]],
        },
    )
    summary = import_file(workspace, "orders", path, create_missing_customers=True, refresh=False)
    assert (summary.rows_read, summary.landed, summary.quarantined) == (3, 2, 1)
    stored = workspace.raw.execute(
        "SELECT order_id, customer_id, ordered_at, total, channel FROM orders ORDER BY order_id"
    ).fetchall()
    assert stored == [
        ("00123", "13085", dt.datetime(2024, 3, 1, 14, 30), Decimal("1250.5"), "online"),
        ("4567", "00042", dt.datetime(2024, 3, 2), Decimal("99"), None),
    ]
    quarantined = workspace.raw.execute('SELECT "row", "column", value FROM quarantine').fetchall()
    assert quarantined == [(5, "ordered_at", "вчора")]


def test_an_error_cell_is_refused_and_keeps_the_stored_value(workspace, tmp_path):
    """#N/A in an e-mail cell is a refused value (rejected_values, the stored e-mail kept), as in a CSV;
    read as an empty cell it would clear the stored e-mail (python-calamine reads error cells as empty)."""
    known = write(tmp_path / "c.csv", "id,email\nK1,ann@example.com\n")
    import_file(workspace, "customers", known, refresh=False)
    path = workbook(tmp_path / "c.xlsx", {"Клієнти": [["id", "email", "city"], ["K1", "#N/A", "Київ"]]})
    assert openpyxl.load_workbook(path)["Клієнти"]["B2"].data_type == "e"  # an error cell, not text
    summary = import_file(workspace, "customers", path, refresh=False)
    assert (summary.updated, summary.rejected_values) == (1, 1)
    assert workspace.raw.execute("SELECT email, city FROM customers").fetchall() == [
        ("ann@example.com", "Київ")
    ]
    assert workspace.raw.execute('SELECT "row", "column", value FROM rejected_values').fetchall() == [
        (2, "email", "#N/A")
    ]


def test_uci_lines_from_xlsx_store_as_from_parquet(tmp_path, shared_data):
    """3,000 real Online Retail II lines, written as the UCI workbook holds them (numeric invoices and stock
    codes as numbers, Customer ID as a number, dates as Excel date-times), store exactly what the same
    lines store from Parquet."""
    source = shared_data / "online_retail_ii/online_retail_ii_2009_2010.parquet"
    lines = duckdb.sql(f"SELECT * FROM '{source}' LIMIT 3000")
    lines.write_parquet(str(tmp_path / "lines.parquet"))
    rows = [list(lines.columns)]
    for invoice, code, name, quantity, at, price, customer, country in lines.fetchall():
        rows.append(
            [
                int(invoice) if NUMERIC_CODE.match(invoice) else invoice,
                int(code) if NUMERIC_CODE.match(code) else code,
                name,
                quantity,
                at,
                price,
                float(customer) if customer is not None else None,
                country,
            ]
        )
    workbook(tmp_path / "lines.xlsx", {"Year 2009-2010": rows})

    def stored(file: str) -> dict[str, list]:
        ws = Workspace.init(tmp_path / f"ws-{file}")
        import_file(ws, "orders", tmp_path / file, preset="online-retail", refresh=False)
        tables = {
            "orders": "SELECT * EXCLUDE (imported_at) FROM orders",
            "order_items": "SELECT * EXCLUDE (imported_at) FROM order_items",
            "customers": "SELECT customer_id, country, signup_date FROM customers",
        }
        out = {name: sorted(ws.raw.execute(sql).fetchall(), key=repr) for name, sql in tables.items()}
        ws.close()
        return out

    from_parquet, from_xlsx = stored("lines.parquet"), stored("lines.xlsx")
    assert len(from_parquet["order_items"]) == 3000 and len(from_parquet["customers"]) > 10
    assert from_xlsx == from_parquet


def test_a_workbook_with_its_parts_elsewhere_is_read(workspace, tmp_path):
    """A package whose workbook part is not at xl/workbook.xml (its relationships say where) is read, as
    openpyxl reads it; python-calamine cannot open it ('File not found xl/_rels/workbook.xml.rels')."""
    excel_made = workbook(tmp_path / "a.xlsx", {"Клієнти": [["id", "city"], ["K1", "Київ"]]})
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(excel_made) as source, zipfile.ZipFile(moved, "w") as target:
        for name in source.namelist():
            data = source.read(name).replace(b"xl/workbook.xml", b"xl/book.xml")
            target.writestr(name.replace("workbook.xml", "book.xml"), data)
    summary = import_file(workspace, "customers", moved, refresh=False)
    assert summary.inserted == 1
    assert workspace.raw.execute("SELECT customer_id, city FROM customers").fetchall() == [("K1", "Київ")]
