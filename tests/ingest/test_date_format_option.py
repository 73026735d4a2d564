"""The declared date format is read by the library, once, before anything is read (ingest/dateformats.py):
a directive strptime does not read (`%Q`, a stray `%`, `%E`) is refused with a coded MappingError naming
the option and the directive, a notation such as `ДД.ММ.РРРР` reads as `%d.%m.%Y`, and a text that is
neither is refused, in Python and the CLI alike (the API's and the web page's:
tests/api/test_import_date_format.py, tests/web/test_import_date_format.py). Old behaviour: DuckDB
refused the directive mid-import (a traceback from the CLI, a 500 from the API), and `ДД.ММ.РРРР`
quarantined every row outside the web page."""

from __future__ import annotations

import pytest
from tests.cli import segmint
from tests.ingest.conftest import snapshot, write

from segmint import import_file
from segmint.errors import MappingError
from segmint.web.messages import translate

ORDERS = "order_id,customer_id,ordered_at,total\nQ1,K1,01.12.2025,5\nQ2,K1,2025-12-02,7\n"
BAD = {"%Q": "%Q", "%d.%m.%": "%", "%E": "%E", "%Y-%m-%d %Q": "%Q", "%d.%-Q.%Y": "%-Q"}


@pytest.mark.parametrize(("typed", "directive"), BAD.items())
def test_a_directive_strptime_does_not_read_is_refused_before_anything_is_read(
    workspace, tmp_path, typed, directive
):
    path = write(tmp_path / "orders.csv", ORDERS)
    before = snapshot(workspace)
    with pytest.raises(MappingError) as refused:
        import_file(workspace, "orders", path, date_format=typed, create_missing_customers=True)
    assert refused.value.code == "import.date_format_directive"
    assert refused.value.params == {"format": typed, "directive": directive}
    assert str(refused.value).startswith(f"--date-format {typed!r}: {directive!r} is not a directive")
    assert snapshot(workspace) == before
    assert translate(refused.value, "uk").startswith(f"Формат дат: {typed!r} — {directive!r} не є директивою")
    assert translate(refused.value, "ru", cli=True).startswith(
        f"--date-format {typed!r}: {directive!r} не явл"
    )


@pytest.mark.parametrize("typed", ["ДД.ММ.РРРР", "дд.мм.рррр", "ДД.ММ.ГГГГ", "DD.MM.YYYY", " %d.%m.%Y "])
def test_a_notation_of_day_month_and_year_reads_as_the_format_it_names(workspace, tmp_path, typed):
    path = write(tmp_path / "orders.csv", ORDERS)
    summary = import_file(workspace, "orders", path, date_format=typed, create_missing_customers=True)
    assert (summary.inserted, summary.quarantined) == (1, 1)  # the ISO date is not in the declared format
    landed = workspace.raw.execute("SELECT order_id, ordered_at::DATE::VARCHAR FROM orders").fetchall()
    assert landed == [("Q1", "2025-12-01")]
    (reason,) = workspace.raw.execute("SELECT reason FROM quarantine").fetchone()
    assert reason == "does not match the declared date format '%d.%m.%Y': '2025-12-02'"


@pytest.mark.parametrize("typed", ["abc", "день.місяць", "%%", "ДД.ММ.РРРР р."])
def test_a_format_with_no_directive_is_refused_not_quarantining_every_row(workspace, tmp_path, typed):
    path = write(tmp_path / "orders.csv", ORDERS)
    with pytest.raises(MappingError) as refused:
        import_file(workspace, "orders", path, date_format=typed, create_missing_customers=True)
    assert (refused.value.code, refused.value.params) == ("import.date_format_unreadable", {"format": typed})
    assert workspace.raw.execute("SELECT count(*) FROM imports").fetchone() == (0,)


def test_a_mapping_files_date_format_is_read_and_refused_the_same_way(workspace, tmp_path):
    path = write(tmp_path / "orders.csv", ORDERS)
    bad = write(tmp_path / "bad.yaml", 'columns: {}\ndate_format: "%d.%m.%"\n')
    with pytest.raises(MappingError) as refused:
        import_file(workspace, "orders", path, mapping_file=bad, create_missing_customers=True)
    assert refused.value.code == "import.date_format_directive.mapping"
    assert refused.value.params == {"file": str(bad), "format": "%d.%m.%", "directive": "%"}
    assert translate(refused.value, "uk").startswith(f"{bad}: date_format '%d.%m.%' — '%' не є директивою")
    notation = write(tmp_path / "dmy.yaml", "columns: {}\ndate_format: ДД.ММ.РРРР\n")
    summary = import_file(workspace, "orders", path, mapping_file=notation, create_missing_customers=True)
    assert (summary.inserted, summary.quarantined) == (1, 1)


def test_the_cli_refuses_a_bad_date_format_in_one_line_naming_the_option(tmp_path):
    ws = tmp_path / "ws"
    segmint("init", ws)
    path = write(tmp_path / "orders.csv", ORDERS)
    done = segmint("-w", ws, "import", "orders", path, "--date-format", "%Q", wide=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip().startswith(
        "Error: --date-format '%Q': '%Q' is not a directive of a date format"
    )
    done = segmint("-w", ws, "import", "orders", path, "--date-format", "%d.%m.%", wide=True, language="uk")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "--date-format '%d.%m.%': '%' не є директивою формату дат" in done.stderr
    done = segmint("-w", ws, "import", "orders", path, "--date-format", "ДД.ММ.РРРР",
                   "--create-missing-customers", "--no-refresh", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert '"inserted": 1' in done.stdout and '"quarantined": 1' in done.stdout
