"""Russian in the web UI: no Ukrainian letters in its texts, the library's messages and KPI report in
Russian, the builder's Russian field texts (TestClient). That every interface string and filter text has a
Russian text with the English text's {placeholders}, and that ?lang=ru, the cookie and Accept-Language
choose it, are tested for Ukrainian and Russian alike in test_pages.py; rule errors, save refusals and
persona cards in test_ui_hunt_pages.py."""

from __future__ import annotations

import re

from tests.web.conftest import BIG_SPENDERS, log_in

from segmint import Workspace
from segmint.playbook import load_playbook
from segmint.web.strings_ru import FIELD_TEXTS, STRINGS_RU

UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")


def test_russian_texts_have_no_ukrainian_letters():
    leaks = {key: text for key, text in {**STRINGS_RU, **FIELD_TEXTS}.items() if UKRAINIAN_ONLY.search(text)}
    assert leaks == {}


def test_pages_that_ask_the_library_work_in_russian(client, shop):
    """Russian pages ask the KPI report (and its playbook) in Russian."""
    log_in(client, shop.tokens["viewer"])
    kpis = client.get("/ui/dashboard/kpis?lang=ru")
    assert kpis.status_code == 200, kpis.text
    assert "Выручка" in kpis.text and "приносит больше всего выручки" in kpis.text
    segment = client.get("/ui/segment/kpis", params={"name": BIG_SPENDERS, "lang": "ru"})
    assert segment.status_code == 200, segment.text
    assert not UKRAINIAN_ONLY.search(segment.text)


def test_web_pages_ask_the_kpi_report_in_their_own_language(shop):
    """The report behind the dashboard's KPI panel (and the segment page's, which shows a family group's
    playbook card) carries the playbook in the page's language: Russian pages got English."""
    from segmint.web.pages.dashboard import _report

    with Workspace.open(shop.path, read_only=True) as ws:
        documents = {lang: _report(ws, lang) for lang in ("ru", "uk", "en")}
        book = load_playbook(ws)
    for lang, document in documents.items():
        assert document["language"] == lang
        for row in document["segments"]:
            play = book.get(row["family"], row["group"])
            assert row["playbook"]["strategy"] == play.strategy[lang], (lang, row["name"])
            assert row["playbook"]["channel"] == play.channel[lang], (lang, row["name"])
    champions = next(row for row in documents["ru"]["segments"] if row["group"] == "Champions")
    assert champions["playbook"]["strategy"].startswith("Вознаграждайте")
    assert not UKRAINIAN_ONLY.search(str(documents["ru"]["segments"]))


def test_the_builder_describes_fields_in_russian(client, shop):
    log_in(client, shop.tokens["viewer"])
    fields = client.get("/ui/builder/fields", params={"q": "abandoned", "lang": "ru"}).text
    assert "Брошенные корзины." in fields


def test_the_field_search_finds_russian_words(client, shop):
    """A Russian user types Russian words into the builder's field search."""
    log_in(client, shop.tokens["viewer"])
    fields = client.get("/ui/builder/fields", params={"q": "брошенные корзины", "lang": "ru"}).text
    assert 'data-field="abandoned_cart"' in fields
    assert fields.count('class="field-pick"') == 1


def test_the_builders_date_inputs_show_the_format_in_the_pages_language(client, shop):
    """A date input's placeholder said YYYY-MM-DD on Russian and Ukrainian pages (helper 88)."""
    log_in(client, shop.tokens["viewer"])
    rule = 'signup_date > 2024-01-01 and orders(between = (2024-01-01, 2024-06-30)) >= 1'
    for lang, shown in (("ru", "ГГГГ-ММ-ДД"), ("uk", "РРРР-ММ-ДД"), ("en", "YYYY-MM-DD")):
        page = client.get("/ui/builder", params={"rule": rule, "lang": lang})
        assert page.status_code == 200, page.text
        assert f'placeholder="{shown} · today - 90d"' in page.text, lang  # the date field
        assert page.text.count(f'placeholder="{shown}"') >= 2, lang  # between's two dates
        assert lang == "en" or "YYYY" not in page.text
