"""A record the CSV reader could not read is quarantined with a reason a Ukrainian or Russian reader reads
whole in their language: DuckDB's English sentence is kept in English only (as 7cbd67f did for quotes)."""

from __future__ import annotations

import duckdb
import pytest
from tests.ingest.conftest import quarantined, write

from segmint import import_file
from segmint.ingest.readers import MAX_FIELD_BYTES, _csv_problem, _scan
from segmint.web.import_errors import stored_reason
from segmint.web.messages import translate

HEADER = "customer_id,name,email"
STARTS = {
    "import.csv_too_long": {"uk": "поле або рядок довші за", "ru": "поле или строка длиннее"},
    "import.csv_encoding": {"uk": "байти, що не є текстом", "ru": "байты, которые не являются текстом"},
}


def worded(reason, lang):
    return translate(stored_reason(str(reason), reason.code, reason.params), lang)


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_a_line_over_the_size_limit_is_worded_without_duckdbs_english(workspace, tmp_path, lang):
    """The uk and ru reason ended in "(Maximum line size of 2000000 bytes exceeded. Actual Size:2100016
    bytes.)"; the limit stays, in the language's sentence."""
    long_name = "x" * (MAX_FIELD_BYTES + 100_000)
    path = write(tmp_path / "long.csv", f"{HEADER}\n1,Anna,a@example.com\n2,{long_name},b@example.com\n")
    summary = import_file(workspace, "customers", path)
    ((row, (_column, _value, code, params)),) = quarantined(workspace, summary.import_id).items()
    assert (row, code) == (3, "import.csv_too_long")
    reason = workspace.raw.execute(
        "SELECT reason FROM quarantine WHERE import_id = ?", [summary.import_id]
    ).fetchone()[0]
    text = translate(stored_reason(reason, code, params), lang)
    assert text.startswith(STARTS[code][lang]) and "2000000" in text
    assert "Maximum" not in text and "Size" not in text and "(" not in text
    assert translate(stored_reason(reason, code, params), "en") == reason  # English keeps DuckDB's
    assert "Maximum line size" in reason


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_bytes_duckdb_cannot_read_are_worded_without_its_english(tmp_path, lang):
    """DuckDB's reason of bytes that are not UTF-8 (its reject of a real file; the import refuses such a
    file before DuckDB reads it, textfiles.check_encoding) ended in "(Invalid unicode (byte sequence
    mismatch) detected. This file is not utf-8 encoded.)"."""
    path = tmp_path / "bytes.csv"
    path.write_bytes(f"{HEADER}\n1,Anna,a@example.com\n".encode() + b"2,Bo\xff\xfehdan,b@example.com\n")
    columns = {"customer_id": "VARCHAR", "name": "VARCHAR", "email": "VARCHAR"}
    (reject,) = _scan(duckdb.connect(), path, "_t", ",", columns, True)
    problem = _csv_problem(reject, 0)
    assert (problem.row, problem.column, problem.reason.code) == (3, "name", "import.csv_encoding")
    text = worded(problem.reason, lang)
    assert (
        text
        == STARTS["import.csv_encoding"][lang]
        + {
            "uk": " у кодуванні файлу",
            "ru": " в кодировке файла",
        }[lang]
    )
    assert "utf-8 encoded" in worded(problem.reason, "en")


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_another_reader_error_names_its_kind_without_the_english_sentence(lang):
    """Any other DuckDB reject (csv_other) is worded with DuckDB's name of it, not its English message."""
    reject = {
        "line": 4,
        "column": None,
        "error_type": "INVALID STATE",
        "csv_line": "3,a\rb,c",
        "message": "The CSV Parser state machine reached an invalid state.",
    }
    problem = _csv_problem(reject, 0)
    assert problem.reason.code == "import.csv_other"
    text = worded(problem.reason, lang)
    assert "invalid state" in text and "machine" not in text
