"""The import form's date format, typed the way the pages write dates (ДД.ММ.РРРР), or as something the
import cannot read (hunt-web, s22)."""

from __future__ import annotations

import pytest
from tests.web.test_import_errors import error_of, imports_stored, log_in, upload
from tests.web.test_import_refresh import wait_for_state

PEOPLE = "Код клієнта;Повне ім'я;Дата народження\nD1;Дарина Датова;12.03.1985\nD2;Денис Датов;05.11.1992\n"


@pytest.mark.parametrize("typed", ["ДД.ММ.РРРР", "дд.мм.рррр", "ДД.ММ.ГГГГ", "dd.mm.yyyy", "%d.%m.%Y"])
def test_a_date_format_written_as_day_month_year_reads_the_dates(client, shop, typed):
    """Old code: the text went to the reader as a strftime format, which "ДД.ММ.РРРР" is not: every birth
    date was refused ("не відповідає формату дат 'ДД.ММ.РРРР'") and left out of the rows."""
    log_in(client, shop.tokens["editor"])
    fields = {"entity": "customers", "date_format": typed}
    answer = upload(client, "uk", "клієнти.csv", PEOPLE.encode("cp1251"), **fields)
    assert answer.status_code == 303, error_of(answer.text)
    wait_for_state(client, answer.headers["location"].split("id=")[1])
    ws = client.app.state.workspace.ws
    query = "SELECT customer_id, birth_date::VARCHAR FROM customers WHERE customer_id IN ('D1', 'D2')"
    born = dict(ws.raw.execute(query).fetchall())
    assert born == {"D1": "1985-03-12", "D2": "1992-11-05"}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", "Формат дат: 'день.місяць' — не формат, який читає імпорт; впишіть його директивами"),
        ("ru", "Формат дат: 'день.місяць' — не формат, который читает импорт; впишите его директивами"),
    ],
)
def test_a_date_format_the_import_cannot_read_is_refused_on_the_form(client, shop, lang, said):
    """Old code: the import ran and put every date in quarantine or out of its row."""
    log_in(client, shop.tokens["editor"])
    before = imports_stored(client)
    fields = {"entity": "customers", "date_format": "день.місяць"}
    answer = upload(client, lang, "клієнти.csv", PEOPLE.encode(), **fields)
    assert answer.status_code == 400
    assert error_of(answer.text).startswith(said), error_of(answer.text)
    assert 'value="день.місяць"' in answer.text  # what was typed is kept
    assert imports_stored(client) == before


@pytest.mark.parametrize(
    ("lang", "typed", "said"),
    [
        ("uk", "%d.%m.%", "Формат дат: '%d.%m.%' — '%' не є директивою формату дат"),
        ("ru", "%Q", "Формат дат: '%Q' — '%Q' не является директивой формата дат"),
        ("en", "%E", "Date format: '%E' — '%E' is not a directive of a date format"),
    ],
)
def test_a_directive_the_import_cannot_read_is_refused_on_the_form(client, shop, lang, typed, said):
    """Old code: any text with a % went to DuckDB's strptime, which refused it mid-import: the page was the
    API's JSON, 500 internal_error (hunt-web s32, finding 1)."""
    log_in(client, shop.tokens["editor"])
    before = imports_stored(client)
    answer = upload(client, lang, "клієнти.csv", PEOPLE.encode(), entity="customers", date_format=typed)
    assert answer.status_code == 400 and answer.headers["content-type"].startswith("text/html")
    assert error_of(answer.text).startswith(said), error_of(answer.text)
    assert f'value="{typed}"' in answer.text  # what was typed is kept
    assert imports_stored(client) == before
