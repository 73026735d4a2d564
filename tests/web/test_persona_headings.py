"""The heading of a persona card on the clusters page, in the page's language (hunt-web, s22)."""

from __future__ import annotations

import html
import re

from tests.web.conftest import log_in
from tests.web.test_numbers import slavic_form, written

import segmint
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


def test_a_persona_is_named_in_the_page_language_on_its_card_and_a_customers_profile(client, shop):
    """Old code: "Recent electronics buyers, 35–44, Київ" on the uk and ru pages, the card's heading and the
    profile's Persona row; the English name (which rules read as cluster.name) is kept in the heading's
    title, and English pages show it as it is."""
    log_in(client, shop.tokens["viewer"])
    ws = client.app.state.workspace.ws
    segmint.refresh(ws)  # the shop's clusters were fitted after its last refresh: this one names them
    clusters = current(ws).clusters
    customer, stored = ws.raw.execute(
        "SELECT customer_id, cluster_name FROM features WHERE cluster_name IS NOT NULL ORDER BY 1"
    ).fetchone()
    starts = {"uk": ("Постійні", "Неактивні", "Нові", "Нещодавні", "Ще без", "Покупці", "Типові", "Разові",
                     "Онлайн", "Офлайн", "Мисливці"),
              "ru": ("Постоянные", "Неактивные", "Новые", "Недавние", "Ещё без", "Покупатели", "Типичные",
                     "Разовые", "Онлайн", "Офлайн", "Охотники")}  # fmt: skip
    for lang in ("uk", "ru"):
        page = html.unescape(client.get(f"/ui/clusters?lang={lang}").text)
        for cluster in clusters:
            found = rf'<h2 title="cluster.name = "([^"]+)"">{cluster["cluster"]}\. ([^<]+)</h2>'
            heading = re.search(found, page)
            assert heading, (lang, cluster["name"])
            assert heading[1] == cluster["name"] and heading[2] != cluster["name"]
            assert heading[2].startswith(starts[lang]), heading[2]
            assert not re.search(r"\b(buyers|Prospects|without)\b", heading[2]), heading[2]
            people = cluster["persona"]["demographics"]
            assert heading[2].endswith(", ".join(p for p in (people["age_band"], people["city"]) if p))
        profile = html.unescape(client.get(f"/ui/customer?id={customer}&lang={lang}").text)
        persona = re.search(r'<th>(?:Персона)</th><td class="num">([^<]+)</td>', profile)
        assert persona and persona[1].startswith(starts[lang]) and stored not in profile, persona
    english = html.unescape(client.get("/ui/clusters?lang=en").text)
    assert all(f'<h2>{c["cluster"]}. {c["name"]}</h2>' in english for c in clusters)


def test_every_word_a_persona_name_starts_with_is_worded_in_uk_and_ru():
    from segmint.models.clusters.persona import BEHAVIOURS
    from segmint.web.personas import NAME_WORDS, persona_name

    words = {word for _, _, word in BEHAVIOURS} | {"Typical", "Prospects"}
    for lang in ("uk", "ru"):
        assert words <= set(NAME_WORDS[lang]), words - set(NAME_WORDS[lang])
        assert persona_name("Bargain-hunting home & garden buyers, 25–34, Львів", lang).endswith(
            " home & garden, 25–34, Львів"
        )
        assert persona_name("a name someone typed", lang) == "a name someone typed"
