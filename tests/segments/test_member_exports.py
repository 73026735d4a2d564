"""Member and definition exports: the format follows the file name, files are written whole or not at all,
columns named twice, groups of a segment, numbers in JSON."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from segmint import history, refresh, segments
from segmint.segments import SegmentError

from .tinyshop import BIG, JAN, TODAY, import_csv


def test_the_file_extension_decides_the_format(shop, tmp_path):
    segments.create(shop, "Великі", BIG)
    assert segments.export_members(shop, "Великі", tmp_path / "g.parquet") == (2, None)
    assert pq.read_table(tmp_path / "g.parquet").column("customer_id").to_pylist() == ["B", "D"]
    segments.export_members(shop, "Великі", tmp_path / "g.JSON", columns=["customer_id"])
    assert json.loads((tmp_path / "g.JSON").read_text()) == [{"customer_id": "B"}, {"customer_id": "D"}]
    segments.export_members(shop, "Великі", tmp_path / "g.txt", columns=["customer_id"])
    assert (tmp_path / "g.txt").read_text().splitlines() == ['"customer_id"', '"B"', '"D"']
    with pytest.raises(SegmentError, match="named as a parquet file but the format asked for is csv"):
        segments.export_members(shop, "Великі", tmp_path / "h.parquet", "csv")
    assert not (tmp_path / "h.parquet").exists()


def test_a_column_named_twice_is_given_once(shop):
    segments.create(shop, "Великі", BIG)
    table = segments.member_table(shop, "Великі", ["customer_id", "city", "customer_id"])
    assert table.columns == ("customer_id", "city")
    assert table.to_pyarrow().to_pylist() == [
        {"customer_id": "B", "city": "Львів"},
        {"customer_id": "D", "city": "Одеса"},
    ]


def test_unwritable_paths_are_refused_and_nothing_is_left(shop, tmp_path):
    segments.create(shop, "Великі", BIG)
    with pytest.raises(SegmentError, match=r"cannot write .*nodir/m\.csv: the folder .*nodir does not exist"):
        segments.export_members(shop, "Великі", tmp_path / "nodir" / "m.csv")
    with pytest.raises(SegmentError, match="it is a folder"):
        segments.export_members(shop, "Великі", tmp_path)
    with pytest.raises(SegmentError, match=r"the folder .*nodir does not exist"):
        segments.export_yaml(shop, tmp_path / "nodir" / "s.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]


def test_a_segment_has_no_groups(shop):
    segments.create(shop, "Великі", BIG)
    with pytest.raises(SegmentError, match="'Великі' is a segment, not a family: it has no group 'foo'"):
        segments.members(shop, "Великі", group="foo")
    assert segments.members(shop, "Великі", group="member").count().execute() == 2


def test_json_exports_write_decimals_as_numbers(shop, tmp_path):
    refresh(shop)
    segments.create(shop, "Великі", BIG)
    _, body = segments.export_members(shop, "Великі", None, "json", ["customer_id", "monetary"])
    assert json.loads(body) == [{"customer_id": "B", "monetary": 300}, {"customer_id": "D", "monetary": 1000}]


def test_feature_columns_of_a_past_date_are_that_dates_values(shop):
    """hunt-cli B-members-asof-columns: members on a past date came with the last refresh's monetary."""
    segments.create(shop, "Великі", BIG)
    refresh(shop, backfill="monthly")
    wanted = ["customer_id", "monetary", "frequency", "rfm_group", "city"]
    on_jan = segments.member_table(shop, "Великі", wanted, JAN).to_pyarrow().to_pylist()
    # D had one order of 500 by 31 January; the second (20 February) came later
    assert [(r["customer_id"], float(r["monetary"]), r["frequency"], r["city"]) for r in on_jan] == [
        ("D", 500.0, 1, "Одеса")
    ]
    # the group column agrees with the family's history on that date
    rfm_on_jan = history.membership_on(shop, "rfm", JAN).to_pyarrow().to_pylist()
    assert on_jan[0]["rfm_group"] == {r["customer_id"]: r["group_name"] for r in rfm_on_jan}["D"]
    # without a date (or on the last refresh's date): the stored features
    now = segments.member_table(shop, "Великі", ["customer_id", "monetary"]).to_pyarrow().to_pylist()
    assert [float(r["monetary"]) for r in now] == [300.0, 1000.0]
    on_today = segments.member_table(shop, "Великі", ["customer_id", "monetary"], TODAY).to_pyarrow()
    assert on_today.to_pylist() == now


HOSTILE = """customer_id,full_name,city,phone,email
H1,"=HYPERLINK(""http://evil.example"",""click"")",@SUM(1+1),+380 67 123 45 67,h1@example.com
H2,+cmd|' /C calc'!A0,-2+3,,h2@example.com
H3,Олена,Київ,(044) 123-45-67,h3@example.com
"""


def test_csv_exports_neutralise_formulas_but_keep_numbers_and_phones(shop, tmp_path):
    """hunt-api B23 / hunt-py B-low-21: a customer named =HYPERLINK(...) ran in Excel from a CSV export."""
    import_csv(shop, "customers", HOSTILE, tmp_path / "hostile.csv")
    segments.create(shop, "Hostile", kind="static", members=["H1", "H2", "H3"])
    columns = ["customer_id", "full_name", "city", "phone"]
    _, body = segments.export_members(shop, "Hostile", None, "csv", columns)
    rows = list(csv.reader(io.StringIO(body.decode())))
    by_id = {row[0]: row[1:] for row in rows[1:]}
    cells = {i: [stored(shop, i, c) for c in columns[1:]] for i in ("H1", "H2", "H3")}
    assert cells["H1"][0].startswith("=") and cells["H1"][1].startswith("@") and cells["H2"][1] == "-2+3"
    assert by_id["H1"] == ["'" + cells["H1"][0], "'" + cells["H1"][1], cells["H1"][2]]
    assert by_id["H2"][:2] == ["'" + cells["H2"][0], "'-2+3"]
    assert by_id["H3"] == cells["H3"]  # nothing to neutralise
    assert cells["H1"][2].startswith("+380")  # a phone number stays as it is
    # Parquet and JSON are read by programs, not spreadsheets: the values as they are
    segments.export_members(shop, "Hostile", tmp_path / "h.parquet", columns=columns)
    assert pq.read_table(tmp_path / "h.parquet").column("city").to_pylist() == [c[1] for c in cells.values()]
    _, body = segments.export_members(shop, "Hostile", None, "json", columns)
    assert [r["full_name"] for r in json.loads(body)] == [c[0] for c in cells.values()]


def stored(ws, customer_id: str, column: str) -> str:
    return ws.raw.execute(f"SELECT {column} FROM customers WHERE customer_id = ?", [customer_id]).fetchone()[
        0
    ]


def test_a_column_named_as_its_import_header_suggests_the_column(shop):
    """A Ukrainian or Russian user names the columns as their files' headers: 'місто' got the list of
    columns and no hint, though the import reads 'Місто' as city without a mapping."""
    segments.create(shop, "Великі", BIG)
    with pytest.raises(SegmentError) as refused:
        segments.member_table(shop, "Великі", ["customer_id", "місто", "Стать", "дата реєстрації", "xyz"])
    assert refused.value.code == "column.unknown"
    hints = {"місто": "city", "Стать": "gender", "дата реєстрації": "signup_date"}
    assert refused.value.params["hints"] == hints
    assert "'місто' (did you mean 'city'?)" in str(refused.value)
