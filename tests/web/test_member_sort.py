"""A segment's members sorted by name or city on a Ukrainian or Russian page come in that alphabet's order
(hunt-web, s22)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.flows import import_then_save_static
from tests.web.test_import_errors import log_in

PEOPLE = ["Яна Білик", "Єва Коваль", "Аліна Бойко", "Ґанна Мороз", "Ігор Ярош", "Олег Іваненко",
          "Їжак Зайченко"]  # fmt: skip
CITIES = ["Яготин", "Єнакієве", "Арциз", "Ґорґани", "Ірпінь", "Обухів", "Ізмаїл"]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_members_sorted_by_name_or_city_come_in_the_alphabets_order(client, shop, lang):
    """Old code: sorted by code point, so Єва, Ігор and Їжак came before Аліна and Ґанна after Яна
    (Є, І, Ї are U+0404-0407, Ґ is U+0490), on both directions of the sort."""
    log_in(client, shop.tokens["editor"])
    people = enumerate(zip(PEOPLE, CITIES, strict=True))
    rows = "".join(f"S{n};{name};{city};сортування\n" for n, (name, city) in people)
    header = "Код клієнта;Повне ім'я;Місто;tags\n"
    content = (header + rows).encode()
    import_then_save_static(client, lang, "люди.csv", content, "Абетка", 'has_tag("сортування")')

    def shown(sort: str, order: str) -> list[str]:
        params = {"name": "Абетка", "sort": sort, "order": order, "lang": lang}
        page = unescape(client.get("/ui/segment/members", params=params).text)
        cells = re.findall(r"<tr>\s*<td><a [^>]*>S\d</a></td>(.*?)</tr>", page, re.S)
        column = ["full_name", "email", "phone", "city"].index(sort)
        return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[column].strip() for row in cells]

    # (ICU's ru order puts Ґ, Є, І, Ї after Г, Е, И as uk does)
    names = ["Аліна Бойко", "Ґанна Мороз", "Єва Коваль", "Ігор Ярош", "Їжак Зайченко", "Олег Іваненко",
             "Яна Білик"]  # fmt: skip
    assert shown("full_name", "asc") == names
    assert shown("full_name", "desc") == names[::-1]
    assert shown("city", "asc") == ["Арциз", "Ґорґани", "Єнакієве", "Ізмаїл", "Ірпінь", "Обухів", "Яготин"]
