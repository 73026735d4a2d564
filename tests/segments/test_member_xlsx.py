"""Members exported to an .xlsx file are a real Excel workbook: values typed, text never run as a formula.
Hunt U13: the old code wrote CSV text into a file named .xlsx, which Excel refuses to open."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from tests.cli import segmint

from segmint import Workspace, refresh, segments
from segmint.segments import SegmentError

from .tinyshop import BIG


def test_an_xlsx_file_gets_an_excel_sheet_with_typed_values_and_no_formulas(shop, tmp_path):
    shop.raw.execute(
        "UPDATE customers SET first_name = '=1+1', tags = ['vip', 'опт'] WHERE customer_id = 'B'"
    )
    segments.create(shop, "Великі: VIP*опт", BIG)
    refresh(shop)  # monetary is a feature
    columns = ["customer_id", "first_name", "city", "monetary", "signup_date", "tags"]
    assert segments.export_members(shop, "Великі: VIP*опт", tmp_path / "m.xlsx", columns=columns) == (2, None)

    book = load_workbook(tmp_path / "m.xlsx")
    (sheet,) = book.worksheets
    assert sheet.title == "Великі_ VIP_опт"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        columns,
        ["B", "=1+1", "Львів", 300, dt.datetime(2024, 1, 1), '["vip", "опт"]'],
        ["D", "Петро", "Одеса", 1000, dt.datetime(2024, 1, 1), None],
    ]
    assert sheet["B2"].data_type == "s"  # text, not a formula Excel would run


def test_an_xlsx_export_needs_a_file_and_a_mismatched_name_is_refused(shop, tmp_path):
    segments.create(shop, "Великі", BIG)
    with pytest.raises(SegmentError, match="an export as xlsx needs a file") as refused:
        segments.export_members(shop, "Великі", None, "xlsx")
    assert refused.value.code == "export.needs_file"
    with pytest.raises(SegmentError, match="named as a xlsx file but the format asked for is csv"):
        segments.export_members(shop, "Великі", tmp_path / "m.xlsx", "csv")
    assert not (tmp_path / "m.xlsx").exists()


def test_the_cli_writes_xlsx_from_the_file_name(shop, tmp_path):
    segments.create(shop, "Великі", BIG)
    shop.close()
    done = segmint("-w", shop.path, "segments", "members", "Великі", "-o", tmp_path / "m.xlsx", "--json")
    assert done.returncode == 0, done.stderr
    assert '"format": "xlsx"' in done.stdout
    sheet = load_workbook(tmp_path / "m.xlsx").active
    assert [row[0].value for row in sheet.iter_rows()] == ["customer_id", "B", "D"]


def test_a_static_segment_is_made_from_an_xlsx_export_and_from_a_cp1251_csv(shop, tmp_path):
    """The members file of `segments create --members-file` had to be UTF-8 text: the .xlsx the members
    export now writes, and a CSV saved by Excel on a Ukrainian Windows (cp1251), were refused."""
    segments.create(shop, "Великі", BIG)
    segments.export_members(shop, "Великі", tmp_path / "big.xlsx")
    (tmp_path / "picked.csv").write_bytes("customer_id;Ім'я\nA;Олена\nC;Anna\n".encode("cp1251"))
    shop.close()
    for name, file in (("З Excel", "big.xlsx"), ("З CSV", "picked.csv")):
        made = segmint("-w", shop.path, "segments", "create", name, "--members-file", tmp_path / file)
        assert made.returncode == 0, made.stderr
    with Workspace.open(shop.path) as ws:
        members = {
            name: set(segments.members(ws, name).to_pyarrow()["customer_id"].to_pylist())
            for name in ("З Excel", "З CSV")
        }
    assert members == {"З Excel": {"B", "D"}, "З CSV": {"A", "C"}}
