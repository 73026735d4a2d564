"""`segmint report`: one self-contained HTML file that opens offline in a real browser.

The workspace is the demo shop, refreshed at two dates (so movement has something to show), with a user
segment whose name is hostile HTML. The page must open in headless Chromium with no console error and
no request but the file itself, draw every chart, and show the name as text.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys

import pytest
from tests.report.browser import visit

import segmint
from segmint import Workspace, build_demo, localize, segments
from segmint.families.labels import Namer
from segmint.models.clusters import current, fit_clusters
from segmint.report import escape, write_report
from segmint.web import personas

HOSTILE = "<script>alert('x')</script> Сплячі VIP"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "shop"
    build_demo(path, n_customers=1500, seed=11)
    with Workspace.open(path) as ws:
        segmint.refresh(ws, dt.date(2025, 9, 30))
        rule = 'rfm.group in ("At Risk", "Can\'t Lose Them") and total_spent > 3000'
        segments.create(ws, "Сплячі VIP", rule)
        # a name with "/" is refused now, but workspaces made before hold such names: the report must cope
        ws.raw.execute("UPDATE segments SET name = ? WHERE name = 'Сплячі VIP'", [HOSTILE])
        fit_clusters(ws, k_min=3, k_max=5, seed=0)
        segmint.refresh(ws)
    return path


@pytest.fixture(scope="module")
def written(shop, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "звіт.html"
    with Workspace.open(shop) as ws:
        summary = write_report(ws, out)
    return out, summary


def test_the_report_opens_offline_with_no_errors_and_draws_every_chart(written):
    path, summary = written
    seen = visit(path)
    assert seen.console_errors == []
    assert seen.requests == [path.resolve().as_uri()]  # plotly.js embedded: nothing fetched
    assert seen.charts >= 6 and seen.drawn_charts == seen.charts
    assert seen.dialogs == []  # the hostile segment name did not run
    assert HOSTILE in seen.text  # ... it is shown as text
    for key in ("summary", "insights", "rfm", "kpis", "families", "segments", "transitions", "cohorts", "clv",
                "clusters", "playbook"):  # fmt: skip
        assert key in summary.sections, summary.empty


def test_kpis_insights_and_playbook_are_those_of_the_kpi_and_playbook_modules(shop, written):
    from segmint.kpis import kpi_report
    from segmint.kpis.insights import segment_names, word
    from segmint.playbook import load_playbook

    text = visit(written[0]).text
    with Workspace.open(shop) as ws:
        kpis = kpi_report(ws, family="rfm", with_insights=True, lang="uk")
        book = load_playbook(ws)
    assert kpis["insights"]
    names = segment_names(kpis, Namer("uk"))  # a group by its label: Чемпіони (Champions)
    for insight in kpis["insights"]:  # the demo shop is Ukrainian: so are its report's insights
        assert word(insight, "uk", names=names) in text and insight["message"] not in text
    for row in kpis["segments"]:
        assert f"{names[row['name']]}\t{row['size']:,}".replace(",", " ") in text  # the table row starts so
    champions = book.get("rfm", "Champions")
    assert champions.strategy["uk"] in text and champions.strategy["en"] not in text


@pytest.mark.parametrize(("lang", "words"), [("uk", "найбільшу виручку"), ("ru", "больше всего выручки")])
def test_insights_are_worded_in_the_reports_language(shop, tmp_path, lang, words):
    """Every insight in the page's language with its figures as the language writes them (uk and ru reports
    showed the library's English sentences, "…in the period: 942,611.00")."""
    from segmint.kpis import kpi_report

    path = tmp_path / f"{lang}.html"
    with Workspace.open(shop) as ws:
        write_report(ws, path, lang=lang)
        kpis = kpi_report(ws, family="rfm", with_insights=True, lang=lang)
    page = path.read_text(encoding="utf-8")
    section = html.unescape(re.search(r'<section id="insights">(.*?)</section>', page, re.S)[1])
    found = {item["kind"]: item for item in kpis["insights"]}
    assert {"most_profitable", "highest_churn_risk", "fastest_shrinking"} <= set(found)
    assert section.count("<li>") == len(found) and words in section
    unnamed = section
    for item in found.values():
        assert item["segment"] in section and item["message"] not in section
        unnamed = unnamed.replace(item["segment"], "")
    assert not re.search(r"\b(?:the|in|of|members|since|share)\b", unnamed), section  # no English left
    top = found["most_profitable"]
    rows = {row["name"]: row for row in kpis["segments"]}
    assert top["value"] >= 1000 and f"{top['value']:,.2f}" not in section
    assert localize.number(top["value"], 2, lang) in section  # 942 611,00
    assert localize.percent(rows[top["segment"]]["revenue_share"], 0, lang) in section  # uk 24%, ru 24 %
    shrinking = found["fastest_shrinking"]
    change = kpis["size_changes"][shrinking["segment"]]
    assert localize.percent(change["change"], 0, lang, signed=True) in section  # uk -5%, ru -5 %


def test_the_playbook_language_can_be_chosen(shop, tmp_path):
    from segmint.playbook import load_playbook

    with Workspace.open(shop) as ws:
        write_report(ws, tmp_path / "en.html", lang="en")
        strategy = load_playbook(ws).get("lifecycle", "new").strategy
    page = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert escape(strategy["en"]) in page and escape(strategy["uk"]) not in page


def test_the_headline_numbers_are_the_stores(shop, written):
    """Purchases to date as the KPIs count them (completed or pending, of customers); the guests' apart."""
    path, _ = written
    text = visit(path).text
    with Workspace.open(shop) as ws:
        customers, orders, revenue, guests = ws.raw.execute(
            "SELECT (SELECT count(*) FROM customers), count(*) FILTER (WHERE NOT is_guest), "
            "sum(total) FILTER (WHERE NOT is_guest), sum(total) FILTER (WHERE is_guest) FROM orders "
            "WHERE status IN ('completed', 'pending') AND ordered_at::DATE <= DATE '2026-01-01'"
        ).fetchone()
    assert guests > 0

    def uk(value) -> str:  # the demo shop is Ukrainian: thousands apart by a no-break space, as CLDR says
        return f"{value:,.0f}".replace(",", "\u00a0")

    for figure in (customers, orders, revenue, guests):
        assert uk(figure) in text, figure


def test_a_workspace_without_a_refresh_gets_a_report_that_says_what_to_run(tmp_path):
    with Workspace.init(tmp_path / "empty") as ws:
        summary = write_report(ws, tmp_path / "empty.html")
    assert summary.sections == ["summary", "playbook"]
    assert "segmint refresh" in summary.empty["rfm"]
    assert "segmint clusters fit" in summary.empty["clusters"]
    seen = visit(tmp_path / "empty.html")
    assert seen.console_errors == [] and "segmint refresh" in seen.text


def test_cli_report_json_is_one_document(shop, tmp_path):
    out = tmp_path / "r.html"
    done = subprocess.run(
        [sys.executable, "-m", "segmint", "report", "-w", str(shop), "-o", str(out), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["path"] == str(out) and document["bytes"] == out.stat().st_size > 1_000_000
    assert "transitions" in document["sections"]


def test_cli_report_into_a_missing_folder_says_so(shop, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "segmint", "report", "-w", str(shop), "-o", str(tmp_path / "nope" / "r.html")],
        capture_output=True,
        text=True,
        check=False,
        # Rich's error box would wrap the long path; English, as the -o refusal speaks the demo shop's
        # Ukrainian since b1bf6de (tests/test_cli_wording.py checks that)
        env={**os.environ, "COLUMNS": "400", "SEGMINT_LANGUAGE": "en"},
    )
    assert done.returncode != 0 and "does not exist" in done.stderr


def test_every_cluster_has_its_persona_card_and_rule_in_the_page(shop, written):
    text = visit(written[0]).text
    with Workspace.open(shop) as ws:
        run, currency, lang = current(ws), ws.settings.currency, ws.settings.language
    assert lang in personas.LANGUAGES  # the demo shop's report is in Ukrainian: its cards are worded so
    assert 3 <= len(run.clusters) <= 5
    for cluster in run.clusters:
        assert f"{cluster['cluster']}. {cluster['name']}" in text
        assert personas.five_w(cluster, currency, lang)["who"] in text
        assert cluster["persona"]["five_w"]["who"] not in text  # the library's English
        assert cluster["rule"] in text


def _charts_as_read(path) -> tuple[str, dict[str, list[str]], str]:
    """The page's text, each chart's tick labels, and the RFM grid's hover over its top right cell, as
    headless Chromium draws them."""
    from playwright.sync_api import sync_playwright
    from tests.report.browser import FLAGS, chromium

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(path.resolve().as_uri())
            page.wait_for_function("document.querySelectorAll('.plotly-graph-div .main-svg').length >= 6")
            ticks = {
                chart.get_attribute("id"): chart.eval_on_selector_all(
                    "g.xtick text, g.ytick text, g.y2tick text", "texts => texts.map(t => t.textContent)"
                )
                for chart in page.query_selector_all(".plotly-graph-div")
            }
            grid = page.locator("#rfm .plotly-graph-div").first
            box = grid.locator(".nsewdrag").first.bounding_box()
            page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.1)
            page.wait_for_selector("#rfm .hoverlayer text")
            hover = " ".join(grid.locator(".hoverlayer text").all_text_contents())
            return page.inner_text("body"), ticks, hover
        finally:
            browser.close()


def _revenue_ticks(ticks: dict[str, list[str]]) -> list[str]:
    """The revenue axis of the RFM groups chart: 0, 0.386M, 0.772M, ... (values in millions)."""
    return [t for t in ticks["chart-2-1"] if t.endswith("M")]


@pytest.mark.parametrize(
    ("lang", "group", "decimal", "percent"),
    [("uk", "\u00a0", ",", "%"), ("ru", "\u00a0", ",", "\u00a0%"), ("en", " ", ".", "%")],
)
def test_numbers_are_written_as_the_reports_language_writes_them(
    shop, tmp_path, lang, group, decimal, percent
):
    """uk and ru as CLDR says (1 234,5 with a no-break space, uk 12%, ru 12 %), in the tiles, the tables
    and the charts' ticks and hover; English as before (1 234.5 with a space, Plotly's 0.5M ticks)."""
    from segmint.kpis import kpi_report
    from segmint.kpis.insights import segment_names
    from segmint.report import data
    from segmint.report.texts import text as words

    path = tmp_path / f"{lang}.html"
    with Workspace.open(shop) as ws:
        write_report(ws, path, lang=lang)
        head = data.headline(ws)
        kpis = kpi_report(ws, family="rfm", lang=lang)
        grid = data.rfm_grid(ws).to_pylist()
    text, ticks, hover = _charts_as_read(path)

    def grouped(value: float) -> str:
        return f"{value:,.0f}".replace(",", group)

    tiles = text.split(words("summary_title", lang, date=head.as_of), 1)[1]
    assert f"{grouped(head.customers)}\n{words('tile_customers', lang)}" in tiles and head.customers >= 1000
    money = f"{grouped(head.revenue)}{' ' if lang == 'en' else chr(0xA0)}UAH"
    assert f"{money}\n{words('tile_revenue', lang)}" in tiles
    champions = next(row for row in kpis["segments"] if row["name"] == "Champions")
    frequency = f"{champions['purchase_frequency']:.1f}".replace(".", decimal)
    share = f"{100 * champions['share']:.0f}{percent}"
    label = segment_names(kpis, Namer(lang))["Champions"]  # Чемпіони (Champions) in uk and ru
    row = f"{label}\t{champions['size']}\t{share}\t{grouped(champions['revenue'])}\t"
    assert row in text and f"\t{frequency}\t" in text.split(row, 1)[1].split("\n", 1)[0]
    plain = [t for chart in ticks.values() for t in chart if re.fullmatch(r"[\d.,\u00a0 ]+", t)]
    chart_group = "," if lang == "en" else group  # Plotly's own in English: 1,200
    assert not [t for t in plain if re.fullmatch(r"\d{4,}(?:\D\d+)?", t)], plain  # 1200, not grouped
    assert [t for t in plain if re.fullmatch(rf"\d{{1,3}}(?:{chart_group}\d{{3}})+", t)], plain
    revenue = _revenue_ticks(ticks)
    assert len(revenue) >= 3 and all(decimal in t for t in revenue[1:]), revenue
    wrong = "." if decimal == "," else ","
    assert not any(wrong in t for t in revenue), revenue
    bins = 5  # the default RFM scores, 1-5
    top_right = next(r for r in grid if (r["rfm_r"], r["rfm_f"]) == (bins, bins))["avg_monetary"]
    spend = f"{top_right:,.2f}"  # Plotly's own in English: 11,322.80
    if lang != "en":
        spend = spend.replace(",", group).replace(".", decimal)
    spent = {"en": "average spend", "uk": "середні витрати", "ru": "средние траты"}[lang]
    assert f"R {bins} · F {bins}" in hover and f"{spent} {spend}" in hover, hover


def test_the_report_page_says_its_language(shop, tmp_path):
    with Workspace.open(shop) as ws:
        write_report(ws, tmp_path / "ru.html", lang="ru")
    assert '<html lang="ru">' in (tmp_path / "ru.html").read_text(encoding="utf-8")


def _figure_texts(figure) -> list[str]:
    """A chart's own words: its title, axis and colour-bar titles, trace names, node labels and hovers."""
    layout = figure.to_plotly_json()["layout"]
    found = [layout.get(k, {}).get("title", {}).get("text") for k in ("xaxis", "yaxis", "yaxis2")]
    found.append(layout["title"]["text"])
    for trace in figure.data:
        found += [trace.name, getattr(trace, "hovertemplate", None)]
        if trace.type == "heatmap":
            found.append(trace.colorbar.title.text)
        if trace.type == "sankey":
            found += list(trace.node.label)
    return [t for t in found if t]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_the_reports_own_words_are_in_its_language(shop, tmp_path, lang):
    """Headings, table and card headers, tiles, chart titles, axes and hovers of a uk or ru report hold no
    text of the English table (they were all English), and every key has its uk and ru text with the
    English text's {names}."""
    from segmint.report import build_sections
    from segmint.report.texts import table

    english, own = table("en"), table(lang)
    assert set(own) == set(english) == set(table("uk")) == set(table("ru"))
    names = re.compile(r"(?<!%)\{(\w*)")
    for key, words in own.items():
        assert words.strip() and sorted(names.findall(words)) == sorted(names.findall(english[key])), key
    path = tmp_path / f"{lang}.html"
    with Workspace.open(shop) as ws:
        write_report(ws, path, lang=lang)
        sections = build_sections(ws, lang)
    page = path.read_text(encoding="utf-8")
    shown = [html.unescape(t) for t in re.findall(r"<(?:h1|h2|h3|th)>(.*?)</(?:h1|h2|h3|th)>", page)]
    shown += [html.unescape(t) for t in re.findall(r'<div class="tile"><b>[^<]*</b>([^<]*)</div>', page)]
    shown += [html.unescape(t) for t in re.findall(r'<p class="note">(.*?)</p>', page)]
    shown += [t for section in sections for figure in section.figures for t in _figure_texts(figure)]
    assert len(shown) > 60 and "Сплячі VIP" not in " ".join(shown)  # words of the page, not of the data
    patterns = {
        key: re.compile(r"\b" + r".*".join(re.escape(p) for p in re.split(r"(?<!%)\{\w*\}", words)) + r"\b")
        for key, words in english.items()
        if words != own[key]
    }
    left = [(key, t) for t in shown for key, pattern in patterns.items() if pattern.search(t)]
    assert left == [], left


@pytest.mark.parametrize(
    ("lang", "base"), [("uk", "Усі клієнти"), ("ru", "Все клиенты"), ("en", "All customers")]
)
def test_the_kpi_tables_base_row_is_named_in_the_reports_language(shop, tmp_path, lang, base):
    """The KPI table's last row, the whole base, is named as `segmint kpis` names it in that language.
    Before, a uk or ru report wrote the KPI document's English "All customers" there."""
    path = tmp_path / f"{lang}.html"
    with Workspace.open(shop) as ws:
        write_report(ws, path, lang=lang)
    page = path.read_text(encoding="utf-8")
    kpis = page[page.index('id="kpis"') :]
    rows = re.findall(r"<tr>(.*?)</tr>", kpis[: kpis.index("</table>")], flags=re.S)
    first_cells = [html.unescape(re.sub(r"<[^>]+>", "", re.split(r"</t[dh]>", r)[0])).strip() for r in rows]
    assert first_cells[-1] == base
    if lang != "en":
        assert "All customers" not in page


def test_the_one_snapshot_note_suggests_a_date_of_the_workspaces_own(tmp_path):
    """With one refresh only, the movement section suggests a refresh 90 days (the chart's look-back)
    before the workspace's reference date. Before, it always suggested `--as-of 2025-09-30`: in a shop
    whose data ends in 2011 (UCI Online Retail) or in mid-2024, a date after all of its data."""
    path = tmp_path / "shop"
    build_demo(path, n_customers=300, seed=5)
    config = path / "segmint.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"(?m)^reference_date = .*$", "reference_date = 2024-06-30", text), encoding="utf-8"
    )
    with Workspace.open(path) as ws:
        segmint.refresh(ws)
        summary = write_report(ws, tmp_path / "one.html", lang="uk")
    assert "`segmint refresh --as-of 2024-04-01`" in summary.empty["transitions"]
    assert "2025-09-30" not in (tmp_path / "one.html").read_text(encoding="utf-8")


def test_the_clv_section_is_not_titled_as_the_value_to_date(shop, tmp_path):
    """The CLV section shows the predicted 12 months; in uk it was titled "Цінність клієнта за весь час",
    the words the report's tiles and the CLI's "CLV за весь час" use for the value to date (historical)."""
    from segmint.report import build_sections

    with Workspace.open(shop) as ws:
        sections = {s.key: s for s in build_sections(ws, "uk")}
    assert sections["clv"].title == "Пожиттєва цінність клієнта (CLV)"
    assert "за весь час" not in sections["clv"].title


@pytest.mark.parametrize(
    ("lang", "champions", "lost"),
    [("uk", "Чемпіони", "Втрачені"), ("ru", "Чемпионы", "Потерянные")],
    ids=["uk", "ru"],
)
def test_the_report_names_family_groups_by_their_labels(shop, tmp_path, lang, champions, lost):
    """A uk or ru report names the families' groups by their labels (families/labels.py): "Чемпіони
    (Champions)" in the KPI table and the playbook, the label alone on a chart's axis and in the sankey. It
    wrote the English keys. The KPI document it is made from keeps the keys."""
    from segmint.kpis import kpi_report
    from segmint.report import build_sections

    path = tmp_path / f"{lang}.html"
    with Workspace.open(shop) as ws:
        write_report(ws, path, lang=lang)
        sections = {section.key: section for section in build_sections(ws, lang)}
        kpis = kpi_report(ws, family="rfm", lang=lang)
    assert kpis["segments"][0]["name"] == kpis["segments"][0]["group"] == "Champions"
    page = path.read_text(encoding="utf-8")
    kpi_table = page[page.index('id="kpis"') :]
    rows = re.findall(r"<tr>(.*?)</tr>", kpi_table[: kpi_table.index("</table>")], flags=re.S)
    first_cells = [html.unescape(re.sub(r"<[^>]+>", "", re.split(r"</t[dh]>", r)[0])).strip() for r in rows]
    assert f"{champions} (Champions)" in first_cells and "Champions" not in first_cells
    book = page[page.index('id="playbook"') :]
    assert f"<td>rfm</td><td>{html.escape(champions)} (Champions)</td>" in book
    bars = sections["rfm"].figures[1].data[0]
    assert champions in bars.x and "Champions" not in bars.x
    lifecycle = sections["families"].figures[0].data[0]
    assert {"Активні", "Активные"} & set(lifecycle.x) and "active" not in lifecycle.x
    nodes = list(sections["transitions"].figures[0].data[0].node.label)
    assert any(node.startswith(f"{lost} (") for node in nodes) and not any(
        n.startswith("Lost") for n in nodes
    )
