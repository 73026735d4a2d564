"""Who entered and who left a segment between two of its computed dates, on its page: the counts, the first
of each by id with a link to the profile, and how long stays in it last. Before, the page had only the
Sankey of the first against the last date, with no names and no choice of dates."""

from __future__ import annotations

import html
import re

from tests.web.conftest import BIG_SPENDERS, log_in

import segmint


def ws_of(client):
    return client.app.state.workspace.ws


def members_on(ws, name: str, day) -> set[str]:
    """The segment's members on `day`, read from the membership history with SQL."""
    segment = segmint.segments.find(ws, name)
    rows = ws.raw.execute(
        "SELECT customer_id FROM membership_history WHERE kind = 'segment' AND ref = ? "
        "AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)",
        [segment.segment_id, day, day],
    ).fetchall()
    return {row[0] for row in rows}


def dates_of(ws, name: str) -> list:
    segment = segmint.segments.find(ws, name)
    rows = ws.raw.execute(
        "SELECT as_of FROM membership_snapshots WHERE kind = 'segment' AND ref = ? ORDER BY as_of",
        [segment.segment_id],
    ).fetchall()
    return [row[0] for row in rows]


def ids_in(text: str, box: str) -> list[str]:
    part = text.split(f'id="movers-{box}"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="/ui/customer\?id=([^"]+)"', part)


def test_who_entered_and_left_between_two_dates_matches_the_history(client, shop):
    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "ru")
    ws = ws_of(client)
    start, end = dates_of(ws, BIG_SPENDERS)
    before, after = members_on(ws, BIG_SPENDERS, start), members_on(ws, BIG_SPENDERS, end)
    entered, left = sorted(after - before), sorted(before - after)
    assert entered and not left  # total spent only grows: a year brings big spenders, takes none away

    shown = client.get(f"/ui/segment/movement?name={BIG_SPENDERS}&from={start}&to={end}")
    assert shown.status_code == 200
    text = html.unescape(shown.text)
    stayed = len(before & after)
    summary = f"остались {stayed}, ушли {len(left)}, пришли {len(entered)}"
    assert summary.replace(" ", "") in text.replace("\u00a0", "").replace(" ", "")
    assert f"Пришли: {len(entered)}" in text.replace("\u00a0", "") and f"Ушли: {len(left)}" in text
    assert ids_in(shown.text, "entered") == entered[:25]
    assert ids_in(shown.text, "left") == [] and "Никто." in text.split('id="movers-left"', 1)[1]
    assert "Пребываний в сегменте:" in text
    # by default the first and the last computed dates, and the page loads the panel
    assert client.get(f"/ui/segment/movement?name={BIG_SPENDERS}").text == shown.text
    assert "/ui/segment/movement?name=" in client.get(f"/ui/segment?name={BIG_SPENDERS}").text


def test_dates_the_segment_was_not_computed_on_are_refused_in_the_page_language(client, shop):
    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "ru")
    ws = ws_of(client)
    start, end = dates_of(ws, BIG_SPENDERS)
    backwards = client.get(f"/ui/segment/movement?name={BIG_SPENDERS}&from={end}&to={start}")
    # refused (422), which the pages' htmx-config swaps in: tests/web/test_movement_refused_browser.py
    assert backwards.status_code == 422
    assert "Первая дата должна быть раньше второй." in backwards.text
    other = client.get(f"/ui/segment/movement?name={BIG_SPENDERS}&from=31.01.2024")
    assert other.status_code == 422
    said = f"Выберите две из дат, на которые вычислен сегмент: {start}, {end}."
    assert said in html.unescape(other.text)


def test_a_segment_computed_on_one_date_says_once_how_to_get_another(client, shop):
    log_in(client, shop.tokens["viewer"])
    segmint.segments.create(ws_of(client), "Новый", "total_spent > 100")
    shown = client.get("/ui/segment/movement?name=Новый&lang=ru")
    assert shown.status_code == 200
    assert 'id="movement-from"' not in shown.text and "Нужны две даты" not in shown.text
    charts = html.unescape(client.get("/ui/segment/charts?name=Новый&lang=ru").text)
    # the way to another date is the dashboard's refresh form (the CLI cannot open the served workspace)
    assert "Нужны две даты обновления" in charts and "обновление на обзоре с датой" in charts


def test_every_mover_downloads_as_csv_from_the_panel(client, shop):
    """The panel lists the first 25 of each and said to run `segmint segments members NAME --as-of DATE`
    for the rest, which cannot open the workspace while the server holds it: now each list has a CSV of
    all of them (with a byte order mark, as the members' export), the ids those of the history in SQL."""
    import codecs
    import csv
    import io

    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "uk")
    ws = ws_of(client)
    start, end = dates_of(ws, BIG_SPENDERS)
    before, after = members_on(ws, BIG_SPENDERS, start), members_on(ws, BIG_SPENDERS, end)
    panel = html.unescape(client.get(f"/ui/segment/movement?name={BIG_SPENDERS}").text)
    assert "segmint segments members" not in panel
    assert f"Усі {len(after - before)} у CSV" in panel.replace("\u00a0", "")
    for who, expected in (("entered", after - before), ("left", before - after)):
        shown = re.search(rf'id="movers-{who}-csv" href="([^"]+)"', panel)
        assert (shown is not None) == bool(expected)  # no link under "Ніхто."
        link = f"/ui/segment/movers.csv?name={BIG_SPENDERS}&who={who}&from={start}&to={end}"
        assert shown is None or shown.group(1) == link.replace(" ", "+")
        answer = client.get(link)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
        assert answer.content.startswith(codecs.BOM_UTF8)
        rows = list(csv.DictReader(io.StringIO(answer.content[3:].decode())))
        assert [row["customer_id"] for row in rows] == sorted(expected)
    header = client.get(f"/ui/segment/movers.csv?name={BIG_SPENDERS}&who=entered").content[3:].split(b"\n")[0]
    assert header == b'"customer_id","full_name","email","phone","city"'
    backwards = client.get(f"/ui/segment/movers.csv?name={BIG_SPENDERS}&who=left&from={end}&to={start}")
    assert backwards.status_code == 400 and "Перша дата має бути раніше за другу." in backwards.text
