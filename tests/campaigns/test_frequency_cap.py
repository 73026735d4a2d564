"""The frequency cap counts the messages of the cap's days up to the campaign's time, not after it."""

from __future__ import annotations

import datetime as dt

from segmint.campaigns.audience import eligibility
from segmint.campaigns.config import campaign_settings

from .servers import configure


def test_the_frequency_cap_counts_no_send_dated_after_the_campaigns_time(demo_ws, demo_path):
    """_over_cap kept `occurred_at >= now - days` with no upper bound: a campaign made as of a past date
    (create_campaign(..., at=...)) left out, for the cap, customers whose sends came in the weeks after
    it (on 2025-06-02 at the default cap 3 in 7 days, 356 of the demo's 600 had 3 sends since 05-26, none
    of them in that week)."""
    configure(demo_path, "[campaigns.frequency_cap]\nmax_messages = 1\ndays = 7\n")
    cap = campaign_settings(demo_path).frequency_cap
    at = dt.datetime(2025, 10, 10, 12, 0)  # sends on 10-08 count; the fortnightly ones after, not
    ids = demo_ws.raw.execute("SELECT customer_id FROM customers ORDER BY 1").df().customer_id
    checked = eligibility(demo_ws, ids, "email", cap, at)
    capped = set(checked[checked.reason == "frequency cap"].customer_id)
    # independently: contactable customers (earlier reasons win) with a send in the 7 days up to `at`
    expected = {
        c
        for (c,) in demo_ws.raw.execute(
            "SELECT customer_id FROM customers WHERE merged_into IS NULL AND consent_email AND email <> ''"
            " AND customer_id NOT IN (SELECT customer_id FROM events WHERE event_type = 'email_unsubscribe'"
            "   AND customer_id IS NOT NULL)"
            " AND customer_id IN (SELECT customer_id FROM events WHERE event_type LIKE '%_sent'"
            "   AND occurred_at BETWEEN ?::TIMESTAMP - INTERVAL 7 DAY AND ?)",
            [at, at],
        ).fetchall()
    }
    assert demo_ws.raw.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0  # nothing queued counts
    assert capped == expected and 0 < len(expected) < 118
