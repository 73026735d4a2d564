"""The import pages name what a file holds in the page's language (hunt-web, s22): the form's choice, the
field list's headings, the list of past imports and an import's page."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.test_import_errors import log_in, upload

NAMES = {
    "uk": {"customers": "клієнти", "orders": "замовлення", "order-items": "рядки замовлень",
           "events": "події", "products": "товари"},
    "ru": {"customers": "клиенты", "orders": "заказы", "order-items": "строки заказов",
           "events": "события", "products": "товары"},
    "en": {name: name for name in ("customers", "orders", "order-items", "events", "products")},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_what_a_file_holds_is_named_in_the_page_language(client, shop, lang):
    """Old code: "customers", "orders", "order-items" in the form's select, the field list and the tables of
    the Ukrainian and Russian pages."""
    log_in(client, shop.tokens["editor"])
    page = unescape(client.get(f"/ui/imports?lang={lang}").text)
    options = dict(re.findall(r'<option value="([a-z-]+)" ?(?:selected)?>([^<]+)</option>', page))
    for entity, name in NAMES[lang].items():
        assert options[entity] == (name if lang == "en" else f"{name} ({entity})"), options
    fields = page.split('<details id="entity-fields">')[1].split("</details>")[0]
    headings = re.findall(r"<h4>([^<]+)</h4>", fields)
    assert headings == [options[entity] for entity in NAMES[lang]]
    assert "online-retail (" + NAMES[lang]["orders"] + ")" in page  # the preset names its kind of file

    orders = b"order_id,customer_id,ordered_at,total\nZ1,,2024-01-02,5\n"
    answer = upload(client, lang, "замовлення.csv", orders, entity="orders")
    assert answer.status_code == 303, answer.text
    listed = unescape(client.get(f"/ui/imports?lang={lang}").text).split('<table id="imports">')[1]
    assert f"<td>{NAMES[lang]['orders']}</td><td>замовлення.csv</td>" in listed
    detail = unescape(client.get(answer.headers["location"] + f"&lang={lang}").text)
    assert f"<strong>{NAMES[lang]['orders']}</strong>" in detail
