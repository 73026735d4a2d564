"""The dashboard's refresh takes a date and earlier dates (as `segmint refresh --as-of DATE` and
`--backfill monthly` do), so a marketer gets a second date for the segment page's movements and the
family page's transitions from the web: the pages advised `segmint refresh --as-of`, which cannot open the
workspace while `segmint serve` holds it, and the dashboard's button only refreshed on the reference date.
A date that is no date, after the workspace's today or before its data is refused on the dashboard in the
page's language, with what was typed kept, and nothing is queued (TestClient, the demo shop)."""

from __future__ import annotations

import datetime as dt
import re
import time
from html import unescape

import pytest
from tests.web.conftest import BIG_SPENDERS, ORIGIN, log_in

import segmint


def csrf(client) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ui/").text).group(1)


def refresh(client, **fields):
    return client.post(
        "/ui/refresh", data={"csrf": csrf(client), **fields}, headers=ORIGIN, follow_redirects=False
    )


def finished(client, answer) -> None:
    assert answer.status_code == 303, answer.text
    refresh_id = int(answer.headers["location"].rsplit("refresh=", 1)[1])
    deadline = time.monotonic() + 300
    while 'hx-trigger="every' in (box := client.get("/ui/refresh/progress", params={"id": refresh_id})).text:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert 'data-state="finished"' in box.text, box.text


def segment_dates(client) -> list[dt.date]:
    ws = client.app.state.workspace.ws
    segment_id = segmint.segments.find(ws, BIG_SPENDERS).segment_id
    rows = ws.raw.execute(
        "SELECT as_of FROM membership_snapshots WHERE kind = 'segment' AND ref = ? ORDER BY as_of",
        [segment_id],
    ).fetchall()
    return [row[0] for row in rows]


def test_a_refresh_on_a_date_typed_as_people_write_it_adds_that_date(client, shop):
    log_in(client, shop.tokens["editor"])
    client.cookies.set("segmint_lang", "uk")
    page = unescape(client.get("/ui/").text)
    assert "На дату" in page and "кінець кожного місяця від першого замовлення" in page
    assert "POST /" not in page and "segmint refresh" not in page  # an API route or a CLI it cannot run
    before = segment_dates(client)
    finished(client, refresh(client, as_of="30.06.2025"))
    assert segment_dates(client) == sorted([*before, dt.date(2025, 6, 30)])
    movement = client.get("/ui/segment/movement", params={"name": BIG_SPENDERS}).text
    assert 'value="2025-06-30"' in movement  # a date to choose on the segment page now
    # the pages that need a second date point to this form, not to the CLI
    family = client.get("/ui/family?name=rfm").text
    assert "segmint refresh" not in unescape(family)


def test_earlier_dates_every_month_end(client, shop):
    log_in(client, shop.tokens["editor"])
    finished(client, refresh(client, backfill="monthly"))
    dates = segment_dates(client)
    ends = [day for day in dates if (day + dt.timedelta(days=1)).day == 1]
    now = segmint.rules.context.reference_date(client.app.state.workspace.ws)
    assert len(ends) >= 12 and dates[-1] == now


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("31.02.2025", "«31.02.2025» — не дата: напишіть її як 2011-06-30 або 30.06.2011."),
        (
            "2030-01-01",
            "2030-01-01 пізніше за {now}, «сьогодні» робочого простору: оновіть на цю або ранішу дату.",
        ),
        ("01.01.2000", "2000-01-01 раніше за початок даних ({first}): на цю дату нічого обчислювати."),
    ],
)
def test_a_date_that_cannot_be_refreshed_on_is_refused_in_the_page_language(client, shop, typed, said):
    log_in(client, shop.tokens["editor"])
    client.cookies.set("segmint_lang", "uk")
    ws = client.app.state.workspace.ws
    now = segmint.rules.context.reference_date(ws)
    (first,) = ws.raw.execute(  # the first sign-up, order or event, in SQL
        "SELECT least((SELECT min(signup_date) FROM customers), (SELECT min(ordered_at)::DATE FROM orders), "
        "(SELECT min(occurred_at)::DATE FROM events))"
    ).fetchone()
    before = client.app.state.refreshes.state()["last"]
    answer = refresh(client, as_of=typed, backfill="monthly")
    assert answer.status_code == 400
    text = unescape(answer.text)
    error = text.split('id="refresh-error">', 1)[1].split("</p>", 1)[0]
    assert error == said.format(now=now, first=first if "{first}" in said else "")
    assert f'value="{typed}"' in text and '<option value="monthly" selected>' in text  # kept as typed
    assert client.app.state.refreshes.state()["last"] == before  # nothing was refreshed


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", "--backfill буває 'monthly' або 'weekly', а не 'yearly'"),
        ("ru", "--backfill бывает 'monthly' или 'weekly', а не 'yearly'"),
        ("en", "--backfill is 'monthly' or 'weekly', not 'yearly'"),
    ],
)
def test_an_unknown_backfill_is_refused_not_run_as_a_plain_refresh(client, shop, lang, said):
    """Old code: backfill=yearly (not one of the form's choices) queued a plain refresh as of today and said
    nothing; it is refused as the CLI's --backfill and the library refuse it (refresh.backfill, worded in
    the page's language), and nothing is queued."""
    log_in(client, shop.tokens["editor"])
    client.cookies.set("segmint_lang", lang)
    before = client.app.state.refreshes.state()["last"]
    answer = refresh(client, backfill="yearly")
    assert answer.status_code == 400, answer.headers
    error = unescape(answer.text).split('id="refresh-error">', 1)[1].split("</p>", 1)[0]
    assert error == said
    assert client.app.state.refreshes.state()["last"] == before  # nothing was refreshed


UK_SAID = (
    "Висновків поки немає: вони порівнюють оновлення на дві дати (редактор оновлює на цій сторінці з датою "
    "або минулими датами)."
)
RU_SAID = (
    "Выводов пока нет: они сравнивают обновления на две даты (редактор обновляет на этой странице с датой "
    "или прошлыми датами)."
)


@pytest.mark.parametrize(("lang", "said"), [("uk", UK_SAID), ("ru", RU_SAID)])
def test_without_insights_the_dashboard_says_how_to_get_them_here(tmp_path, lang, said):
    """Customers and no orders yet, refreshed once: no insights. The dashboard said to use "POST /refresh
    with as_of", an API call."""
    from pathlib import Path

    from fastapi.testclient import TestClient

    from segmint import Workspace, import_file
    from segmint.api import create_app
    from segmint.api.tokens import create_token

    path = tmp_path / "ws"
    with Workspace.init(path) as ws:
        import_file(ws, "customers", Path(__file__).parents[2] / "examples" / "customers_uk.csv")
        token = create_token(ws, "viewer", "viewer")[1]
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        log_in(client, token)
        panel = unescape(client.get(f"/ui/dashboard/kpis?lang={lang}").text)
    assert said in panel and "POST /" not in panel
