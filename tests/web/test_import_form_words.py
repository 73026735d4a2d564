"""The import form's hints are in the page's language: the encoding, delimiter and date format fields
said "auto (utf-8, cp1251…)", "auto" and "auto (%d.%m.%Y…)" on Ukrainian and Russian pages."""

from __future__ import annotations

import html
import re

import pytest
from tests.web.conftest import log_in

HINTS = {
    "uk": ("автоматично (utf-8, cp1251…)", "автоматично", "автоматично (%d.%m.%Y…)"),
    "ru": ("автоматически (utf-8, cp1251…)", "автоматически", "автоматически (%d.%m.%Y…)"),
    "en": ("auto (utf-8, cp1251…)", "auto", "auto (%d.%m.%Y…)"),
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_the_import_forms_placeholders_are_in_the_page_language(client, shop, lang):
    log_in(client, shop.tokens["editor"])
    answer = client.get(f"/ui/imports?lang={lang}")
    assert answer.status_code == 200
    shown = {
        name: html.unescape(re.search(rf'name="{name}"[^>]*placeholder="([^"]*)"', answer.text).group(1))
        for name in ("encoding", "delimiter", "date_format")
    }
    assert shown == dict(zip(("encoding", "delimiter", "date_format"), HINTS[lang], strict=True))
