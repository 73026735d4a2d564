"""An audience export is checked again when it is written, as a send checks its messages when it queues
them: a customer who unsubscribed or withdrew consent after the campaign was made is not in the file."""

from __future__ import annotations

import csv
import io

import segmint
from segmint.campaigns import Campaign, Message, create_campaign, get
from segmint.campaigns.exports import export_audience


def _to_loyal(ws, name: str):
    """A stored email campaign, no holdout, to rfm:Loyal (its recipients drawn now)."""
    create_campaign(
        ws,
        Campaign(
            name=name, channel="email", holdout_share=0.0,
            messages=[Message("rfm:Loyal", "A", "<p>{{ name }}</p>", "Hi")],
        ),
    )  # fmt: skip
    return get(ws, name)


def test_an_export_leaves_out_who_unsubscribed_or_withdrew_consent_since_the_campaign_was_made(
    demo_ws, tmp_path
):
    """Before, the export wrote every treated recipient as the campaign's creation found them: a customer
    who then clicked segmint's own unsubscribe link was in the file the mailing service sends to."""
    campaign = _to_loyal(demo_ws, "Export")
    first = {row["email"] for row in csv.DictReader(io.StringIO(export_audience(demo_ws, campaign)[1]))}
    rows = demo_ws.raw.execute(
        "SELECT customer_id, email FROM campaign_recipients JOIN customers USING (customer_id)"
        " WHERE campaign_id = ? ORDER BY customer_id LIMIT 3",
        [campaign.campaign_id],
    ).fetchall()
    (gone, gone_email), (withdrawn, withdrawn_email), (_, kept_email) = rows
    assert {gone_email, withdrawn_email, kept_email} <= first
    events = tmp_path / "unsubscribes.csv"
    events.write_text(
        f"event_id,customer_id,event_type,occurred_at\nU1,{gone},email_unsubscribe,2025-12-30 10:00:00\n",
        encoding="utf-8",
    )
    segmint.import_file(demo_ws, "events", events)
    customers = tmp_path / "consent.csv"
    customers.write_text(f"customer_id,consent_email\n{withdrawn},false\n", encoding="utf-8")
    segmint.import_file(demo_ws, "customers", customers)
    assert demo_ws.raw.execute(
        "SELECT consent_email FROM customers WHERE customer_id = ?", [withdrawn]
    ).fetchone() == (False,)

    count, text = export_audience(demo_ws, campaign, layout="mailchimp")
    exported = {row["Email Address"] for row in csv.DictReader(io.StringIO(text))}
    assert gone_email not in exported and withdrawn_email not in exported and kept_email in exported
    assert exported == first - {gone_email, withdrawn_email} and count == len(first) - 2


def test_status_says_who_the_first_send_did_not_message_and_why(demo_path, demo_ws, tmp_path):
    """A recipient who unsubscribed after the campaign was made stays in their arm but gets no message;
    `status` now says so ({"unsubscribed": 1} in skipped_at_send). Before, status showed the recipients
    per arm and one message fewer sent, with nothing saying why."""
    from tests.campaigns.servers import SmtpSink, configure, smtp_config

    from segmint.campaigns import send_campaign
    from segmint.campaigns.status import status

    campaign = _to_loyal(demo_ws, "Skips")
    (gone,) = demo_ws.raw.execute(
        "SELECT min(customer_id) FROM campaign_recipients WHERE campaign_id = ?", [campaign.campaign_id]
    ).fetchone()
    events = tmp_path / "unsubscribes.csv"
    events.write_text(
        f"event_id,customer_id,event_type,occurred_at\nU2,{gone},email_unsubscribe,2025-12-30 10:00:00\n",
        encoding="utf-8",
    )
    segmint.import_file(demo_ws, "events", events)
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        sent = send_campaign(demo_ws, "Skips")
    assert sent["skipped"] == {"unsubscribed": 1}
    shown = status(demo_ws, get(demo_ws, "Skips"))
    assert shown["skipped_at_send"] == {"unsubscribed": 1}
    assert shown["recipients"]["rfm:Loyal"]["A"] - 1 == shown["outbox"]["sent"] == len(sink.messages)
