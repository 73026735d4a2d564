"""The imports page's list of the fields each kind of file can fill describes them in the page's language
(H6's Russian hunt, session 20): every description segmint.ingest.fields gives has a Ukrainian and a
Russian text (through TestClient)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.conftest import log_in

from segmint.ingest.fields import ENTITIES

UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
RUSSIAN_ONLY = re.compile("[ыэъёЫЭЪЁ]")
OTHER = {"uk": RUSSIAN_ONLY, "ru": UKRAINIAN_ONLY}
ENGLISH_WORD = re.compile(r"\b(?:The|the|of|or|and|when|on|in)\b")


def descriptions() -> set[str]:
    return {field.description for entity in ENTITIES.values() for field in entity.fields}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_import_field_is_described_in_each_language(lang):
    from segmint.web.import_field_texts import TEXTS

    missing = sorted(text for text in descriptions() if lang not in TEXTS.get(text, {}))
    assert missing == []
    wrong = {text: TEXTS[text][lang] for text in descriptions() if OTHER[lang].search(TEXTS[text][lang])}
    assert wrong == {}


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("ru", "Код клиента в системе-источнике."), ("uk", "Код клієнта в системі-джерелі.")],
)
def test_the_imports_page_lists_the_fields_in_the_page_language(client, shop, lang, shown):
    """Old code: every field's title on a Russian or Ukrainian page was the English description ("The
    customer's id in the source system.")."""
    log_in(client, shop.tokens["editor"])
    page = unescape(client.get(f"/ui/imports?lang={lang}").text)
    listed = page.split('<details id="entity-fields">')[1].split("</details>")[0]
    titles = re.findall(r'<code title="([^"]*)">', listed)
    assert len(titles) == sum(len(e.fields) for name, e in ENTITIES.items() if e.name == name)
    assert shown in titles
    assert [title for title in titles if ENGLISH_WORD.search(title)] == []
