"""The corpus of bad files: each gives a clear error naming file, row and column, or quarantine rows with
a reason; and whatever was stored before is still there, unchanged."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.ingest.conftest import snapshot, write

from segmint import DataError, EncodingError, import_file

DATA_TABLES = ("customers", "orders", "order_items", "events")
ORDERS_HEADER = "order_id,customer_id,ordered_at,total\n"


@pytest.fixture
def stocked(workspace, tmp_path):
    """A workspace with customers and orders already stored, and its snapshot."""
    import_file(
        workspace, "customers", write(tmp_path / "base_c.csv", "id,name,city\nK1,Ann,Kyiv\nK2,Bob,Lviv\n")
    )
    import_file(workspace, "orders", write(tmp_path / "base_o.csv", ORDERS_HEADER + "O1,K1,2024-01-02,10\n"))
    return workspace, snapshot(workspace)


def assert_nothing_changed(ws, before):
    assert snapshot(ws) == before


def assert_stored_rows_kept(ws, before):
    after = snapshot(ws)
    for table in DATA_TABLES:
        assert set(before[table]) <= set(after[table]), f"{table}: stored rows changed"


def quarantined(ws, import_id):
    return ws.raw.execute(
        'SELECT "row", "column", value, reason FROM quarantine WHERE import_id = ? ORDER BY "row"',
        [import_id],
    ).fetchall()


def run_bad(ws, entity, path, **options):
    summary = import_file(ws, entity, path, **options)
    assert summary.rows_read == summary.landed + summary.quarantined  # every input row accounted for
    return summary, quarantined(ws, summary.import_id)


def test_unbalanced_quotes(stocked, tmp_path):
    ws, before = stocked
    path = write(
        tmp_path / "quotes.csv", 'id,name,city\nN1,Ann,Kyiv\nN2,"Bo"b,Lviv\nN3,Carl,Odesa\nN4,"Dan,Kyiv\n'
    )
    summary, rows = run_bad(ws, "customers", path)
    assert [(r[0], r[1]) for r in rows] == [(3, "name"), (5, "name")]
    assert all("unbalanced quotes" in r[3] for r in rows)
    assert (summary.inserted, summary.quarantined) == (2, 2)
    assert_stored_rows_kept(ws, before)


def test_wrong_column_counts(stocked, tmp_path):
    ws, before = stocked
    path = write(tmp_path / "ragged.csv", "id;name;city\nN1;Ann;Kyiv\nN2;Bob;Lviv;extra\nN3\nN4;Dan;Kyiv\n")
    summary, rows = run_bad(ws, "customers", path)
    assert [r[0] for r in rows] == [3, 4]
    assert all("wrong number of columns" in r[3] for r in rows)
    assert rows[0][2] == "N2;Bob;Lviv;extra"  # the line as it was, to fix it by hand
    assert summary.inserted == 2
    assert_stored_rows_kept(ws, before)


def test_wrong_encoding_is_an_error_naming_row_and_column(stocked, tmp_path):
    ws, before = stocked
    path = write(tmp_path / "cp.csv", "id;name\nN1;Ann\nN2;Олена\n", "cp1251")
    with pytest.raises(EncodingError) as caught:
        import_file(ws, "customers", path, encoding="utf-8")
    assert (caught.value.file, caught.value.row, caught.value.column) == (str(path), 3, "name")
    assert "--encoding" in str(caught.value)
    assert_nothing_changed(ws, before)


@pytest.mark.parametrize("where", ["after", "before"])
def test_a_utf8_file_with_a_cp1251_line_is_refused_naming_the_line(stocked, tmp_path, where):
    """A UTF-8 export with one line from a Windows-1251 one was read wholly as cp1251: every header and
    value landed garbled (`Прізвище` as `РџСЂС–Р·РІРёС‰Рµ`, in `custom`), with no warning. A line of
    cp1251 letters is not UTF-8, so UTF-8 lines around it say which encoding the file is in."""
    ws, before = stocked
    utf8 = ["id;Прізвище;Місто", "M1;Шевченко;Київ", "M2;Коваль;Львів"]
    odd = "M3;Бондар;Одеса\n".encode("cp1251")
    if where == "after":
        content = ("\n".join(utf8) + "\n").encode() + odd
    else:  # the first line beyond ASCII is the odd one; the UTF-8 ones follow it
        content = b"id;name;city\n" + odd + "M1;Шевченко;Київ\n".encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(content)
    with pytest.raises(EncodingError) as caught:
        import_file(ws, "customers", path)
    assert caught.value.code == "import.encoding_mixed"
    assert (caught.value.row, caught.value.column) == ((4, "Прізвище") if where == "after" else (2, "name"))
    assert "--encoding" in str(caught.value) and "UTF-8" in str(caught.value)
    assert_nothing_changed(ws, before)
    summary = import_file(ws, "customers", path, encoding="cp1251")  # forced: read as the user says
    assert summary.inserted == (3 if where == "after" else 2)
    # a genuine cp1251 file is still detected
    plain = write(tmp_path / "cp.csv", "id;Прізвище;Місто\nM4;Бондар;Одеса\nM5;Їжак;Біла Церква\n", "cp1251")
    assert import_file(ws, "customers", plain).inserted == 2
    assert ws.raw.execute("SELECT last_name, city FROM customers WHERE customer_id = 'M5'").fetchall() == [
        ("Їжак", "Біла Церква")
    ]


# cp1251 values whose bytes are valid UTF-8 too: a capital followed by a Ukrainian letter or a quote ("ВІ" is
# C2 B2, "²"; "Рё" is D0 B8, "и"; "СІ" is "Ѳ", "ГІ" is "ò", "В»" is "»")
CP1251_AS_UTF8 = ["ВІ", "Рё", "СІ", "ГІ", "В»"]


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_cp1251_file_with_lines_that_are_valid_utf8_too_is_read_as_cp1251(stocked, tmp_path, where):
    """Such a line before the first line that is not UTF-8, or in the block after it, was taken for the
    file's UTF-8 ones: a plain cp1251 file was refused as mixed (import.encoding_mixed), and imported only
    with --encoding cp1251. Its lines decode to no text (a Latin-1 sign, a lone letter), so they say
    nothing of the file's encoding."""
    ws, _ = stocked
    odd = [f"A{n};{text};" for n, text in enumerate(CP1251_AS_UTF8)]  # each line valid UTF-8 as a whole
    plain = ["M1;Шевченко;Біла Церква", "M2;Коваль;Львів"]  # not UTF-8: small letters
    lines = ["id;last_name;city", *odd, *plain] if where == "before" else ["id;Прізвище;Місто", *plain, *odd]
    assert all(line.encode("cp1251").decode("utf-8") for line in odd)
    path = tmp_path / "cp.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1251"))
    summary = import_file(ws, "customers", path)
    assert summary.inserted == len(odd) + len(plain)
    stored = dict(
        ws.raw.execute("SELECT customer_id, last_name FROM customers WHERE customer_id LIKE 'A%'").fetchall()
    )
    assert stored == {f"A{n}": text.title() for n, text in enumerate(CP1251_AS_UTF8)}  # names: ВІ as Ві
    assert ws.raw.execute("SELECT city FROM customers WHERE customer_id = 'M1'").fetchone() == (
        "Біла Церква",
    )


@pytest.mark.parametrize("utf8", ["M1;Café;Kyiv", "M1;Ivan;№ 5", "M1;Олена;Kyiv", "M1;Zoë;Київ"])
def test_lines_of_utf8_text_around_a_cp1251_one_still_refuse_the_file(stocked, tmp_path, utf8):
    """The other direction, with the rule that a line counts only when it reads as text: UTF-8 lines of
    accented Latin, a №, Cyrillic, before or after a cp1251 line, say the file is UTF-8, and the cp1251
    line is named; a line valid as UTF-8 that reads as no text (`ВІ` in cp1251, "²") does not."""
    ws, before = stocked
    cp1251 = "M3;Бондар;Одеса\n".encode("cp1251")
    for content, row in (
        (f"id;last_name;city\n{utf8}\n".encode() + cp1251, 3),
        (b"id;last_name;city\n" + cp1251 + f"{utf8}\n".encode(), 2),
    ):
        path = tmp_path / "mixed.csv"
        path.write_bytes(content)
        with pytest.raises(EncodingError) as caught:
            import_file(ws, "customers", path)
        assert (caught.value.code, caught.value.row) == ("import.encoding_mixed", row)
    assert_nothing_changed(ws, before)
    # a cp1251 file whose first line beyond ASCII is valid UTF-8 too lands, its lines as cp1251 reads them
    path.write_bytes(b"id;last_name;city\n" + "M4;ВІ;\n".encode("cp1251") + cp1251)
    assert import_file(ws, "customers", path).inserted == 2


def test_invalid_dates(stocked, tmp_path):
    ws, before = stocked
    path = write(
        tmp_path / "dates.csv",
        ORDERS_HEADER + "N1,K1,31.02.2024,5\nN2,K1,2024-13-01,5\nN3,K1,вчора,5\nN4,K2,01.03.2024,5\n",
    )
    summary, rows = run_bad(ws, "orders", path)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (2, "ordered_at", "31.02.2024"),
        (3, "ordered_at", "2024-13-01"),
        (4, "ordered_at", "вчора"),
    ]
    assert "not a valid calendar date" in rows[0][3] and "not a date in a known format" in rows[2][3]
    assert summary.inserted == 1
    assert_stored_rows_kept(ws, before)


def test_a_two_digit_year_is_refused_not_read_as_year_24(stocked, tmp_path):
    ws, before = stocked
    path = write(tmp_path / "yy.csv", ORDERS_HEADER + "Y1,K1,15.03.24,5\nY2,K1,15.03.2024,5\n")
    summary, rows = run_bad(ws, "orders", path)
    assert [(r[0], r[1], r[2]) for r in rows] == [(2, "ordered_at", "15.03.24")]
    assert "implausible year" in rows[0][3] and "--date-format '%d.%m.%y'" in rows[0][3]
    assert summary.inserted == 1
    assert_stored_rows_kept(ws, before)

    # the fix the message names works: the refused row lands, in 2024
    again = import_file(
        ws,
        "orders",
        write(tmp_path / "yy2.csv", ORDERS_HEADER + "Y1,K1,15.03.24,5\n"),
        date_format="%d.%m.%y",
    )
    assert again.inserted == 1
    ordered = ws.raw.execute("SELECT year(ordered_at) FROM orders WHERE order_id = 'Y1'").fetchall()
    assert ordered == [(2024,)]


def test_negative_and_nan_amounts_from_csv_and_parquet(stocked, tmp_path):
    ws, before = stocked
    path = write(
        tmp_path / "amounts.csv",
        ORDERS_HEADER + "N1,K1,2024-01-02,-5\nN2,K1,2024-01-02,NaN\n"
        "N3,K1,2024-01-02,abc\nN4,K1,2024-01-02,7\n",
    )
    _, rows = run_bad(ws, "orders", path)
    assert [(r[0], r[1]) for r in rows] == [(2, "total"), (3, "total"), (4, "total")]
    assert "negative amount" in rows[0][3] and "NaN" in rows[1][3] and "not a number: 'abc'" in rows[2][3]
    table = pa.table(
        {
            "order_id": ["P1", "P2", "P3"],
            "customer_id": ["K1", "K1", "K2"],
            "ordered_at": pa.array([1_700_000_000_000_000] * 3, pa.timestamp("us")),
            "total": [float("nan"), -1.5, 3.0],
        }
    )
    pq.write_table(table, tmp_path / "amounts.parquet")
    summary, rows = run_bad(ws, "orders", tmp_path / "amounts.parquet")
    assert [(r[0], r[1]) for r in rows] == [(1, "total"), (2, "total")]  # Parquet rows are 1-based records
    assert "NaN" in rows[0][3] and "negative" in rows[1][3]
    assert summary.inserted == 1
    assert_stored_rows_kept(ws, before)


def test_unknown_customer_references(stocked, tmp_path):
    ws, before = stocked
    path = write(tmp_path / "refs.csv", ORDERS_HEADER + "N1,K9,2024-01-02,5\nN2,,2024-01-02,5\n")
    summary, rows = run_bad(ws, "orders", path)
    assert rows == [(2, "customer_id", "K9", rows[0][3])] and "unknown customer 'K9'" in rows[0][3]
    assert summary.inserted == 1  # the guest order lands
    created = import_file(ws, "orders", path, create_missing_customers=True)
    assert created.tables["customers"]["inserted"] == 1 and created.inserted == 1
    assert_stored_rows_kept(ws, before)


def test_duplicate_keys(stocked, tmp_path):
    ws, before = stocked
    path = write(
        tmp_path / "dups.csv", ORDERS_HEADER + "N1,K1,2024-01-02,5\nN1,K1,2024-01-03,6\nN1,K2,2024-01-04,7\n"
    )
    summary, rows = run_bad(ws, "orders", path)
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (2, "order_id", "duplicate key, superseded by row 4"),
        (3, "order_id", "duplicate key, superseded by row 4"),
    ]
    assert ws.raw.execute("SELECT customer_id, total::INT FROM orders WHERE order_id = 'N1'").fetchall() == [
        ("K2", 7)
    ]
    assert summary.inserted == 1
    assert_stored_rows_kept(ws, before)


@pytest.mark.parametrize(
    ("content", "message", "row"),
    [
        (b"", "the file is empty", None),
        (b"order_id,customer_id,ordered_at,total\n", "header but no data rows", 2),
        (b"order_id,customer_id,ordered_at,total", "header but no data rows", 2),
    ],
    ids=["empty", "header-only", "header-only-no-newline"],
)
def test_files_with_nothing_to_read(stocked, tmp_path, content, message, row):
    ws, before = stocked
    path = tmp_path / "nothing.csv"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message) as caught:
        import_file(ws, "orders", path)
    assert (caught.value.file, caught.value.row) == (str(path), row)
    assert_nothing_changed(ws, before)


def test_huge_single_field(stocked, tmp_path):
    ws, before = stocked
    path = write(
        tmp_path / "huge.csv", "id,name,city\nN1,Ann,Kyiv\nN2," + "x" * 3_000_000 + ",Lviv\nN3,Carl,Odesa\n"
    )
    summary, rows = run_bad(ws, "customers", path)
    assert [r[0] for r in rows] == [3]
    assert "longer than" in rows[0][3] and len(rows[0][2]) < 300
    assert summary.inserted == 2
    assert_stored_rows_kept(ws, before)


def test_xlsx_with_a_merged_header(stocked, tmp_path):
    ws, before = stocked
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Клієнти"
    sheet.append(["id", "Ім'я", None])
    sheet.append(["N1", "Анна", "Коваль"])
    sheet.merge_cells("B1:C1")
    path = Path(tmp_path / "merged.xlsx")
    book.save(path)
    with pytest.raises(
        DataError, match=r"sheet 'Клієнти', cell C1: the header cells B1:C1 are merged"
    ) as caught:
        import_file(ws, "customers", path)
    assert caught.value.file == str(path) and caught.value.row == 1
    assert_nothing_changed(ws, before)


def test_an_error_midway_rolls_everything_back(stocked, tmp_path, monkeypatch):
    """A failure after rows were written (here: while recording the import) leaves the store as it was."""
    ws, before = stocked
    from segmint.ingest import pipeline

    def explode(self, summary):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline._Run, "record", explode)
    path = write(tmp_path / "fine.csv", ORDERS_HEADER + "N1,K1,2024-01-02,5\nO1,K2,2024-01-02,99\n")
    with pytest.raises(RuntimeError, match="disk full"):
        import_file(ws, "orders", path)
    assert_nothing_changed(ws, before)
