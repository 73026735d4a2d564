"""An import's errors and reasons, said in a Ukrainian or Russian workspace's terminal, name the command's
option to give (--map, --date-format, --encoding, --create-missing-customers), as the English does: they
were the web page's words, "впишіть ... у поле «Відповідність колонок»", a form field a terminal has not.
The page keeps naming its fields (tests/web/test_import_errors.py)."""

from __future__ import annotations

import pytest
from tests.cli import ok, segmint

FIELDS = ("«Відповідність колонок»", "«Сопоставление колонок»", "«Формат дат»", "«Кодування»", "«Кодировка»",
          "«Створити відсутніх клієнтів»", "«Создать отсутствующих клиентов»")  # fmt: skip


def _said(done) -> str:
    return done.stdout + done.stderr


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_an_imports_errors_in_the_terminal_name_the_option_not_the_pages_field(tmp_path, lang):
    ws = tmp_path / "ws"
    ok("init", ws, "--language", lang)
    (tmp_path / "c.csv").write_text("customer_id,first_name\nK1,A\n", encoding="utf-8")
    refused = segmint(
        "-w", ws, "import", "orders", tmp_path / "c.csv", "--no-refresh", language=None, wide=True
    )  # fmt: skip
    assert refused.returncode == 1 and "--map " in refused.stderr and "=order_id" in refused.stderr, refused
    (tmp_path / "latin.csv").write_bytes("customer_id,first_name\nK2,Олена\n".encode("cp1251"))
    unreadable = segmint("-w", ws, "import", "customers", tmp_path / "latin.csv", "--encoding", "utf-8",
                         "--no-refresh", language=None, wide=True)  # fmt: skip
    assert unreadable.returncode == 1 and "--encoding" in unreadable.stderr, unreadable
    (tmp_path / "d.csv").write_text(
        "customer_id,signup_date\nD1,03/25/2024\nD2,25/03/2024\nD3,03/04/2024\nD4,15.03.24\n",
        encoding="utf-8",
    )
    ok("-w", ws, "import", "customers", tmp_path / "d.csv", "--no-refresh", language=None, wide=True)
    (tmp_path / "o.csv").write_text(
        "order_id,customer_id,ordered_at,total\nO1,NOBODY,2024-03-01,10\n", encoding="utf-8"
    )
    ok("-w", ws, "import", "orders", tmp_path / "o.csv", "--no-refresh", language=None, wide=True)
    audit = ok("-w", ws, "audit", language=None, wide=True)
    quarantine = ok("-w", ws, "quarantine", language=None, wide=True)
    said = "\n".join(_said(done) for done in (refused, unreadable, audit, quarantine))
    for option in ("--date-format '%d.%m.%y'", "--create-missing-customers"):
        assert option in said, (option, said)
    assert said.count("--date-format") >= 2, said  # and the month-first or day-first one
    assert not [field for field in FIELDS if field in said], said


def test_the_terminals_words_are_those_of_codes_the_page_words_in_both_languages():
    """Every code the terminal words otherwise is one the page words, in uk and in ru alike."""
    from segmint.web.import_errors import CLI_TABLE, TABLE

    for lang in ("uk", "ru"):
        different = {code for code, text in CLI_TABLE.texts[lang].items() if TABLE.texts[lang][code] != text}
        assert different == {
            "import.date_month_first",
            "import.date_order",
            "import.date_year",
            "import.unknown_customer",
            "import.encoding_bytes",
            "import.encoding_mixed",
            "import.required_column",
            "import.required_column.currency",
            "import.date_format_directive",
            "import.date_format_unreadable",
            "import.delimiter",  # the terminal names --delimiter, the page its field
        }, lang
