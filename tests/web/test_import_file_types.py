"""An upload the reader cannot take (an .xls from 1C or an old Excel, an .ods, a PDF) is refused for its type,
in the page's language, with the form kept (hunt-web, s22)."""

from __future__ import annotations

import pytest
from tests.web.test_import_errors import error_of, imports_stored, log_in, upload

XLS = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(1024)  # an OLE2 compound file's start, as every .xls has
ODS = b"PK\x03\x04" + bytes(200)  # a zip's start, as an .ods or .numbers has
WORDS = {
    "uk": "непідтримуваний тип файлу '{suffix}'; завантажте CSV, .xlsx, Parquet або JSON lines",
    "ru": "неподдерживаемый тип файла '{suffix}'; загрузите CSV, .xlsx, Parquet или JSON lines",
    "en": "unsupported file type '{suffix}'; use CSV, .xlsx, Parquet or JSON lines",
}


@pytest.mark.parametrize("lang", WORDS)
@pytest.mark.parametrize(
    ("name", "content"), [("клієнти.xls", XLS), ("клієнти.ods", ODS), ("звіт.pdf", b"%PDF-1.4")]
)
def test_a_file_of_a_type_the_reader_cannot_take_is_refused_for_its_type(client, shop, lang, name, content):
    """Old code: the page saved any upload of an unknown suffix as CSV, so an .xls was read as cp1251 text
    and refused with 'рядок 2: у файлі є рядок заголовків, але немає рядків даних', which sends the user
    looking for rows in a file that has them."""
    log_in(client, shop.tokens["editor"])
    before = imports_stored(client)
    answer = upload(client, lang, name, content, entity="orders", encoding="cp1251")
    assert answer.status_code == 400
    suffix = "." + name.rsplit(".", 1)[1]
    assert error_of(answer.text) == f"{name}: " + WORDS[lang].format(suffix=suffix)
    assert '<option value="orders" selected>' in answer.text and 'value="cp1251"' in answer.text
    assert imports_stored(client) == before


def test_a_text_export_with_a_name_the_reader_does_not_know_is_still_read_as_delimited_text(client, shop):
    """An export named .dat or .prn (or with no suffix) is text: it is imported as CSV, as before."""
    log_in(client, shop.tokens["editor"])
    for n, name in enumerate(("клієнти.dat", "клієнти.prn", "клієнти")):
        people = f"customer_id;full_name\nT{n};Тарас Текстовий\n".encode("cp1251")
        answer = upload(client, "uk", name, people, entity="customers")
        assert answer.status_code == 303, (name, error_of(answer.text))


NOT_A_WORKBOOK = {
    "uk": "це не книга Excel (.xlsx), яку можна прочитати: файл не в цьому форматі",
    "ru": "это не книга Excel (.xlsx), которую можно прочитать: файл не в этом формате",
    "en": "not a readable Excel workbook (.xlsx): the file is not in that format",
}


@pytest.mark.parametrize("lang", NOT_A_WORKBOOK)
def test_a_file_named_xlsx_that_is_no_workbook_is_refused_in_the_pages_language(client, shop, lang):
    """Old code: 'клієнти.xlsx: не вдається прочитати книгу .xlsx: File is not a zip file', zipfile's
    English on every page."""
    log_in(client, shop.tokens["editor"])
    before = imports_stored(client)
    text = "customer_id;full_name\nT1;Тарас Текстовий\n".encode()
    answer = upload(client, lang, "клієнти.xlsx", text, entity="customers")
    assert answer.status_code == 400
    shown = error_of(answer.text)
    assert shown.startswith(f"клієнти.xlsx: {NOT_A_WORKBOOK[lang]}"), shown
    assert "zip" not in shown and imports_stored(client) == before
