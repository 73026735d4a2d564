"""Campaign times are the workspace's local time, as orders and events are (docs/data-model.md), whatever
the machine's clock: launched_at starts the attribution window, and send events sit beside imported ones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tests.campaigns.servers import WebhookSink, configure, webhook_config

import segmint
from segmint.campaigns import Campaign, Message, create_campaign, send_campaign
from segmint.experiments.results import campaign_results
from segmint.store.workspace import Workspace

SECRET = "clock-secret"


def _zone_far_from_this_machine() -> str:
    """A zone at least 10 hours from the machine's own, so a clock mix-up cannot hide."""
    here = dt.datetime.now().astimezone().utcoffset()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14, UTC-11
        there = dt.datetime.now(ZoneInfo(zone)).utcoffset()
        if abs(there - here) >= dt.timedelta(hours=10):
            return zone
    raise AssertionError("no zone far enough from the machine's")


def test_a_campaign_is_stamped_in_the_workspace_time_zone_and_counts_only_later_purchases(
    demo_path, monkeypatch, tmp_path
):
    zone = _zone_far_from_this_machine()
    config = demo_path / "segmint.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('timezone = "Europe/Kyiv"', f'timezone = "{zone}"'), encoding="utf-8")
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    campaign = Campaign("Clock", "sms", [Message("rfm:At Risk", "A", "{{ name }}, hello")], holdout_share=0.2)
    with WebhookSink(SECRET) as sink, Workspace.open(demo_path) as ws:
        assert ws.settings.timezone == zone
        configure(demo_path, webhook_config(sink.url))
        cid = create_campaign(ws, campaign)["campaign_id"]
        before = dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
        send_campaign(ws, "Clock")
        after = dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
        assert sink.requests
        (launched,) = ws.raw.execute(
            "SELECT launched_at FROM campaigns WHERE campaign_id = ?", [cid]
        ).fetchone()
        assert before - dt.timedelta(seconds=1) <= launched <= after
        stamps = ws.raw.execute(
            "SELECT min(occurred_at), max(occurred_at) FROM events"
            " WHERE campaign_id = ? AND event_type = 'sms_sent'",
            [cid],
        ).fetchone()
        assert before - dt.timedelta(seconds=1) <= stamps[0] <= stamps[1] <= after
        # two treated recipients buy: one an hour before the send (local time), one a minute after it
        early, late = (
            c
            for (c,) in ws.raw.execute(
                "SELECT customer_id FROM campaign_recipients WHERE campaign_id = ? AND arm = 'A'"
                " ORDER BY 1 LIMIT 2",
                [cid],
            ).fetchall()
        )
        orders = tmp_path / "orders.csv"
        orders.write_text(
            "order_id,customer_id,ordered_at,total,status\n"
            f"CLK-1,{early},{launched - dt.timedelta(hours=1):%Y-%m-%d %H:%M:%S},100,completed\n"
            f"CLK-2,{late},{launched + dt.timedelta(minutes=1):%Y-%m-%d %H:%M:%S},100,completed\n",
            encoding="utf-8",
        )
        segmint.import_file(ws, "orders", str(orders), refresh=False)
        row = campaign_results(ws, cid).row("All segments", "A")
    assert row["conversions"] == 1 and row["revenue"] == 100.0
