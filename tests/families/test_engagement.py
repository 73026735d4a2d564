"""Activity and temperature at the edges of their windows, on hand-made workspaces."""

from __future__ import annotations

import pytest

from segmint.config import FamilySettings
from segmint.families import compute_features

from .shop import by_customer, context, customers, insert, orders_of

TODAY = "2024-12-31"


def event(cid, kind, when, campaign=None, n=[0]):  # noqa: B006 - a counter for unique event ids
    n[0] += 1
    return {"event_id": f"e{n[0]}", "customer_id": cid, "event_type": kind, "occurred_at": when,
            "campaign_id": campaign}  # fmt: skip


def features(ws, settings=None, today=TODAY):
    return by_customer(compute_features(context(ws, today), settings))


@pytest.fixture
def responders(workspace):
    events = [
        event("open_90", "email_open", "2024-10-02 08:00"),  # 90 days before today: inside
        event("open_91", "email_open", "2024-10-01 23:59"),
        event("sent_only", "email_sent", "2024-12-30"),
        event("late_click", "email_click", "2025-01-02"),  # after today: not seen
        event("sms", "sms_click", "2024-12-01"),
        event("two", "email_open", "2024-12-01"),
        event("two", "email_click", "2024-12-01"),
    ]
    customers(workspace, [*(e["customer_id"] for e in events), "silent"])
    insert(workspace, "events", events)
    return workspace


def test_activity_by_responses_in_a_window(responders):
    rows = features(responders)
    active = {c for c, r in rows.items() if r["activity"] == "active"}
    assert active == {"open_90", "sms", "two"}
    assert {r["activity"] for r in rows.values()} == {"active", "passive"}
    two = FamilySettings.model_validate({"activity": {"min_responses": 2}})
    assert {c for c, r in features(responders, two).items() if r["activity"] == "active"} == {"two"}
    assert features(responders, today="2025-01-02")["late_click"]["activity"] == "active"


def test_activity_by_responses_to_the_last_campaigns(workspace):
    sends = [("k1", "2024-01-01"), ("k2", "2024-02-01"), ("k3", "2024-03-01")]
    events = [event(c, "email_sent", when, k) for c in ("old_fan", "recent_fan", "tie") for k, when in sends]
    events += [
        event("old_fan", "email_open", "2024-01-02", "k1"),
        event("recent_fan", "email_click", "2024-03-02", "k3"),
        event("unprompted", "email_open", "2024-12-30", "k9"),  # a response to a campaign never sent
        event("tie", "email_sent", "2024-03-01", "k0"),  # sent with k3: k3 counts as the later (by id)
        event("tie", "email_open", "2024-03-02", "k0"),
    ]
    customers(workspace, (e["customer_id"] for e in events))
    insert(workspace, "events", events)

    def active(last):
        settings = FamilySettings.model_validate({"activity": {"basis": "campaigns", "last_campaigns": last}})
        return {c for c, r in features(workspace, settings).items() if r["activity"] == "active"}

    assert active(1) == {"recent_fan"}  # tie's last one is k3, not k0 sent at the same time
    assert active(2) == {"recent_fan", "tie"}
    assert active(3) == {"recent_fan", "tie", "old_fan"}  # never "unprompted": k9 was not sent to them


def test_temperature_from_engagement_and_recency(workspace):
    spec = {"bought_30": [("2024-12-01", 10)], "bought_31": [("2024-11-30", 10)],
            "bought_91": [("2024-10-01", 10)], "bought_90": [("2024-10-02", 10)]}  # fmt: skip
    events = [
        event("cart", "cart_add", "2024-12-10"),
        *[event("five_views", "page_view", f"2024-12-{d:02d}") for d in range(1, 6)],
        *[event("four_views", "page_view", f"2024-12-{d:02d}") for d in range(1, 5)],
        event("opened", "email_open", "2024-12-20"),  # opens without a purchase: warm
        event("opened_31", "email_open", "2024-11-30"),
        event("sent", "email_sent", "2024-12-30"),  # being written to is not engagement
        event("bought_91", "cart_abandon", "2024-12-30"),
    ]
    customers(workspace, [*spec, *(e["customer_id"] for e in events), "nothing"])
    insert(workspace, "orders", orders_of(spec))
    insert(workspace, "events", events)
    rows = features(workspace)
    assert {c: r["temperature"] for c, r in rows.items()} == {
        "bought_30": "hot",
        "bought_31": "warm",
        "bought_90": "warm",
        "bought_91": "cold",
        "cart": "hot",
        "five_views": "hot",
        "four_views": "warm",
        "opened": "warm",
        "opened_31": "cold",
        "sent": "cold",
        "nothing": "cold",
    }
    no_hot_types = FamilySettings.model_validate({"temperature": {"hot_types": []}})
    assert features(workspace, no_hot_types)["cart"]["temperature"] == "warm"


def test_campaigns_sent_together_are_ordered_by_their_ids_as_numbers(workspace):
    """CRM exports with a send date and no time, and campaign ids that are numbers: campaign 10 sent the
    same day as campaign 9 is the later of the two (by id as text, "9" > "10" made 9 the later)."""
    events = [event(c, "email_sent", "2024-05-01", k) for c in ("fan_of_10", "fan_of_9") for k in ("9", "10")]
    events += [
        event("fan_of_10", "email_click", "2024-05-02", "10"),
        event("fan_of_9", "email_click", "2024-05-02", "9"),
        event("text_ids", "email_sent", "2024-05-01", "spring"),  # not numbers: by text, "summer" later
        event("text_ids", "email_sent", "2024-05-01", "summer"),
        event("text_ids", "email_open", "2024-05-03", "summer"),
    ]
    customers(workspace, (e["customer_id"] for e in events))
    insert(workspace, "events", events)
    settings = FamilySettings.model_validate({"activity": {"basis": "campaigns", "last_campaigns": 1}})
    rows = features(workspace, settings)
    assert {c: r["activity"] for c, r in rows.items()} == {
        "fan_of_10": "active", "fan_of_9": "passive", "text_ids": "active"
    }


def test_only_ids_written_as_whole_numbers_are_ordered_as_numbers(workspace):
    """Ids such as "9.5", "1e3" and "0x1A" are text, which counts as earlier than a number sent at the same
    moment: DuckDB's TRY_CAST read them as 10, 1000 and 26 (Spark as nothing), so the engines disagreed
    on the latest campaign (tests/parity, case activity-last-campaign)."""
    pairs = {
        "fan_of_10": ("9.5", "10"),
        "fan_of_2": ("1e3", "2"),
        "fan_of_7": ("0x1A", "7"),
        "neg": ("-3", "x"),
        "spreadsheet": ("9.0", "10.00"),  # whole ids exported as decimals: 10 after 9, not as text
    }
    events = [event(c, "email_sent", "2024-05-01", k) for c, ids in pairs.items() for k in ids]
    events += [event(c, "email_click", "2024-05-02", ids[1]) for c, ids in pairs.items()]
    customers(workspace, pairs)
    insert(workspace, "events", events)
    settings = FamilySettings.model_validate({"activity": {"basis": "campaigns", "last_campaigns": 1}})
    rows = features(workspace, settings)
    # "neg": -3 is a whole number, so it counts as later than the text id "x", the only one answered
    assert {c: r["activity"] for c, r in rows.items()} == {
        "fan_of_10": "active",
        "fan_of_2": "active",
        "fan_of_7": "active",
        "neg": "passive",
        "spreadsheet": "active",
    }
