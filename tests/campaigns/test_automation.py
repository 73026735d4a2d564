"""Arms drawn one customer at a time for triggered messages (segmint.campaigns.automation)."""

from __future__ import annotations

from collections import Counter

from segmint.campaigns.automation import draw_arms


def test_arms_drawn_one_at_a_time_follow_the_shares_and_do_not_depend_on_the_batch():
    ids = [f"c{i}" for i in range(20_000)]
    arms = draw_arms("seed", ids, 0.1, ["A", "B"])
    counts = Counter(arms)
    n = len(ids)
    # binomial: the holdout share is 0.1 within 4 standard deviations, variants split the rest evenly
    assert abs(counts["holdout"] / n - 0.1) < 4 * (0.1 * 0.9 / n) ** 0.5
    assert abs(counts["A"] - counts["B"]) < 4 * (0.9 * n) ** 0.5
    # the same customer gets the same arm alone or in a batch, and another seed draws again
    assert [draw_arms("seed", [c], 0.1, ["A", "B"])[0] for c in ids[:200]] == arms[:200]
    assert draw_arms("other", ids, 0.1, ["A", "B"]) != arms
    assert set(draw_arms("seed", ids[:500], 0.0, ["A"])) == {"A"}


def test_a_recipient_a_trigger_adds_after_the_launch_is_measured_from_its_own_entry(demo_ws, tmp_path):
    """Results counted every recipient's purchases in [launch, launch + attribution_days): a customer a
    trigger added a month after the launch (treated or holdout) was measured over days before they were
    even assigned, so an automation campaign's later entrants never converted. Each is measured over the
    same number of days from its own assignment; the audience still from the launch."""
    import datetime as dt

    import pandas as pd

    import segmint
    from segmint.campaigns import Campaign, Message, create_campaign, get
    from segmint.campaigns.automation import enqueue
    from segmint.campaigns.outbox import queue
    from segmint.experiments.results import campaign_results

    launch = dt.datetime(2025, 6, 2, 10, 0)
    entry = launch + dt.timedelta(days=30)
    campaign = Campaign("Always on", "email", [Message("rfm:At Risk", "A", "hi", "Hi")], holdout_share=0.3)
    cid = create_campaign(demo_ws, campaign, at=launch - dt.timedelta(hours=1))["campaign_id"]
    queue(demo_ws, get(demo_ws, "Always on"), launch)  # what the first send does: launched at `launch`
    later = [
        c
        for (c,) in demo_ws.raw.execute(
            "SELECT customer_id FROM customers WHERE consent_email AND email <> '' AND merged_into IS NULL"
            " AND customer_id NOT IN (SELECT customer_id FROM campaign_recipients WHERE campaign_id = ?)"
            " ORDER BY 1 LIMIT 40",  # customers it may contact: the others are left out
            [cid],
        ).fetchall()
    ]
    enqueue(demo_ws, "Always on", later, at=entry)
    orders = tmp_path / "orders.csv"
    rows = [
        f"AO-{i},{c},{entry + dt.timedelta(days=2):%Y-%m-%d %H:%M:%S},250,completed"
        for i, c in enumerate(later)
    ]
    orders.write_text(
        "order_id,customer_id,ordered_at,total,status\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    segmint.import_file(demo_ws, "orders", str(orders), refresh=False)

    # independently: each recipient's window starts at the later of the launch and its assignment
    recipients = demo_ws.raw.execute(
        "SELECT customer_id, arm, assigned_at FROM campaign_recipients WHERE campaign_id = ?", [cid]
    ).df()
    bought = demo_ws.raw.execute(
        "SELECT customer_id, ordered_at, total FROM orders WHERE status IN ('completed', 'pending')"
        " AND NOT coalesce(is_guest, false)"
    ).df()
    start = recipients.assigned_at.where(recipients.assigned_at > launch, pd.Timestamp(launch))
    windows = recipients.assign(start=start, end=start + pd.Timedelta(days=14))
    hits = windows.merge(bought, on="customer_id")
    hits = hits[(hits.ordered_at >= hits.start) & (hits.ordered_at < hits.end)]
    expected = hits.groupby("arm").customer_id.nunique().to_dict()
    results = campaign_results(demo_ws, cid)
    got = {arm: results.row("All segments", arm)["conversions"] for arm in ("A", "holdout")}
    assert got == {arm: expected.get(arm, 0) for arm in ("A", "holdout")}
    arms = dict(recipients[["customer_id", "arm"]].itertuples(index=False))
    assert {arms[c] for c in later} == {"A", "holdout"}  # both arms have late entrants who bought


def test_a_triggered_customer_the_campaign_may_not_contact_is_left_out_before_the_arm_is_drawn(demo_ws):
    """enqueue drew every entrant's arm and recorded it as a recipient before checking consent: customers
    without consent joined the treated arm (and the holdout) though they could never be messaged, while
    the bulk audience leaves them out before its split. Now both pass the same check, and the skipped
    ones are added to the campaign's left-out counts, not to its recipients."""
    import datetime as dt

    from segmint.campaigns import Campaign, Message, create_campaign, get
    from segmint.campaigns.automation import enqueue
    from segmint.campaigns.status import status

    at = dt.datetime(2026, 1, 15, 10, 0)  # the demo's last sends are in 2025: no frequency cap applies
    campaign = Campaign("Always on", "email", [Message("rfm:At Risk", "A", "hi", "Hi")], holdout_share=0.3)
    created = create_campaign(demo_ws, campaign, at=at)
    outside = demo_ws.raw.execute(
        "SELECT customer_id, coalesce(consent_email, false) AND coalesce(email, '') <> ''"
        " AND merged_into IS NULL FROM customers WHERE customer_id NOT IN"
        " (SELECT customer_id FROM campaign_recipients WHERE campaign_id = ?) ORDER BY 1",
        [created["campaign_id"]],
    ).fetchall()
    silent = [c for c, ok in outside if not ok]
    reachable = [c for c, ok in outside if ok][:100]
    assert len(silent) > 20 and len(reachable) > 20
    done = enqueue(demo_ws, "Always on", silent + reachable, at=at + dt.timedelta(days=1))

    recipients = dict(
        demo_ws.raw.execute(
            "SELECT customer_id, arm FROM campaign_recipients WHERE campaign_id = ?", [created["campaign_id"]]
        ).fetchall()
    )
    assert not set(silent) & set(recipients)
    assert {recipients[c] for c in reachable} == {"A", "holdout"}
    assert done["recipients"] == len(reachable) and sum(done["skipped"].values()) == len(silent)
    left_out = status(demo_ws, get(demo_ws, "Always on"))["excluded"]
    assert sum(left_out.values()) == sum(created["excluded"].values()) + len(silent)
    queued = demo_ws.raw.execute(
        "SELECT count(*) FROM outbox WHERE campaign_id = ?", [created["campaign_id"]]
    ).fetchone()[0]
    assert queued == done["queued"] == sum(1 for c in reachable if recipients[c] == "A")
