"""Numbers in the page's language: Ukrainian and Russian pages write 1 234,56 (CLDR: a no-break space
between thousands, a decimal comma; uk 12,5%, ru 12,5 %), English pages keep 1 234.56 (thin spaces) and
12.5 %. The KPI cards and insights through the app's HTML, the charts in real Chromium."""

from __future__ import annotations

import html
import re

import pytest
from tests.web.browser import browser_page
from tests.web.conftest import BIG_SPENDERS, log_in
from tests.web.test_browser import login

from segmint import Workspace
from segmint.families.labels import Namer
from segmint.kpis import kpi_report

NBSP, THIN = "\u00a0", "\u202f"
# lang -> (thousands, decimal mark, before the percent sign)
WRITTEN = {"uk": (NBSP, ",", ""), "ru": (NBSP, ",", NBSP), "en": (THIN, ".", THIN)}


def written(value: float, digits: int, lang: str) -> str:
    group, decimal, _ = WRITTEN[lang]
    return f"{value:,.{digits}f}".replace(",", "G").replace(".", decimal).replace("G", group)


def written_percent(value: float, digits: int, lang: str) -> str:
    return written(100 * value, digits, lang) + WRITTEN[lang][2] + "%"


def cards(page: str) -> dict[str, str]:
    found = re.findall(r'<div class="kpi"><span>([^<]+)</span><strong>([^<]*)</strong></div>', page)
    return {html.unescape(label): html.unescape(value) for label, value in found}


@pytest.fixture(scope="module")
def base(shop) -> dict:
    with Workspace.open(shop.path, read_only=True) as ws:
        return kpi_report(ws, with_insights=True)["base"]


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("uk", ("Клієнти", "Виручка", "Середній чек", "Утримання")),
        ("ru", ("Клиенты", "Выручка", "Средний чек", "Удержание")),
        ("en", ("Customers", "Revenue", "Average order value", "Retention")),
    ],
)
def test_the_dashboard_kpi_cards_write_numbers_in_the_page_language(client, shop, base, lang, labels):
    log_in(client, shop.tokens["viewer"])
    shown = cards(client.get(f"/ui/dashboard/kpis?lang={lang}").text)
    customers, revenue, aov, retention = labels
    assert base["revenue"] >= 1000 and base["size"] >= 100  # so thousands and decimals show
    assert shown[customers] == written(base["size"], 0, lang)
    assert shown[revenue] == written(base["revenue"], 0, lang)
    assert shown[aov] == written(base["aov"], 2, lang)
    assert shown[retention] == written_percent(base["retention_rate"], 1, lang)


def test_insights_and_segment_kpis_write_numbers_in_the_page_language(client, shop):
    log_in(client, shop.tokens["viewer"])
    with Workspace.open(shop.path, read_only=True) as ws:
        report = kpi_report(ws, with_insights=True)
    (top,) = [item for item in report["insights"] if item["kind"] == "most_profitable"]
    assert top["value"] >= 1000
    for lang in ("uk", "ru", "en"):
        page = html.unescape(client.get(f"/ui/dashboard/kpis?lang={lang}").text)
        assert written(top["value"], 2, lang) in page, lang
    segment = cards(client.get(f"/ui/segment/kpis?name={BIG_SPENDERS}&lang=ru").text)
    assert re.fullmatch(r"\d{1,3}(\u00a0\d{3})*,\d\d", segment["Средний чек"]), segment
    assert re.fullmatch(r"\d{1,3},\d\u00a0%", segment["Доля базы"]), segment


@pytest.mark.parametrize(("lang", "basis"), [("uk", "ймовірність відтоку"), ("ru", "вероятность оттока")])
def test_the_dashboard_words_each_insight_as_the_report_does(client, shop, lang, basis):
    """One wording of the insights for the dashboard and the report (segmint.kpis.insights.word): the
    dashboard's own texts left out what the churn figure is (a mean predicted probability or a rate)."""
    from segmint.kpis.insights import segment_names, word

    log_in(client, shop.tokens["viewer"])
    with Workspace.open(shop.path, read_only=True) as ws:
        document = kpi_report(ws, with_insights=True)
    found = document["insights"]
    page = html.unescape(client.get(f"/ui/dashboard/kpis?lang={lang}").text)
    assert {item["kind"] for item in found} >= {"most_profitable", "highest_churn_risk"}
    names = segment_names(document, Namer(lang))  # a group by its label, as the page names it
    for item in found:
        assert word(item, lang, names=names) in page and item["message"] not in page
    assert basis in page


@pytest.mark.xdist_group("web-browser")
def test_russian_pages_and_charts_in_chromium_write_numbers_in_russian(server):
    """The KPI cards as the browser shows them, and the segment page's Plotly charts laid out with the
    Russian separators (English pages keep Plotly's own)."""
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["viewer"])
        page.goto("/ui/?lang=ru")
        page.wait_for_selector("#insights")
        panel = page.inner_text("#kpi-panel")
        revenue = re.search(r"Выручка\s+(\S.*)", panel)
        assert revenue and re.fullmatch(r"\d{1,3}(\u00a0\d{3})+", revenue[1].strip()), panel
        seen = {}
        for lang in ("ru", "en"):
            page.goto(f"/ui/segment?name={BIG_SPENDERS.replace(' ', '+')}&lang={lang}")
            page.wait_for_selector("#chart-sizes .main-svg")
            seen[lang] = page.evaluate(
                "(l => [l.separators, l.yaxis.separatethousands])"
                "(document.getElementById('chart-sizes')._fullLayout)"
            )
    assert seen == {"ru": [",\u00a0", True], "en": [".,", True]}  # 1 000 grouped, not from 10 000 only
    assert watch.console_errors == []


def slavic_form(n: int, one: str, few: str, many: str) -> str:
    """The noun after a whole number in Ukrainian and Russian (1 клієнт, 3 клієнти, 5, 11, 12 клієнтів)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many


def test_persona_cards_write_numbers_in_the_page_language(client, shop):
    """The clusters page words each card again in Ukrainian and Russian: its shares and effect sizes too
    (they were 12% and +0.52 on both)."""
    from segmint.models.clusters import current

    log_in(client, shop.tokens["viewer"])
    with Workspace.open(shop.path, read_only=True) as ws:
        clusters = current(ws).clusters
    pages = {lang: html.unescape(client.get(f"/ui/clusters?lang={lang}").text) for lang in ("uk", "ru")}
    for cluster in clusters:
        share = f"{100 * cluster['share']:.0f}"
        uk, ru = (
            slavic_form(cluster["size"], "клієнт", "клієнти", "клієнтів"),
            slavic_form(cluster["size"], "клиент", "клиента", "клиентов"),
        )
        assert f"{written(cluster['size'], 0, 'uk')} {uk} ({share}% бази)" in pages["uk"]
        assert f"{written(cluster['size'], 0, 'ru')} {ru} ({share}\u00a0% базы)" in pages["ru"]
    effects = re.findall(r"d = ([+-]\d+\S\d\d)", pages["ru"])
    assert effects and all(re.fullmatch(r"[+-]\d+,\d\d", d) for d in effects), effects


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_what_sets_a_cluster_apart_writes_each_mean_as_its_kind(client, shop, lang):
    """Old code: every mean had two decimals ("дней с последней покупки: 5 510,00", "возраст: 57,50"): days
    are whole now, purchases, events and ages to one decimal, shares percentages as the card's others."""
    from segmint.models.clusters import current

    log_in(client, shop.tokens["viewer"])
    with Workspace.open(shop.path, read_only=True) as ws:
        clusters = current(ws).clusters
    page = html.unescape(client.get(f"/ui/clusters?lang={lang}").text)
    found = re.findall(r"<li>([^<:]+): ([^<]+) <span class=\"muted\">\(([^<]+)\)</span></li>", page)
    listed = [(label, mean, rest.rsplit(" ", 1)[-1]) for label, mean, rest in found]  # ("rest: 562")
    rows = [row for cluster in clusters for row in (cluster.get("profile") or [])[:5]]
    assert len(listed) == len(rows) and rows, listed
    kinds = set()
    for row, (_, mean, rest) in zip(rows, listed, strict=True):
        kind = row["feature"].partition(":")[0]
        if row["feature"] in ("days_since_last_order", "tenure_days"):
            expected = [written(round(value), 0, lang) for value in (row["mean"], row["rest_mean"])]
        elif row["feature"] in ("orders_count", "age") or kind == "events":
            expected = [written(value, 1, lang) for value in (row["mean"], row["rest_mean"])]
        elif row["feature"] == "discount_share" or kind in ("share", "channel"):
            sign = "%" if lang == "uk" else f"{WRITTEN[lang][2]}%" if lang == "ru" else "%"
            expected = [f"{100 * value:.0f}{sign}" for value in (row["mean"], row["rest_mean"])]
        else:
            continue
        kinds.add(row["feature"])
        assert [mean, rest] == expected, (row, mean, rest)
    assert kinds & {"days_since_last_order", "tenure_days"}, kinds  # the demo's clusters differ in days


def test_a_profiled_mean_is_written_as_its_kind():
    from segmint.web.personas import feature_value

    assert feature_value("days_since_last_order", 5510.0, "ru") == f"5{NBSP}510"
    assert feature_value("age", 57.5, "ru") == "57,5"
    assert feature_value("orders_count", 6.14, "uk") == "6,1"
    assert feature_value("events:cart_add", 3.0, "en") == "3.0"
    assert feature_value("total_spent", 12345.678, "uk") == f"12{NBSP}346"


@pytest.mark.parametrize(
    ("lang", "size", "days", "who", "when"),
    [
        ("uk", 21, 1.2, "21 клієнт (", "(медіана) 1 день тому."),
        ("uk", 3, 3.6, "3 клієнти (", "(медіана) 4 дні тому."),
        ("uk", 12, 11, "12 клієнтів (", "(медіана) 11 днів тому."),
        ("ru", 22, 21, "22 клиента (", "(медиана) 21 день назад."),
        ("ru", 111, 2, "111 клиентов (", "(медиана) 2 дня назад."),
    ],
)
def test_persona_sentences_put_the_noun_in_the_form_its_number_takes(lang, size, days, who, when):
    """Hunt W14: a card read "21 клієнтів" and "медіана 1 днів тому" whatever the number."""
    from segmint.web.personas import five_w

    prospects = {"buyers_share": 0, "tenure_days_median": days}
    cluster = {"size": size, "share": 0.1, "persona": {"demographics": {}, "behaviour": prospects,
                                                       "preferred_channel": {}}}  # fmt: skip
    card = five_w(cluster, "UAH", lang)
    assert card["who"].startswith(who) and card["when"].endswith(when), card
