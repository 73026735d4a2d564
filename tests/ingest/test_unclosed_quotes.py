"""Unreadable lines of a CSV file: a quote never closed quarantines its own line only, and the rows after it
are read as a spreadsheet shows them; a quarantined line is shown as it is in the file, and its reason is
worded in the workspace's language."""

from __future__ import annotations

import json

import pytest
from tests.ingest.conftest import write

from segmint import import_file
from segmint.web.import_errors import stored_reason
from segmint.web.messages import translate

HEADER = "customer_id,name,email"


def quarantined(ws, import_id):
    return ws.raw.execute(
        'SELECT "row", "column", value, reason, reason_code, reason_params, record FROM quarantine '
        'WHERE import_id = ? ORDER BY "row"',
        [import_id],
    ).fetchall()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_an_unclosed_quote_quarantines_its_line_and_the_rows_after_it_land(workspace, tmp_path, newline):
    """The quote of `"Ivanenko` is never closed: DuckDB read the rest of the file as that one value and
    rejected it as one record, so the import said 4 rows read of 6 records (or 3) and lost the last three."""
    lines = [
        HEADER,
        "1,Anna,anna@example.com",
        "2,Bohdan,b@example.com",
        '3,"Ivanenko,i@example.com',
        "",  # an empty line right after it is a row, as the others
        "4,Dmytro,d@@example.com",  # a value refused after it keeps its spreadsheet row
        "5,Olena,o@example.com",
        "6,Petro,p@example.com",
    ]
    path = write(tmp_path / "quote.csv", newline.join(lines) + newline)
    summary = import_file(workspace, "customers", path)
    assert (summary.rows_read, summary.landed, summary.quarantined) == (6, 5, 1)
    ((row, column, value, reason, code, _params, record),) = quarantined(workspace, summary.import_id)
    assert (row, column, value, code) == (4, "name", '3,"Ivanenko,i@example.com', "import.csv_quotes")
    assert reason.startswith("unbalanced quotes")
    assert json.loads(record) == {"line": '3,"Ivanenko,i@example.com'}
    landed = workspace.raw.execute("SELECT customer_id FROM customers ORDER BY 1").fetchall()
    assert landed == [("1",), ("2",), ("4",), ("5",), ("6",)]
    refused = workspace.raw.execute('SELECT record_key, "row", value FROM rejected_values').fetchall()
    assert refused == [("4", 6, "d@@example.com")]


def test_each_unclosed_quote_is_its_own_row_and_other_bad_lines_keep_theirs(workspace, tmp_path):
    """Two unclosed quotes, a stray quote in a later value (O"Brien is text, as in a spreadsheet), a
    quoted cell across two lines (one row) and a line with a column too many, after and before them."""
    lines = [
        HEADER,
        '1,"Anna',
        'Maria",anna@example.com',
        "2,Bohdan,b@example.com,extra",
        '3,"Ivanenko,i@example.com',
        '4,O"Brien,ob@example.com',
        "5,Olena,o@example.com,x",
        '6,Petro,"p@example.com',
        "7,Ira,ira@example.com",
    ]
    summary = import_file(workspace, "customers", write(tmp_path / "quotes.csv", "\n".join(lines) + "\n"))
    assert (summary.rows_read, summary.landed, summary.quarantined) == (7, 3, 4)
    rows = [(r[0], r[2], r[4]) for r in quarantined(workspace, summary.import_id)]
    assert rows == [
        (3, "2,Bohdan,b@example.com,extra", "import.csv_columns.counts"),
        (4, '3,"Ivanenko,i@example.com', "import.csv_quotes"),
        (6, "5,Olena,o@example.com,x", "import.csv_columns.counts"),
        (7, '6,Petro,"p@example.com', "import.csv_quotes"),
    ]
    landed = workspace.raw.execute("SELECT customer_id, last_name FROM customers ORDER BY 1").fetchall()
    assert [r[0] for r in landed] == ["1", "4", "7"]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_an_unclosed_quote_is_worded_without_the_readers_english(workspace, tmp_path, lang):
    """The uk and ru reason ended in DuckDB's "(Value with unterminated quote found.)"."""
    path = write(tmp_path / "quote.csv", f'{HEADER}\n1,"Anna,anna@example.com\n2,Bohdan,b@example.com\n')
    summary = import_file(workspace, "customers", path)
    ((_row, _column, _value, reason, code, params, _record),) = quarantined(workspace, summary.import_id)
    worded = translate(stored_reason(reason, code, json.loads(params)), lang)
    assert worded.startswith({"uk": "незакриті лапки", "ru": "незакрытые кавычки"}[lang])
    assert "Value" not in worded and "quote" not in worded
    assert translate(stored_reason(reason, code, json.loads(params)), "en") == reason


def test_a_line_with_a_wrong_column_count_is_shown_without_a_line_break(workspace, tmp_path):
    """In a file of CRLF lines (a Windows export), and after an empty line, the line DuckDB rejects starts
    with the line break before it: the quarantine showed "\\n2,Bohdan,...", an empty first line."""
    lines = [HEADER, "1,Anna,anna@example.com", "2,Bohdan,b@example.com,extra", "", "3,Iryna", "4,Ira,i@x.ua"]
    summary = import_file(workspace, "customers", write(tmp_path / "cols.csv", "\r\n".join(lines) + "\r\n"))
    rows = [(r[0], r[2], json.loads(r[6])) for r in quarantined(workspace, summary.import_id)]
    assert rows == [
        (3, "2,Bohdan,b@example.com,extra", {"line": "2,Bohdan,b@example.com,extra"}),
        (5, "3,Iryna", {"line": "3,Iryna"}),
    ]


def test_a_file_with_many_unclosed_quotes_is_read_again_a_bounded_number_of_times(workspace, tmp_path):
    """Each unclosed quote reads the rest of the file again; with a stray quote every few lines that was one
    read a quote (1,000 quotes in 20,000 lines: 205 s, then out of memory). Past MAX_REREADS the rest is read
    as one piece, as DuckDB reads it, so the first ones are quarantined alone and no line is lost."""
    from segmint.ingest.readers import MAX_REREADS

    quotes = MAX_REREADS + 5
    lines = [HEADER]
    for i in range(quotes * 4):
        lines.append(f'{i},"Ivan {i},i{i}@example.com' if i % 4 == 1 else f"{i},Name {i},n{i}@example.com")
    path = write(tmp_path / "quotes.csv", "\n".join(lines) + "\n")
    summary = import_file(workspace, "customers", path)
    rows = quarantined(workspace, summary.import_id)
    alone = [row for row, _column, value, *_rest in rows if "\n" not in value]
    # the first MAX_REREADS runaway lines are their own rows (a quarantined row is its file row: i + 2)
    runaway = [row for row in alone if (row - 2) % 4 == 1]
    assert runaway[:MAX_REREADS] == [i * 4 + 3 for i in range(MAX_REREADS)]
    # every line before the last re-read landed or is quarantined; the rest is read as one piece
    landed = {key for (key,) in workspace.raw.execute("SELECT customer_id FROM customers").fetchall()}
    assert {str(i) for i in range(MAX_REREADS * 4) if i % 4 != 1} <= landed
    assert summary.rows_read < quotes * 4  # the last quotes swallowed lines, as before
