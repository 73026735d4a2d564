"""The KPI period's label on the dashboard and a segment's page says which days are counted. A KPI period
counts the days start < d <= end (docs/metrics.md); the label said "Період 2025-01-01 – 2026-01-01", a
reader took 2025-01-01 for counted, and the buyers of that day are not."""

from __future__ import annotations

import datetime as dt
import html

from tests.web.conftest import BIG_SPENDERS, log_in

from segmint.kpis import kpi_report


def ws_of(client):
    return client.app.state.workspace.ws


def text_of(answer) -> str:
    assert answer.status_code == 200, answer.text
    return html.unescape(answer.text).replace("\u00a0", " ")


def buyers_sql(ws, first: dt.date, last: dt.date) -> int:
    """Customers with a purchase (docs/metrics.md) from `first` to `last`, both days included, in SQL."""
    return ws.raw.execute(
        "SELECT count(DISTINCT customer_id) FROM orders WHERE status IN ('completed', 'pending') "
        "AND NOT is_guest AND customer_id IS NOT NULL AND CAST(ordered_at AS DATE) BETWEEN ? AND ?",
        [first, last],
    ).fetchone()[0]


def test_the_period_label_names_the_first_day_counted(client, shop):
    log_in(client, shop.tokens["viewer"])
    ws = ws_of(client)
    report = kpi_report(ws, [BIG_SPENDERS])
    start, end = (dt.date.fromisoformat(str(report["period"][key])) for key in ("start", "end"))
    first = start + dt.timedelta(days=1)
    # the label's days are the days counted: the buyers of the base are those of first..end in SQL
    assert report["base"]["buyers"] == buyers_sql(ws, first, end)

    for lang, label in (
        ("uk", f"Період {first} – {end}, обидва дні включно"),
        ("ru", f"Период {first} – {end}, оба дня включительно"),
        ("en", f"Period {first} – {end}, both days included"),
    ):
        client.cookies.set("segmint_lang", lang)
        dashboard = text_of(client.get("/ui/dashboard/kpis"))
        segment = text_of(client.get(f"/ui/segment/kpis?name={BIG_SPENDERS}"))
        for shown in (dashboard, segment):
            line = next(line for line in shown.splitlines() if label.split()[0] in line)
            assert label in line
            assert str(start) not in line  # the day before the period is not named as part of it
