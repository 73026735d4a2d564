"""The builder suggests the known values of a text field and of a function's filter (an HTML datalist under
the value input). Old code suggested none at all: builder.values counted the unfiltered table inside the
aggregate of the filtered one, which ibis refuses, and the error was swallowed."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.conftest import log_in


def datalist(text: str, key: str) -> list[str]:
    found = re.search(rf'<datalist id="dl-{re.escape(key)}">(.*?)</datalist>', text, re.S)
    assert found, key
    return [unescape(value) for value in re.findall(r'<option value="([^"]*)">', found.group(1))]


def test_the_builder_suggests_the_cities_and_categories_the_data_has(client, shop):
    log_in(client, shop.tokens["viewer"])
    rule = 'city = "Київ" and bought(category = "fashion")'
    page = client.get("/ui/builder", params={"rule": rule, "lang": "ru"}).text
    ws = client.app.state.workspace.ws
    cities = [
        row[0]
        for row in ws.raw.execute("SELECT DISTINCT city FROM customers WHERE city IS NOT NULL").fetchall()
    ]
    assert sorted(datalist(page, "city")) == sorted(cities) and "Київ" in cities
    categories = [
        row[0]
        for row in ws.raw.execute(
            "SELECT DISTINCT category FROM order_items WHERE category IS NOT NULL"
        ).fetchall()
    ]
    assert sorted(datalist(page, "bought.category")) == sorted(categories) and "fashion" in categories


def test_the_suggestions_follow_an_import(client, shop, tmp_path):
    """The known values are kept until the data changes (a GROUP BY per condition and filter on every
    builder update took ~1 s for one bought(...) at 1M customers): a city imported since is offered."""
    import segmint

    log_in(client, shop.tokens["viewer"])
    rule = 'city = "Київ"'
    assert "Вишгород" not in datalist(client.get("/ui/builder", params={"rule": rule}).text, "city")
    ws = client.app.state.workspace.ws
    new = tmp_path / "new.csv"
    new.write_text("customer_id,first_name,city\nNEW-1,Олена,Вишгород\n", encoding="utf-8")
    segmint.import_file(ws, "customers", new)
    assert "Вишгород" in datalist(client.get("/ui/builder", params={"rule": rule}).text, "city")


def options(text: str, key: str) -> dict[str, str | None]:
    """The datalist's options: value -> label (None when the option has none)."""
    found = re.search(rf'<datalist id="dl-{re.escape(key)}">(.*?)</datalist>', text, re.S)
    assert found, key
    return {
        unescape(value): unescape(label) if label else None
        for value, label in re.findall(r'<option value="([^"]*)"(?: label="([^"]*)")?>', found.group(1))
    }


@pytest.mark.parametrize(
    ("lang", "champions", "new"),
    [("uk", "Чемпіони (Champions)", "Нові (new)"), ("ru", "Чемпионы (Champions)", "Новые (new)")],
)
def test_a_family_fields_suggestions_show_the_label_and_type_the_key(client, shop, lang, champions, new):
    """A family field's suggestions in a uk or ru page read as the family's groups are read elsewhere
    (Чемпіони (Champions)); the option's value, what choosing it types into the rule, stays the key. Old
    code listed the English keys alone."""
    log_in(client, shop.tokens["viewer"])
    rule = 'rfm.group = "Champions" and lifecycle.stage = "new" and city = "Київ"'
    page = client.get("/ui/builder", params={"rule": rule, "lang": lang}).text
    groups = options(page, "rfm.group")
    assert groups["Champions"] == champions, groups
    assert options(page, "lifecycle.stage")["new"] == new
    assert set(options(page, "city").values()) == {None}  # a city is no family's group: as it is
    # the rule stays the key's: the form's value and the rule text
    assert 'value="Champions"' in page
    assert 'rfm.group = "Champions"' in unescape(page)
    english = options(client.get("/ui/builder", params={"rule": rule, "lang": "en"}).text, "rfm.group")
    assert english["Champions"] is None  # English reads the key, which is the value
