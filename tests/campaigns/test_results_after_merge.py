"""Campaign results after dedupe: a recipient merged away into another record still converts when that
person buys in the window, whichever of their records the order names (merges repoint orders)."""

from __future__ import annotations

import datetime as dt

from tests.campaigns.servers import sent_through_smtp

import segmint
from segmint.campaigns import Campaign, Message
from segmint.experiments.results import OVERALL, campaign_results
from segmint.quality.dedupe import find_duplicates
from segmint.quality.merge import merge_duplicates

TARGETS = ("lifecycle:active", "lifecycle:lapsing", "lifecycle:lapsed", "lifecycle:new", "lifecycle:prospect")


def _sent_to_everyone(demo_path, demo_ws) -> tuple[Campaign, set[str]]:
    """A campaign to every lifecycle stage, no holdout, sent through a real SMTP sink; and its recipients."""
    campaign = Campaign(
        name="Everyone", channel="email", holdout_share=0.0,
        messages=[Message(t, "A", "<p>{{ name }}</p>", "Hi") for t in TARGETS],
    )  # fmt: skip
    _, sink = sent_through_smtp(demo_path, demo_ws, campaign)
    assert sink.messages
    recipients = {
        c for (c,) in demo_ws.raw.execute(
            "SELECT customer_id FROM campaign_recipients WHERE campaign_id = ?", [campaign.campaign_id]
        ).fetchall()
    }  # fmt: skip
    return campaign, recipients


def test_a_recipient_merged_away_after_the_launch_still_converts_when_they_buy(demo_path, demo_ws, tmp_path):
    """Before, the results joined the window's purchases on the recipient's own id: dedupe repoints a
    merged record's orders (and later imports naming it) to the survivor, so the recipient's purchases in
    the window counted for nobody and the recipient showed as not converted."""
    campaign, recipients = _sent_to_everyone(demo_path, demo_ws)
    merged = merge_duplicates(demo_ws, find_duplicates(demo_ws))
    away = sorted(
        (m, kept)
        for kept, gone in merged.survivors.items()
        for m in gone
        if m in recipients and kept not in recipients
    )
    assert away, "the demo has a recipient whose duplicate record survives the merge"
    gone, survivor = away[0]
    other = sorted(recipients - {gone} - {m for m, _ in away})[0]
    result = campaign_results(demo_ws, campaign.campaign_id)
    before = result.row(OVERALL, "A")["conversions"]
    launched = result.campaign.launched_at
    orders = tmp_path / "after.csv"
    when = (launched + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    orders.write_text(
        "order_id,customer_id,ordered_at,total,status\n"
        f"AFTER1,{gone},{when},500.00,completed\nAFTER2,{other},{when},300.00,completed\n",
        encoding="utf-8",
    )
    segmint.import_file(demo_ws, "orders", orders)
    owner = dict(
        demo_ws.raw.execute(
            "SELECT order_id, customer_id FROM orders WHERE order_id LIKE 'AFTER%'"
        ).fetchall()
    )
    assert owner["AFTER1"] == survivor  # the order naming the merged record is the survivor's
    row = campaign_results(demo_ws, campaign.campaign_id).row(OVERALL, "A")
    already = {gone, other} & _converted_before(demo_ws, launched)
    assert row["conversions"] == before + 2 - len(already)


def _converted_before(ws, launched) -> set[str]:
    """Recipients with a purchase in the window before the test's orders (the demo's own data)."""
    return {
        c for (c,) in ws.raw.execute(
            "SELECT DISTINCT customer_id FROM orders WHERE ordered_at >= ? AND order_id NOT LIKE 'AFTER%'"
            " AND status IN ('completed', 'pending')",
            [launched],
        ).fetchall()
    }  # fmt: skip


def test_a_merged_recipients_unsubscribe_counts_for_them(demo_path, demo_ws):
    """A recipient merged away who then presses their email's unsubscribe link is recorded as the record
    they were merged into (campaigns.unsubscribe), and the campaign's results count the unsubscribe for
    them. Before, the results looked the event up by the recipient's own id and counted none."""
    from segmint.campaigns.unsubscribe import unsubscribe

    campaign, recipients = _sent_to_everyone(demo_path, demo_ws)
    merged = merge_duplicates(demo_ws, find_duplicates(demo_ws))
    away = sorted(m for kept, gone in merged.survivors.items() for m in gone if m in recipients)
    assert away
    assert unsubscribe(demo_ws, campaign.campaign_id, away[0], demo_ws.now(), "one-click")
    row = campaign_results(demo_ws, campaign.campaign_id).row(OVERALL, "A")
    assert row["unsubscribes"] == 1
