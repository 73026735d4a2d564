"""A family's page: its groups now and the transitions matrix between two of its computed dates (who moved
from which group to which, who stayed on the diagonal), linked from the segments list (which lists every
family's group sizes, as `segmint segments list` does) and from the dashboard. Before, the web UI had no
transitions at all: only the CLI and the API showed them."""

from __future__ import annotations

import html
import re

import pytest
from tests.web.conftest import log_in

import segmint
from segmint.history import queries


def shown_as(group: str, lang: str) -> str:
    """An RFM group as a page in `lang` names it (families/labels.py, imported on use: old code had none)."""
    from segmint.families import labels

    return labels.shown("rfm", group, lang)


def ws_of(client):
    return client.app.state.workspace.ws


def table_rows(text: str, table_id: str) -> list[list[str]]:
    body = text.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append(
            [html.unescape(re.sub(r"<[^>]+>", "", cell.replace("<br>", "\n"))).strip() for cell in cells]
        )
    return rows


def number(cell: str) -> int:
    return 0 if cell == "·" else int(cell.replace("\u00a0", "").replace(" ", ""))


def group_on(ws, family: str, day) -> dict[str, str]:
    """customer_id -> group of `family` on `day`, read from the membership history with SQL."""
    rows = ws.raw.execute(
        "SELECT customer_id, group_name FROM membership_history WHERE kind = 'family' AND ref = ? "
        "AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)",
        [family, day, day],
    ).fetchall()
    return dict(rows)


def test_the_transitions_matrix_in_russian_matches_the_history(client, shop):
    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "ru")
    ws = ws_of(client)
    start, end = queries.snapshot_dates(ws, queries.lookup(ws, "rfm"))
    shown = client.get("/ui/family?name=rfm")
    assert shown.status_code == 200
    assert "Кто куда перешёл" in shown.text
    assert f"Строки: группа на {start}; столбцы: группа на {end}." in shown.text

    rows = table_rows(shown.text, "transition-matrix")
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    groups = header[1:-1]
    assert header[-1] == "Всего" and totals[0] == "Всего"
    before, after = group_on(ws, "rfm", start), group_on(ws, "rfm", end)
    everyone = set(before) | set(after)
    outside = "(вне семейства)"
    expected = {}
    for customer in everyone:  # the groups by their Russian labels: Чемпионы (Champions)
        key = tuple(shown_as(on[customer], "ru") if customer in on else outside for on in (before, after))
        expected[key] = expected.get(key, 0) + 1
    shown_cells = {
        (row[0], group): number(cell) for row in body for group, cell in zip(groups, row[1:-1], strict=True)
    }
    assert {key: n for key, n in shown_cells.items() if n} == expected
    assert sum(expected.values()) == len(everyone) > 0
    # the column totals are the groups' sizes on the last date, as the groups table above says
    sizes = {row[0]: number(row[1]) for row in table_rows(shown.text, "family-groups")[1:]}
    assert {g: number(t) for g, t in zip(groups, totals[1:-1], strict=True) if g != outside} == sizes
    assert sum(sizes.values()) == len(after)
    # the corner: everyone the matrix counts (it was an empty cell)
    assert number(totals[-1]) == len(everyone)


def test_dates_that_cannot_be_compared_are_refused_on_the_page(client, shop):
    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "ru")
    ws = ws_of(client)
    start, end = queries.snapshot_dates(ws, queries.lookup(ws, "rfm"))
    reversed_ = client.get(f"/ui/family?name=rfm&from={end}&to={start}")
    assert reversed_.status_code == 400
    assert "Первая дата должна быть раньше второй." in reversed_.text
    assert 'id="transition-matrix"' not in reversed_.text
    # a date the family was not computed on: the page names the ones it was
    other = client.get(f"/ui/family?name=rfm&from=2000-01-01&to={end}")
    assert other.status_code == 400
    assert f"Выберите две из вычисленных дат семейства: {start}, {end}." in html.unescape(other.text)
    nonsense = client.get("/ui/family?name=rfm&from=31.01.2024")
    assert nonsense.status_code == 400
    missing = client.get("/ui/family?name=nope")
    assert missing.status_code == 404
    assert "Семейства с названием «nope» нет." in html.unescape(missing.text)


def test_a_family_named_in_capitals_has_its_page(client, shop):
    """/ui/family?name=RFM was a 404 "no family" page where `kpis --family RFM` and /families/RFM took
    it: the page takes a family in any case or spacing (history.queries.spelled_family) and names it as
    stored; a name that is no family is still a 404."""
    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "en")
    exact = client.get("/ui/family?name=rfm")
    for typed in ("RFM", " Rfm "):
        shown = client.get("/ui/family", params={"name": typed})
        assert shown.status_code == 200, typed
        assert "<title>rfm" in shown.text and "<h1>rfm " in shown.text
        assert table_rows(shown.text, "transition-matrix") == table_rows(exact.text, "transition-matrix")
    assert client.get("/ui/family?name=rfmm").status_code == 404


def test_the_segments_list_shows_every_family_with_its_group_sizes(client, shop):
    log_in(client, shop.tokens["viewer"])
    ws = ws_of(client)
    listed = client.get("/ui/segments?lang=ru")
    families = segmint.segments.overview(ws)["families"]
    rows = {row[0].split("\n")[0]: row[1] for row in table_rows(listed.text, "families")[1:]}
    assert list(rows) == [family["name"] for family in families]
    rfm = next(family for family in families if family["name"] == "rfm")
    for group in rfm["groups"]:
        shown = shown_as(group["name"], "ru")  # Чемпионы (Champions)
        assert f"{shown} {group['customers']:,}".replace(",", "\u00a0") in rows["rfm"]
    assert 'href="/ui/family?name=rfm"' in listed.text
    assert 'href="/ui/family?name=rfm"' in client.get("/ui/").text


LABELLED = {
    "uk": ("Чемпіони (Champions)", "Колишні (lapsed)"),
    "ru": ("Чемпионы (Champions)", "Ушедшие (lapsed)"),
}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_the_pages_name_family_groups_by_their_labels(client, shop, lang):
    """The family page, the segments list, the dashboard and a customer's profile name a built-in group by
    its label and its key, "Чемпіони (Champions)"; they showed the English key alone. The links and the
    API keep the key."""
    log_in(client, shop.tokens["viewer"])
    champions, lapsed = LABELLED[lang]
    family = html.unescape(client.get(f"/ui/family?name=rfm&lang={lang}").text)
    groups = [row[0] for row in table_rows(family, "family-groups")[1:]]
    assert champions in groups and "Champions" not in groups
    rfm = next(f for f in segmint.segments.overview(ws_of(client))["families"] if f["name"] == "rfm")
    assert groups == [shown_as(group["name"], lang) for group in rfm["groups"]]
    matrix = table_rows(family, "transition-matrix")
    assert champions in matrix[0] and champions in [row[0] for row in matrix]
    assert champions in html.unescape(client.get(f"/ui/segments?lang={lang}").text)
    assert lapsed in html.unescape(client.get(f"/ui/family?name=lifecycle&lang={lang}").text)
    assert champions in html.unescape(client.get(f"/ui/?lang={lang}").text)
    panel = html.unescape(client.get(f"/ui/dashboard/kpis?lang={lang}").text)
    insights = re.search(r'<ul class="insights" id="insights">(.*?)</ul>', panel, re.S)[1]
    named = [shown_as(group["name"], lang) for group in rfm["groups"]]
    assert any(f"<li>{shown} " in insights for shown in named if "(" in shown), insights
    (customer,) = (
        ws_of(client)
        .raw.execute("SELECT customer_id FROM features WHERE rfm_group = 'Champions' LIMIT 1")
        .fetchone()
    )
    profile = html.unescape(client.get(f"/ui/customer?id={customer}&lang={lang}").text)
    assert f"<th>rfm</th><td>{champions}</td>" in profile
    english = html.unescape(client.get("/ui/family?name=rfm&lang=en").text)
    assert (
        "Champions" in [row[0] for row in table_rows(english, "family-groups")]
        and "(Champions)" not in english
    )


def test_a_built_in_name_of_ones_own_rfm_map_is_shown_as_it_is_named(shop, tmp_path):
    """A map of one's own that names other cells "Champions" was labelled with the built-in group's
    "Чемпіони (Champions)" on every page: the name the user chose is shown as it is, on the family page
    and in the builder's suggestions, while a row keeping a built-in group's cells (Loyal) keeps its label."""
    from fastapi.testclient import TestClient
    from tests.rfm_maps import use_own_rfm_map
    from tests.web.conftest import ENGLISH_BROWSER, copy_of
    from tests.web.test_value_suggestions import options

    from segmint import Workspace
    from segmint.api import create_app

    path = copy_of(shop, tmp_path)
    use_own_rfm_map(path)
    with Workspace.open(path) as ws:
        segmint.refresh(ws)
    with TestClient(create_app(path), raise_server_exceptions=False, headers=ENGLISH_BROWSER) as client:
        log_in(client, shop.tokens["viewer"])
        family = html.unescape(client.get("/ui/family?name=rfm&lang=uk").text)
        groups = [row[0] for row in table_rows(family, "family-groups")[1:]]
        assert "Champions" in groups and "Лояльні (Loyal)" in groups and "Чемпіони" not in family, groups
        rule = 'rfm.group = "Champions"'
        suggested = options(client.get("/ui/builder", params={"rule": rule, "lang": "uk"}).text, "rfm.group")
        assert suggested["Champions"] is None and suggested["Loyal"] == "Лояльні (Loyal)", suggested
