"""Russian and Ukrainian CRM exports (1C, amoCRM, Bitrix24) name their columns in short forms ("Эл. почта",
"Моб. телефон", "Д.р."): each is recognised by name, so its values land instead of being set aside in
`custom` with nothing said. Real files through the real import."""

from __future__ import annotations

import pytest
from tests.ingest.conftest import write

from segmint import import_file

# hunt W15: every column but "Эл. почта" matched, and the e-mails of every row were left out
CRM_RU = """\
Код клиента;Фамилия;Имя;Моб. телефон;Эл. почта;Город;Д.р.;Пол;Согласие на email
R001;ИВАНОВ;пётр;+7 (495) 123-45-67;Petr@Mail.RU;москва;05.03.1980;м;да
R002;Смирнова;Ольга;+380 67 123 45 67;olga@yandex.ru;Санкт-Петербург;12.11.1990;ж;нет
"""


def test_a_russian_crm_export_lands_its_emails_phones_and_birth_dates(workspace, tmp_path):
    summary = import_file(workspace, "customers", write(tmp_path / "клиенты.csv", CRM_RU, "cp1251"))
    assert summary.mapping == {
        "Код клиента": "customer_id",
        "Фамилия": "last_name",
        "Имя": "first_name",
        "Моб. телефон": "phone",
        "Эл. почта": "email",
        "Город": "city",
        "Д.р.": "birth_date",
        "Пол": "gender",
        "Согласие на email": "consent_email",
    }
    rows = workspace.raw.execute(
        "SELECT customer_id, email, phone, CAST(birth_date AS VARCHAR), gender, custom FROM customers "
        "ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("R001", "petr@mail.ru", "+74951234567", "1980-03-05", "m", None),
        ("R002", "olga@yandex.ru", "+380671234567", "1990-11-12", "f", None),
    ]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Эл. почта", "email"),
        ("эл.почта", "email"),
        ("Эл.адрес", "email"),
        ("Адрес эл. почты", "email"),
        ("Ел. пошта", "email"),
        ("ел.пошта", "email"),
        ("Електронна адреса", "email"),
        ("E-mail адрес", "email"),
        ("Е-мейл", "email"),
        ("Моб. телефон", "phone"),
        ("Мобильный телефон", "phone"),
        ("Мобільний телефон", "phone"),
        ("Тел.", "phone"),
        ("Контактный телефон", "phone"),
        ("Д.р.", "birth_date"),
        ("Д/р", "birth_date"),
        ("Дата нар.", "birth_date"),
        ("Місто", "city"),
        ("Населённый пункт", "city"),
        ("Стать", "gender"),
        ("Дата создания", "signup_date"),
    ],
)
def test_a_crm_spelling_of_a_header_is_recognised(workspace, tmp_path, header, field):
    value = {
        "email": ("ann@example.com", "ann@example.com"),
        "phone": ("+380671234567", "+380671234567"),
        "birth_date": ("05.03.1980", "1980-03-05"),
        "city": ("київ", "Київ"),
        "gender": ("ж", "f"),
        "signup_date": ("05.03.2020", "2020-03-05"),
    }[field]
    summary = import_file(
        workspace, "customers", write(tmp_path / "c.csv", f"Код клиента;{header}\nC1;{value[0]}\n")
    )
    assert summary.mapping[header] == field
    stored = workspace.raw.execute(f"SELECT CAST({field} AS VARCHAR), custom FROM customers").fetchall()
    assert stored == [(value[1], None)]
