"""The web import page when a file is not what it should be (hunt-web W1-W4), in Ukrainian and Russian: a
refused upload names the user's file (never the server's temporary copy) and the form field to change
(never a CLI flag), in the page's language, and the form keeps what was chosen; values left out of rows
that landed (an invalid e-mail, an impossible date) are listed; quarantine reasons are in the page's
language; "create missing customers" lands orders of unknown customers."""

from __future__ import annotations

import codecs
import csv
import io
import re
from html import unescape

import pytest
from tests.web.conftest import ORIGIN, log_in
from tests.web.test_pages import csrf_of

# lang -> the texts each check expects
WORDS = {
    "uk": {
        "no_column": "немає колонки для обов’язкового поля 'ordered_at' (orders); виберіть її в списку",
        "field": "«Відповідність колонок»",
        "encoding": "клієнти.csv, рядок 2, колонка 'full_name': байти",
        "encoding_field": "впишіть справжнє кодування файлу в поле «Кодування»",
        "empty": "клієнти.csv: файл порожній",
        "again": "виберіть файл ще раз",
        "bad_email": "недійсна адреса e-mail",
        "bad_date": "такої дати в календарі немає: '31.02.2024'",
        "unknown_customer": "невідомий клієнт 'NOBODY' (спершу імпортуйте клієнтів або позначте «Створити "
        "відсутніх клієнтів»)",
        "rejected": "Значення, пропущені в завантажених рядках",
    },
    "ru": {
        "no_column": "нет колонки для обязательного поля 'ordered_at' (orders); выберите её в списке колонок",
        "field": "«Сопоставление колонок»",
        "encoding": "клієнти.csv, строка 2, колонка 'full_name': байты",
        "encoding_field": "впишите настоящую кодировку файла в поле «Кодировка»",
        "empty": "клієнти.csv: файл пустой",
        "again": "выберите файл ещё раз",
        "bad_email": "недействительный адрес e-mail",
        "bad_date": "такой даты в календаре нет: '31.02.2024'",
        "unknown_customer": "неизвестный клиент 'NOBODY' (сначала импортируйте клиентов или отметьте "
        "«Создать отсутствующих клиентов»)",
        "rejected": "Значения, пропущенные в загруженных строках",
    },
}


def upload(client, lang: str, name: str, content: bytes, **fields):
    data = {"csrf": csrf_of(client, f"/ui/imports?lang={lang}"), **fields}
    return client.post(
        f"/ui/imports?lang={lang}",
        data=data,
        files={"file": (name, content, "text/csv")},
        headers=ORIGIN,
        follow_redirects=False,
    )


def error_of(html: str) -> str:
    return unescape(re.search(r'id="import-error">([^<]*)<', html).group(1))


def imports_stored(client) -> int:
    return client.app.state.workspace.ws.raw.execute("SELECT count(*) FROM imports").fetchone()[0]


@pytest.mark.parametrize("lang", WORDS)
def test_a_refused_upload_names_the_users_file_and_the_form_field_and_keeps_the_form(client, shop, lang):
    log_in(client, shop.tokens["editor"])
    before = imports_stored(client)
    orders = "Номер;Клієнт;Сума\nZ1;C0000001;100,50\n".encode()
    fields = {
        "entity": "orders",
        "mapping": "Номер=order_id",
        "encoding": "utf-8",
        "delimiter": ";",
        "date_format": "%d.%m.%Y",
        "create_missing_customers": "1",
    }
    answer = upload(client, lang, "замовлення.csv", orders, **fields)
    assert answer.status_code == 400
    error = error_of(answer.text)
    assert error.startswith("замовлення.csv: "), error
    assert WORDS[lang]["no_column"] in error and WORDS[lang]["field"] in error, error
    assert "/tmp" not in error and "upload.csv" not in error and "--map" not in error, error
    page = unescape(answer.text)
    assert WORDS[lang]["again"] in page
    assert '<option value="orders" selected>' in page  # not back to the first entity
    assert "Номер=order_id</textarea>" in page
    for name in ("encoding", "delimiter", "date_format"):
        assert f'name="{name}"' in page and f'value="{fields[name]}"' in page
    assert re.search(r'name="create_missing_customers" value="1"\s+checked', page)
    assert imports_stored(client) == before  # refused: nothing stored


@pytest.mark.parametrize("lang", WORDS)
def test_an_unreadable_or_empty_file_is_refused_with_its_name_row_and_column(client, shop, lang):
    log_in(client, shop.tokens["editor"])
    cp1251 = "customer_id,full_name,city\nE1,Олена Коваль,Київ\n".encode("cp1251")
    answer = upload(client, lang, "клієнти.csv", cp1251, entity="customers", encoding="utf-8")
    assert answer.status_code == 400
    error = error_of(answer.text)
    assert error.startswith(WORDS[lang]["encoding"]) and WORDS[lang]["encoding_field"] in error, error
    assert "--encoding" not in error and "/tmp" not in error
    empty = upload(client, lang, "клієнти.csv", b"", entity="customers")
    assert empty.status_code == 400 and error_of(empty.text) == WORDS[lang]["empty"]


@pytest.mark.parametrize("lang", WORDS)
def test_values_left_out_and_quarantine_reasons_are_shown_in_the_page_language(client, shop, lang):
    log_in(client, shop.tokens["editor"])
    customers = (
        "customer_id;full_name;email;signup_date\n"
        "R1;Дмитро Іваненко;dmytro@example;15.03.2024\n"
        "R2;Ірина Коваленко;iryna@example.com;31.02.2024\n"
    ).encode()
    answer = upload(client, lang, "клієнти.csv", customers, entity="customers")
    assert answer.status_code == 303, answer.text
    import_page = unescape(client.get(answer.headers["location"] + f"&lang={lang}").text)
    rejected = import_page.split('id="rejected"')[1]
    assert WORDS[lang]["rejected"] in rejected
    assert "dmytro@example" in rejected and WORDS[lang]["bad_email"] in rejected
    assert "31.02.2024" in rejected and WORDS[lang]["bad_date"] in rejected

    orders = b"order_id,customer_id,ordered_at,total\nQ1,NOBODY,2024-03-01,10\n"
    answer = upload(client, lang, "замовлення.csv", orders, entity="orders")
    assert answer.status_code == 303, answer.text
    import_page = unescape(client.get(answer.headers["location"] + f"&lang={lang}").text)
    assert WORDS[lang]["unknown_customer"] in import_page.split('id="quarantine"')[1]

    # the box the reason names: the order lands and its customer is created
    answer = upload(client, lang, "замовлення.csv", orders, entity="orders", create_missing_customers="1")
    assert answer.status_code == 303, answer.text
    raw = client.app.state.workspace.ws.raw
    assert raw.execute("SELECT count(*) FROM orders WHERE order_id = 'Q1'").fetchone()[0] == 1
    assert raw.execute("SELECT count(*) FROM customers WHERE customer_id = 'NOBODY'").fetchone()[0] == 1


@pytest.mark.parametrize("lang", WORDS)
def test_a_quarantine_reason_is_worded_from_its_stored_code_whatever_its_english_says(client, shop, lang):
    """The page matched the English reason against patterns: a reason whose English wording changed was
    shown in English on the Ukrainian and Russian pages. It is worded from its stored code and params; a
    row stored before codes were kept (no code) is shown as stored."""
    log_in(client, shop.tokens["editor"])
    orders = b"order_id,customer_id,ordered_at,total\nQ9,NOBODY,2024-03-01,10\n"
    answer = upload(client, lang, "замовлення.csv", orders, entity="orders")
    assert answer.status_code == 303, answer.text
    import_id = answer.headers["location"].split("id=")[1]
    raw = client.app.state.workspace.ws.raw
    raw.execute("UPDATE quarantine SET reason = 'nobody knows NOBODY yet' WHERE import_id = ?", [import_id])
    import_page = unescape(client.get(answer.headers["location"] + f"&lang={lang}").text)
    quarantine = import_page.split('id="quarantine"')[1]
    assert WORDS[lang]["unknown_customer"] in quarantine and "nobody knows" not in quarantine
    raw.execute("UPDATE quarantine SET reason_code = NULL WHERE import_id = ?", [import_id])
    import_page = unescape(client.get(answer.headers["location"] + f"&lang={lang}").text)
    assert "nobody knows NOBODY yet" in import_page.split('id="quarantine"')[1]


def test_the_import_page_lists_the_column_mapping_instead_of_its_json(client, shop):
    """Shown as the stored JSON, a mapping of long Cyrillic headers was one unbroken line that ran off the
    page (the page scrolled sideways)."""
    log_in(client, shop.tokens["editor"])
    header = "Код клієнта;Повне ім'я клієнта з довгою назвою колонки;Місто проживання"
    customers = f"{header}\nM1;Олена Шевченко-Квітка-Основ'яненко;Київ\n".encode()
    fields = {"entity": "customers", "mapping": "Повне ім'я клієнта з довгою назвою колонки=full_name"}
    answer = upload(client, "uk", "клієнти.csv", customers, **fields)
    assert answer.status_code == 303, answer.text
    page = unescape(client.get(answer.headers["location"] + "&lang=uk").text)
    mapping = page.split('id="import-mapping"')[1].split("</table>")[0]
    assert "<td>Код клієнта</td><td><code>customer_id</code></td>" in mapping
    assert "<td>Повне ім'я клієнта з довгою назвою колонки</td><td><code>full_name</code></td>" in mapping
    assert '{"Код' not in page


@pytest.mark.parametrize(("lang", "unit"), [("uk", "с"), ("ru", "с")])
def test_the_refresh_after_an_import_says_its_seconds_as_the_page_writes_numbers(client, shop, lang, unit):
    """It said "(3.068 с)" on Ukrainian and Russian pages: a decimal point and milliseconds."""
    from tests.web.test_import_refresh import wait_for_state

    log_in(client, shop.tokens["editor"])
    answer = upload(client, lang, "клієнти.csv", "customer_id,city\nS1,Київ\n".encode(), entity="customers")
    assert answer.status_code == 303, answer.text
    shown = unescape(wait_for_state(client, answer.headers["location"].split("id=")[1]))
    assert 'data-state="finished"' in shown
    assert re.search(rf"\(\d+,\d {unit}\)", shown) and not re.search(r"\d\.\d", shown), shown


@pytest.mark.parametrize("lang", WORDS)
def test_every_value_left_out_and_every_quarantined_row_downloads_as_csv(client, shop, lang):
    """Old code: the page listed the first 200 and said so, with no way to see the rest (UCI Online
    Retail's customers have 1,265 values left out) but a CLI that cannot open the workspace the server
    holds. The download has them all, by row, reasons in the page's language, with a byte order mark."""
    log_in(client, shop.tokens["editor"])
    lines = [f"R{i};Клієнт {i};bad{i}@example;01.01.2024" for i in range(205)]
    lines.append('R205;Формула;"=HYPERLINK(""http://x"")";01.01.2024')
    customers = ("customer_id;full_name;email;signup_date\n" + "\n".join(lines) + "\n").encode()
    answer = upload(client, lang, "клієнти.csv", customers, entity="customers")
    assert answer.status_code == 303, answer.text
    import_id = answer.headers["location"].split("id=")[1]
    page_ = unescape(client.get(f"/ui/import?id={import_id}&lang={lang}").text)
    rejected_part = page_.split('id="rejected"')[1]
    assert rejected_part.count("@example") == 200 and 'id="rejected-csv"' in rejected_part
    link = unescape(re.search(r'href="([^"]+)" download id="rejected-csv"', rejected_part)[1])
    download = client.get(link)
    assert download.status_code == 200 and download.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert [r["row"] for r in rows] == [str(i) for i in range(2, 208)]  # every one, by row (header is 1)
    formula = "'=HYPERLINK(\"http://x\")"  # quoted, so Excel shows it instead of running it
    assert {r["value"] for r in rows} == {f"bad{i}@example" for i in range(205)} | {formula}
    assert all(WORDS[lang]["bad_email"] in r["reason"] for r in rows), rows[0]
    assert rows[0]["record_key"] == "R0" and rows[0]["column"] == "email"

    orders = b"order_id,customer_id,ordered_at,total\nQ1,NOBODY,2024-03-01,10\n"
    answer = upload(client, lang, "замовлення.csv", orders, entity="orders")
    import_id = answer.headers["location"].split("id=")[1]
    params = {"id": import_id, "which": "quarantine", "lang": lang}
    held = client.get("/ui/import/problems.csv", params=params)
    rows = list(csv.DictReader(io.StringIO(held.content.decode("utf-8-sig"))))
    assert len(rows) == 1 and WORDS[lang]["unknown_customer"] in rows[0]["reason"], rows
    missing = client.get("/ui/import/problems.csv", params={"id": "nope", "which": "rejected"})
    assert missing.status_code == 404
