"""Personas of the real UCI Online Retail shop: invoices only, so no categories, no engagement events, no
order channels and no cities. The cards say what the data holds and nothing it does not."""

from __future__ import annotations

import html

import pytest

import segmint
from segmint import Workspace, import_file
from segmint.models.clusters import fit_clusters
from segmint.report import write_report
from segmint.report.texts import text
from segmint.web import personas

FILE = "online_retail/online_retail.parquet"


@pytest.fixture(scope="module")
def uci(tmp_path_factory, shared_data):
    ws = Workspace.init(tmp_path_factory.mktemp("uci-personas") / "ws")
    import_file(ws, "orders", shared_data / FILE, preset="online-retail", refresh=False)
    segmint.refresh(ws)
    run = fit_clusters(ws, k_min=3, k_max=4, seed=0)
    yield ws, run
    ws.close()


def test_cards_name_no_categories_and_no_channel_the_data_does_not_have(uci):
    """The old cards said 'spend goes to .' and 'Reached best by email' (the first of three channels that
    all reached no one), in English and in the web's Ukrainian and Russian alike."""
    ws, run = uci
    currency = ws.settings.currency
    for cluster in run.clusters:
        card = cluster["persona"]
        assert card["behaviour"]["top_categories"] == []
        assert card["preferred_channel"]["contact_channel"] is None
        assert card["five_w"]["what"].endswith(f" {currency} per order."), card["five_w"]["what"]
        assert card["five_w"]["where"] == (
            "Not known: the data has no engagement events, order channels or cities."
        )
        uk, ru = (personas.five_w(cluster, currency, lang) for lang in ("uk", "ru"))
        assert uk["what"].endswith(f" {currency} за замовлення."), uk["what"]
        assert ru["what"].endswith(f" {currency} за заказ."), ru["what"]
        assert uk["where"] == "Невідомо: у даних немає подій взаємодії, каналів замовлень і міст."
        assert ru["where"] == "Неизвестно: в данных нет событий взаимодействия, каналов заказов и городов."


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_the_report_words_the_persona_cards_in_its_language(uci, tmp_path, lang):
    """docs/report.md: the report's words follow its language. Its persona cards were the library's English
    sentences ('2,278 customers (38% of the base).') in a Ukrainian or Russian report."""
    ws, run = uci
    path = tmp_path / "report.html"
    write_report(ws, path, lang=lang)
    page = html.unescape(path.read_text(encoding="utf-8"))
    assert page.count(f"<tr><th>{text('card_channel', lang)}</th><td>—</td></tr>") == len(run.clusters)
    for cluster in run.clusters:
        worded = personas.five_w(cluster, ws.settings.currency, lang)
        for key in ("who", "what", "why", "when", "where"):
            assert worded[key] in page, (key, worded[key])
            assert cluster["persona"]["five_w"][key] not in page, (key, cluster["persona"]["five_w"][key])
