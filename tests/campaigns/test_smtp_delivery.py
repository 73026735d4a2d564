"""Real mail to a real SMTP server (aiosmtpd on loopback), read back: who got what, personalised."""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr

from tests.campaigns.servers import SmtpSink, configure, smtp_config

from segmint.campaigns import Campaign, Message, create_campaign, send_campaign

TARGETS = ["rfm:At Risk", "lifecycle:lapsed"]  # overlapping: At Risk customers are mostly lapsed too


def email_campaign(name="Повернення", variants=("A", "B")) -> Campaign:
    messages = []
    for target in TARGETS:
        for variant in variants:
            messages.append(
                Message(
                    target,
                    variant,
                    body=(
                        f"<p>{variant}|{target}|{{{{ customer_id }}}}|{{{{ name }}}}|"
                        "{{ favourite_category }}|{{ last_purchase_date }}|{{ recommended_category }}</p>"
                    ),
                    subject="{{ name }}, ми сумуємо",
                )
            )
    return Campaign(name=name, channel="email", messages=messages, variants=list(variants), holdout_share=0.2)


def test_mail_arrives_personalised_once_per_consenting_customer(demo_ws, demo_path):
    raw = demo_ws.raw
    # a consenting At Risk member who unsubscribed must not get the mail
    (unsubscribed,) = raw.execute(
        "SELECT h.customer_id FROM membership_history h JOIN customers c USING (customer_id)"
        " WHERE h.ref = 'rfm' AND h.group_name = 'At Risk' AND h.valid_to IS NULL AND c.consent_email"
        " ORDER BY 1 LIMIT 1"
    ).fetchone()
    raw.execute(
        "INSERT INTO events (event_id, customer_id, event_type, occurred_at, imported_at)"
        " VALUES ('u1', ?, 'email_unsubscribe', TIMESTAMP '2025-12-30 10:00:00', now())",
        [unsubscribed],
    )
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        created = create_campaign(demo_ws, email_campaign())
        assert created["excluded"]["unsubscribed"] >= 1
        summary = send_campaign(demo_ws, "Повернення")
    assert summary["outbox"]["sent"] == len(sink.messages) > 50
    assert summary["outbox"]["failed"] == summary["outbox"]["queued"] == 0

    people = {
        row[0]: row[1:]
        for row in raw.execute(
            "SELECT o.message_id, o.customer_id, c.email, c.first_name, c.consent_email, f.favourite_category"
            " FROM outbox o JOIN customers c USING (customer_id) LEFT JOIN features f USING (customer_id)"
            " WHERE o.campaign_id = ?",
            [created["campaign_id"]],
        ).fetchall()
    }
    arms = dict(
        raw.execute(
            "SELECT customer_id, arm FROM campaign_recipients WHERE campaign_id = ?", [created["campaign_id"]]
        ).fetchall()
    )
    segments = dict(
        raw.execute(
            "SELECT customer_id, segment FROM campaign_recipients WHERE campaign_id = ?",
            [created["campaign_id"]],
        ).fetchall()
    )
    per_recipient = sink.per_recipient()
    assert set(per_recipient.values()) == {1}, "somebody got the campaign twice"
    got = set()
    for item in sink.messages:
        email = item["message"]
        customer_id, address, first_name, consent, favourite = people[email["Message-ID"][1:].split("@")[0]]
        assert item["to"] == [address]
        got.add(customer_id)
        assert consent is True
        assert customer_id != unsubscribed
        assert email["Subject"] == f"{first_name}, ми сумуємо"
        assert parseaddr(email["From"])[1] == "news@shop.example"
        assert email["Message-ID"].endswith("@shop.example>")
        variant, target, body_id, name, body_favourite, last_date, recommended = (
            email.get_body(("html",))
            .get_content()
            .strip()
            .removeprefix("<p>")
            .removesuffix("</p>")
            .split("|")
        )
        assert (body_id, name, body_favourite) == (customer_id, first_name, favourite or "")
        assert (variant, target) == (arms[customer_id], segments[customer_id])
        assert dt.datetime.strptime(last_date, "%d.%m.%Y")  # the workspace's language is uk: dd.mm.yyyy
        assert recommended != favourite
    assert all(arms[c] != "holdout" for c in got)
    treated = {c for c, arm in arms.items() if arm != "holdout"}
    assert got == treated  # everyone treated got it: consent and caps were applied at create
    events = raw.execute(
        "SELECT count(*), count(DISTINCT customer_id) FROM events"
        " WHERE campaign_id = ? AND event_type = 'email_sent'",
        [created["campaign_id"]],
    ).fetchone()
    assert events == (len(got), len(got))


def test_a_refused_recipient_is_failed_and_recorded(demo_ws, demo_path):
    with SmtpSink() as probe:
        pass
    configure(demo_path, smtp_config(probe.port))
    created = create_campaign(demo_ws, email_campaign("Refusals", variants=("A",)))
    (address,) = demo_ws.raw.execute(
        "SELECT c.email FROM campaign_recipients r JOIN customers c USING (customer_id)"
        " WHERE r.campaign_id = ? AND r.arm = 'A' ORDER BY 1 LIMIT 1",
        [created["campaign_id"]],
    ).fetchone()
    with SmtpSink(reject={address}) as sink:
        config = demo_path / "segmint.toml"
        config.write_text(config.read_text().replace(f"port = {probe.port}", f"port = {sink.port}"))
        summary = send_campaign(demo_ws, "Refusals")
    assert summary["outbox"]["failed"] == 1
    assert address not in sink.per_recipient()
    state, error = demo_ws.raw.execute(
        "SELECT state, last_error FROM outbox WHERE address = ? AND campaign_id = ?",
        [address, created["campaign_id"]],
    ).fetchone()
    assert state == "failed" and "550" in error
    (failed_events,) = demo_ws.raw.execute(
        "SELECT count(*) FROM events WHERE campaign_id = ? AND event_type = 'email_failed'",
        [created["campaign_id"]],
    ).fetchone()
    assert failed_events == 1


def test_the_frequency_cap_keeps_recent_recipients_out_of_the_next_campaign(demo_ws, demo_path):
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port, cap=1))
        first = create_campaign(demo_ws, email_campaign("First", variants=("A",)))
        reached = send_campaign(demo_ws, "First")["outbox"]["sent"]
        second = create_campaign(demo_ws, email_campaign("Second", variants=("A",)))
    assert second["excluded"]["frequency cap"] == reached > 0
    overlap = demo_ws.raw.execute(
        "SELECT count(*) FROM campaign_recipients a JOIN campaign_recipients b USING (customer_id)"
        " WHERE a.campaign_id = ? AND b.campaign_id = ? AND a.arm <> 'holdout'",
        [first["campaign_id"], second["campaign_id"]],
    ).fetchone()[0]
    assert overlap == 0
