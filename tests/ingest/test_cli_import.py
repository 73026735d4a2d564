"""The real CLI, as a subprocess: summaries on stderr, --json on stdout, `Error: file, row, column`."""

from __future__ import annotations

import functools
import json
import subprocess
import sys

from tests.cli import refused
from tests.cli import segmint as run_segmint
from tests.ingest.conftest import write

segmint = functools.partial(run_segmint, wide=True)  # long error lines are read whole, never wrapped


def test_import_and_quarantine_commands(tmp_path, customers_cp1251, orders_cp1251):
    ws = tmp_path / "ws"
    assert segmint("init", ws).returncode == 0
    done = segmint("import", "customers", customers_cp1251, "-w", ws)
    assert done.returncode == 0, done.stderr
    assert "inserted" in done.stderr and done.stdout == ""
    done = segmint("import", "orders", orders_cp1251, "-w", ws, "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["rows_read"], summary["inserted"], summary["quarantined"]) == (8, 5, 3)
    listed = segmint("quarantine", "-w", ws, "--import", summary["import_id"], "--json")
    document = json.loads(listed.stdout)
    assert document["total"] == 3
    assert {r["row"] for r in document["rows"]} == {7, 8, 9}
    assert all(r["file"] == str(orders_cp1251) and r["reason"] for r in document["rows"])


def test_quarantine_of_an_unknown_import_id_is_refused_as_the_api_refuses_it(tmp_path, customers_cp1251):
    """A mistyped id listed "0 rows in quarantine" (--json {"total": 0, "rows": []}) and exited 0, which
    reads as an import that quarantined nothing; the API answered 404 import.unknown for the same id."""
    ws = tmp_path / "ws"
    segmint("init", ws)
    segmint("import", "customers", customers_cp1251, "-w", ws, "--no-refresh")
    for json_output in ([], ["--json"]):
        done = segmint("quarantine", "-w", ws, "--import", "no-such-id", *json_output)
        assert done.returncode == 1 and refused(done, bool(json_output)), done
        assert done.stderr.strip() == "Error: no import has the id 'no-such-id'"
    done = segmint("quarantine", "-w", ws, "--import", "no-such-id", language=None)  # the workspace's: uk
    assert (done.returncode, done.stderr.strip()) == (
        1,
        "Помилка: немає імпорту з ідентифікатором 'no-such-id'",
    )
    assert segmint("quarantine", "-w", ws, "--json").returncode == 0  # no --import: every import's rows


def test_bad_input_is_one_error_line_with_file_row_and_column(tmp_path):
    ws = tmp_path / "ws"
    segmint("init", ws)
    bad = tmp_path / "bad.csv"
    bad.write_bytes("id;name\n1;Іван\n".encode("cp1251") + b"2;\x98\n")
    done = segmint("import", "customers", bad, "-w", ws, "--encoding", "cp1251")
    assert done.returncode == 1
    message = " ".join(done.stderr.split())  # Rich wraps long lines on a non-terminal stderr
    assert message.startswith(f"Error: {bad}, row 3, column 'name': bytes b'\\x98' ")
    empty = write(tmp_path / "empty.csv", "")
    done = segmint("import", "customers", empty, "-w", ws)
    assert done.returncode == 1 and "the file is empty" in done.stderr
    done = segmint("import", "customers", empty, "-w", ws, "--map", "x=nope")
    assert done.returncode == 1


def test_quarantine_json_gives_each_rows_reason_code_and_params(tmp_path, customers_cp1251, orders_cp1251):
    ws = tmp_path / "ws"
    segmint("init", ws)
    segmint("import", "customers", customers_cp1251, "-w", ws)
    segmint("import", "orders", orders_cp1251, "-w", ws)
    listed = segmint("quarantine", "-w", ws, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)["rows"]
    assert [(r["row"], r["column"], r["reason_code"], r["reason_params"]) for r in rows] == [
        (7, "Код клієнта", "import.unknown_customer", {"customer": "C999"}),  # замовлення.csv
        (8, "Дата", "import.date_unknown_format", {"value": "дата?"}),
        (9, "Сума", "import.negative_total", {"status": "completed"}),
        (7, "Код клієнта", "import.missing", {"field": "customer_id"}),  # клієнти.csv
    ]
    assert rows[1]["reason"].startswith("not a date in a known format")  # the English reason as before


def piped(*args, data: bytes) -> subprocess.CompletedProcess:
    """`... | segmint ARGS`: the real command with `data` on its standard input, a pipe."""
    command = [sys.executable, "-m", "segmint", *map(str, args)]
    return subprocess.run(command, input=data, capture_output=True, timeout=600, check=False)


def test_a_file_piped_in_imports_as_read_from_disk(tmp_path, customers_cp1251):
    ws = tmp_path / "ws"
    segmint("init", ws)
    data = customers_cp1251.read_bytes()
    done = piped("-w", ws, "import", "customers", "-", "--json", "--no-refresh", data=data)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)  # one JSON document
    assert (summary["file"], summary["rows_read"], summary["inserted"], summary["quarantined"]) == (
        "-",
        7,
        6,
        1,
    )
    (file,) = {r["file"] for r in json.loads(segmint("quarantine", "-w", ws, "--json").stdout)["rows"]}
    assert file == "-"
    again = piped("-w", ws, "import", "customers", "/dev/stdin", "--json", "--no-refresh", data=data)
    assert again.returncode == 0, again.stderr
    assert (json.loads(again.stdout)["rows_read"], json.loads(again.stdout)["unchanged"]) == (7, 6)
    empty = piped("-w", ws, "import", "customers", "-", "--json", data=b"")
    assert empty.returncode == 1 and refused(empty)
    _error, where, _reason = empty.stderr.decode().split(": ", 2)  # in the workspace's language
    assert where == "-"


def test_the_field_side_of_map_takes_a_recognised_header_name(tmp_path):
    """Hunt U8: the old code refused `--map "Dt_Customer=дата реєстрації"` (no field 'дата реєстрації') and
    suggested nothing, though `Дата реєстрації` is signup_date's own recognised header."""
    ws = tmp_path / "ws"
    segmint("init", ws)
    file = write(tmp_path / "mk.csv", "ID;Dt_Customer\n1;04.09.2012\n")
    done = segmint("import", "customers", file, "-w", ws, "--map", "Dt_Customer=дата реєстрації", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["mapping"]["Dt_Customer"] == "signup_date"
    misspelt = segmint("import", "customers", file, "-w", ws, "--map", "Dt_Customer=Дата реєстраціі")
    assert misspelt.returncode == 1 and "did you mean 'signup_date'?" in misspelt.stderr


def test_the_columns_kept_as_custom_attributes_are_listed(tmp_path):
    """docs/import.md says the columns that match no field are listed in the summary; a customers file's
    (kept in `custom`) were listed nowhere, in the text or in --json, so a file whose headers were all
    garbled landed with nothing said."""
    ws = tmp_path / "ws"
    segmint("init", ws)
    path = write(tmp_path / "c.csv", "customer_id,last_name,Карта,Примітка\nK1,Шевченко,,x\nK2,Коваль,777,\n")
    done = segmint("import", "customers", path, "-w", ws, "--no-refresh", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["kept_columns"], summary["ignored_columns"]) == (["Карта", "Примітка"], [])
    again = segmint("import", "customers", path, "-w", ws, "--no-refresh", "--map", "Примітка=-")
    assert again.returncode == 0, again.stderr
    said = " ".join(again.stderr.split())
    assert "kept as custom attributes: Карта" in said and "columns not imported: Примітка" in said
    orders = write(
        tmp_path / "o.csv", "order_id,customer_id,ordered_at,total,Касир\nB1,K1,2025-03-01,10,Оля\n"
    )
    done = segmint("import", "orders", orders, "-w", ws, "--no-refresh", "--json")
    assert (json.loads(done.stdout)["kept_columns"], json.loads(done.stdout)["ignored_columns"]) == (
        [],
        ["Касир"],
    )


def test_a_delimiter_of_more_than_one_character_is_refused_in_the_workspaces_words(tmp_path):
    """`--delimiter ab`, `--delimiter '"'` (or a mapping file's `delimiter: ";;"`) stopped the import with
    Python's or DuckDB's traceback ('"delimiter" must be a 1-character string'); a name (tab, semicolon)
    is read in a mapping file as on the command line, where only the command line knew it."""
    ws = tmp_path / "ws"
    segmint("init", ws, "--language", "ru")
    path = write(tmp_path / "c.csv", "id\tcity\nK1\tKyiv\n")
    for given in ("ab", '"', ";;"):
        done = segmint("import", "customers", path, "--delimiter", given, "-w", ws, language=None)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"Ошибка: --delimiter — один знак, например ; , | или tab, а не {given!r}" in done.stderr
    mapping = write(tmp_path / "map.yaml", 'delimiter: ";;"\n')
    done = segmint("import", "customers", path, "--mapping", mapping, "-w", ws, "--no-refresh", language=None)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"Ошибка: {mapping}: delimiter — один знак, например ; , | или tab, а не ';;'" in done.stderr
    write(mapping, "delimiter: tab\n")
    done = segmint("import", "customers", path, "--mapping", mapping, "-w", ws, "--no-refresh", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["inserted"] == 1
