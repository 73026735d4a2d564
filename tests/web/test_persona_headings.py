"""The heading of a persona card on the clusters page, in the page's language (hunt-web, s22)."""

from __future__ import annotations

import html
import re

from tests.web.conftest import log_in
from tests.web.test_numbers import slavic_form, written

from segmint import Workspace
from segmint.models.clusters import current

FORMS = {
    "en": ("customer", "customers", "customers"),
    "uk": ("клієнт", "клієнти", "клієнтів"),
    "ru": ("клиент", "клиента", "клиентов"),
}


def test_a_cards_size_takes_the_nouns_form_its_number_takes(client, shop):
    """Old code: "<size> клієнтів" under every card's heading (strings.py customers_lower), so the test
    shop's clusters of 271 and 163 read "271 клієнтів", "163 клієнтів" (ru "163 клиентов")."""
    log_in(client, shop.tokens["viewer"])
    with Workspace.open(shop.path, read_only=True) as ws:
        sizes = {str(c["cluster"]): c["size"] for c in current(ws).clusters}
    forms_seen = set()
    for lang, (one, few, many) in FORMS.items():
        page = html.unescape(client.get(f"/ui/clusters?lang={lang}").text)
        for cluster, size in sizes.items():
            card = page.split(f'data-cluster="{cluster}">')[1].split("</article>")[0]
            line = re.search(r"<p><strong>([^<]+)</strong> ([^ <]+) ·", card)
            assert line, card[:300]
            noun = (one if size == 1 else many) if lang == "en" else slavic_form(size, one, few, many)
            assert line.groups() == (written(size, 0, lang), noun), (lang, size, line.groups())
            forms_seen.add(noun)
    assert len(forms_seen) > 3  # the shop's sizes take more than one form in uk and ru
