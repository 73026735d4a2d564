"""Merging duplicates is one transaction and can be undone to exactly the previous state."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from segmint.errors import SegmintError
from segmint.quality.dedupe import find_duplicates
from segmint.quality.merge import merge_duplicates, merge_history, undo_merge

TABLES = {"customers": "customer_id", "orders": "order_id", "events": "event_id", "customer_ids": "source_id"}


def snapshot(ws) -> dict[str, pd.DataFrame]:
    return {
        name: ws.raw.execute(f'SELECT * FROM "{name}" ORDER BY "{key}"').df().astype(str)
        for name, key in TABLES.items()
    }


@pytest.fixture
def base(workspace, insert_rows):
    insert_rows(workspace, "customers", [
        {"customer_id": "web-9", "source": "shop", "first_name": "Oleksandr", "last_name": "Petrenko",
         "email": "o.petrenko@gmail.com", "phone": "+380501234567", "city": "Kyiv",
         "signup_date": dt.date(2023, 5, 1), "tags": []},
        {"customer_id": "pos-1", "source": "pos", "first_name": "Олександр", "last_name": "Петренко",
         "phone": "+380501234567", "city": "Київ", "signup_date": dt.date(2021, 2, 3),
         "birth_date": None, "tags": None},
        {"customer_id": "crm-3", "source": "crm", "full_name": "Петренко Олександр",
         "email": "o.petrenko@gmail.com", "birth_date": dt.date(1990, 7, 14), "gender": "m",
         "tags": ["vip", "kyiv"], "custom": '{"card": "A-77"}', "consent_email": True},
        {"customer_id": "crm-4", "source": "crm", "first_name": "Ірина", "last_name": "Коваль",
         "email": "koval@ukr.net", "city": "Львів"},
    ])  # fmt: skip
    insert_rows(workspace, "orders", [
        {"order_id": f"o{i}", "customer_id": cid, "is_guest": False, "ordered_at": dt.datetime(2024, 1, i),
         "total": 10 * i, "status": "completed"}
        for i, cid in enumerate(["web-9", "crm-3", "crm-3", "crm-4", "pos-1"], start=1)
    ] + [{"order_id": "g1", "customer_id": None, "is_guest": True, "ordered_at": dt.datetime(2024, 2, 1),
          "total": 5, "status": "completed"}])  # fmt: skip
    insert_rows(workspace, "events", [
        {"event_id": "e1", "customer_id": "web-9", "event_type": "email_open",
         "occurred_at": dt.datetime(2024, 3, 1)},
        {"event_id": "e2", "customer_id": "crm-4", "event_type": "site_visit",
         "occurred_at": dt.datetime(2024, 3, 2)},
    ])  # fmt: skip
    insert_rows(
        workspace,
        "customer_ids",
        [
            {"source": "shop", "source_id": "web-9", "customer_id": "web-9"},
            {"source": "loyalty", "source_id": "CARD-77", "customer_id": "crm-3"},
        ],
    )
    return workspace


def test_merge_then_undo_restores_every_table(base):
    before = snapshot(base)
    result = merge_duplicates(base)
    assert result.clusters == 1 and result.merged == 2
    # the earliest sign-up survives; the others point at it and are kept, not deleted
    assert result.survivors == {"pos-1": ["crm-3", "web-9"]}
    customers = base.raw.execute("SELECT * FROM customers ORDER BY customer_id").df().set_index("customer_id")
    assert len(customers) == 4
    assert (
        customers.loc["web-9", "merged_into"] == "pos-1" and customers.loc["crm-3", "merged_into"] == "pos-1"
    )
    survivor = customers.loc["pos-1"]
    assert survivor.email == "o.petrenko@gmail.com"  # filled from another record
    assert survivor.gender == "m" and list(survivor.tags) == ["vip", "kyiv"]
    assert str(survivor.birth_date.date()) == "1990-07-14" and bool(survivor.consent_email)
    assert survivor.first_name == "Олександр"  # its own values are never overwritten
    owners = dict(base.raw.execute("SELECT order_id, customer_id FROM orders").fetchall())
    assert owners == {"o1": "pos-1", "o2": "pos-1", "o3": "pos-1", "o4": "crm-4", "o5": "pos-1", "g1": None}
    assert base.raw.execute("SELECT customer_id FROM events WHERE event_id = 'e1'").fetchone() == ("pos-1",)
    links = dict(base.raw.execute("SELECT source_id, customer_id FROM customer_ids").fetchall())
    assert links == {"web-9": "pos-1", "CARD-77": "pos-1", "crm-3": "pos-1"}
    assert find_duplicates(base).clusters.empty  # merged records are not proposed again

    undone = undo_merge(base, result.merge_id)
    assert undone.restored == 2 and undone.orders_restored == 3 and undone.events_restored == 1
    after = snapshot(base)
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)
    history = merge_history(base)
    assert [h["merge_id"] for h in history] == [result.merge_id] and history[0]["undone_at"] is not None
    with pytest.raises(SegmintError, match="already undone"):
        undo_merge(base, result.merge_id)
    with pytest.raises(SegmintError, match="no merge"):
        undo_merge(base, "merge-nope")


def test_a_failed_merge_changes_nothing(base, monkeypatch):
    before = snapshot(base)
    import segmint.quality.merge as merge

    def broken(con, plan, result):
        con.execute("UPDATE customers SET merged_into = 'x' WHERE customer_id = 'web-9'")
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge, "_merge_rows", broken)
    with pytest.raises(RuntimeError):
        merge.merge_duplicates(base)
    after = snapshot(base)
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)
    assert base.raw.execute("SELECT count(*) FROM merges").fetchone() == (0,)


def test_undo_keeps_a_field_changed_after_the_merge(base):
    result = merge_duplicates(base)
    base.raw.execute("UPDATE customers SET gender = 'f' WHERE customer_id = 'pos-1'")  # a later correction
    undo_merge(base, result.merge_id)
    assert base.raw.execute("SELECT gender, email FROM customers WHERE customer_id = 'pos-1'").fetchone() == (
        "f",
        None,
    )


def static_lists(ws) -> list[tuple]:
    return ws.raw.execute(
        "SELECT s.name, m.customer_id, m.added_at FROM segment_members m JOIN segments s USING (segment_id) "
        "ORDER BY ALL"
    ).fetchall()


def member_ids(ws, name: str) -> list[str]:
    from segmint import segments

    return sorted(segments.members(ws, name).to_pyarrow().column("customer_id").to_pylist())


def test_static_segments_follow_a_merge_and_its_undo(base):
    from segmint import segments

    segments.create(base, "Focus", kind="static", members=["web-9", "crm-4"])
    segments.create(base, "All three", kind="static", members=["pos-1", "crm-3", "web-9"])
    segments.create(base, "Two merged", kind="static", members=["crm-3", "web-9"])
    segments.create(base, "From focus", 'in_segment("Focus")')
    before = static_lists(base)

    result = merge_duplicates(base)
    assert result.survivors == {"pos-1": ["crm-3", "web-9"]}
    # merged ids are replaced by the survivor, once, in the lists, the history and the dynamic reader
    lists = {}
    for name, customer, _ in static_lists(base):
        lists.setdefault(name, []).append(customer)
    assert lists == {"All three": ["pos-1"], "Focus": ["crm-4", "pos-1"], "Two merged": ["pos-1"]}
    assert member_ids(base, "Focus") == ["crm-4", "pos-1"]
    assert member_ids(base, "From focus") == ["crm-4", "pos-1"]
    assert member_ids(base, "Two merged") == ["pos-1"]
    added_at = dict(
        base.raw.execute(
            "SELECT customer_id, added_at FROM segment_members WHERE segment_id = ?",
            [segments.get(base, "Focus").segment_id],
        ).fetchall()
    )
    assert added_at["pos-1"] == dict((c, a) for n, c, a in before if n == "Focus")["web-9"]

    undo_merge(base, result.merge_id)
    assert static_lists(base) == before  # the same members, added at the same times
    assert member_ids(base, "Focus") == ["crm-4", "web-9"]
    assert member_ids(base, "From focus") == ["crm-4", "web-9"]
    assert member_ids(base, "All three") == ["crm-3", "pos-1", "web-9"]


def test_undo_leaves_a_static_list_changed_after_the_merge(base):
    from segmint import segments

    segments.create(base, "Focus", kind="static", members=["web-9"])
    segments.create(base, "Shared", kind="static", members=["pos-1", "crm-3"])
    result = merge_duplicates(base)
    segments.remove_members(base, "Focus", ["pos-1"])  # the user took the survivor out since
    segments.edit(base, "Shared", rule='city = "Київ"')  # and re-froze the other list (pos-1 again)
    undo_merge(base, result.merge_id)
    assert [(name, customer) for name, customer, _ in static_lists(base)] == [("Shared", "pos-1")]


def test_a_merged_away_id_names_its_survivor_in_static_lists(base):
    from segmint import segments

    merge_duplicates(base)
    segments.create(base, "Given merged", kind="static", members=["web-9", "crm-4"])
    assert member_ids(base, "Given merged") == ["crm-4", "pos-1"]
    segments.create(base, "Focus", kind="static", members=["crm-4"])
    assert segments.add_members(base, "Focus", ["crm-3", "web-9"]) == 1  # both are pos-1 now
    assert member_ids(base, "Focus") == ["crm-4", "pos-1"]
    assert segments.remove_members(base, "Focus", ["web-9"]) == 1
    assert member_ids(base, "Focus") == ["crm-4"]


def test_a_merged_away_id_left_in_a_list_by_an_older_segmint_can_be_removed(base):
    from segmint import segments

    segments.create(base, "Focus", kind="static", members=["web-9", "crm-4"])
    merge_duplicates(base)
    # as a merge before merges moved static lists left it: the merged-away id still in the list
    focus = segments.get(base, "Focus").segment_id
    base.raw.execute("UPDATE segment_members SET customer_id = 'web-9' WHERE customer_id = 'pos-1'")
    assert segments.remove_members(base, "Focus", ["web-9"]) == 1
    assert base.raw.execute(
        "SELECT customer_id FROM segment_members WHERE segment_id = ?", [focus]
    ).fetchall() == [("crm-4",)]


def test_an_earlier_merge_whose_survivor_was_merged_again_is_undone_only_after_the_later_one(
    base, insert_rows
):
    """Before, undoing the first merge after a second one took its survivor into another record brought
    the merged records back without their orders, events and id links ('orders 0'): the second merge had
    moved them on. Now it is refused, naming the later merge, with nothing written; undone in order, every
    table is as before."""
    from segmint.errors import CodedError

    before = snapshot(base)
    first = merge_duplicates(base)
    assert first.survivors == {"pos-1": ["crm-3", "web-9"]}
    insert_rows(base, "customers", [
        {"customer_id": "old-0", "source": "pos", "first_name": "Олександр", "last_name": "Петренко",
         "email": "o.petrenko@gmail.com", "phone": "+380501234567", "city": "Київ",
         "signup_date": dt.date(2020, 1, 1)},
    ])  # fmt: skip
    second = merge_duplicates(base)
    assert second.survivors == {"old-0": ["pos-1"]}
    merged = snapshot(base)
    with pytest.raises(CodedError) as refused:
        undo_merge(base, first.merge_id)
    assert refused.value.code == "merge.superseded"
    assert refused.value.params == {
        "merge": first.merge_id,
        "later": [second.merge_id],
        "customers": ["pos-1"],
    }
    assert f"undo {second.merge_id} first" in str(refused.value)
    for name, frame in snapshot(base).items():
        pd.testing.assert_frame_equal(merged[name], frame, obj=name)  # nothing half-written
    assert [h["undone_at"] for h in merge_history(base)] == [None, None]

    undo_merge(base, second.merge_id)
    undone = undo_merge(base, first.merge_id)
    assert undone.restored == 2 and undone.orders_restored == 3 and undone.events_restored == 1
    after = snapshot(base)
    after["customers"] = after["customers"][after["customers"].customer_id != "old-0"].reset_index(drop=True)
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)


def test_a_refused_consent_on_any_merged_record_wins_and_undo_gives_the_survivor_its_own(base):
    """Before, a merge kept the survivor's consent_email = true over a duplicate's explicit false (only
    empty fields were filled), so a person who said no was mailed through the survivor."""
    from segmint.campaigns.audience import eligibility
    from segmint.campaigns.config import FrequencyCap

    base.raw.execute(
        "UPDATE customers SET consent_email = true, consent_sms = true WHERE customer_id = 'pos-1'"
    )
    base.raw.execute("UPDATE customers SET consent_email = false WHERE customer_id = 'web-9'")  # crm-3: true
    base.raw.execute("UPDATE customers SET consent_sms = NULL WHERE customer_id = 'crm-3'")
    before = snapshot(base)
    result = merge_duplicates(base)
    assert result.survivors == {"pos-1": ["crm-3", "web-9"]}
    consent = "SELECT consent_email, consent_sms FROM customers WHERE customer_id = 'pos-1'"
    assert base.raw.execute(consent).fetchone() == (False, True)  # the refusal wins; a yes stays a yes
    now = dt.datetime(2024, 6, 1)
    email = eligibility(base, pd.Series(["pos-1"]), "email", FrequencyCap(max_messages=None), now)
    assert email.reason.tolist() == ["no consent"]
    undo_merge(base, result.merge_id)
    assert base.raw.execute(consent).fetchone() == (True, True)
    after = snapshot(base)
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)


def test_a_survivor_with_no_consent_takes_a_refusal_over_an_earlier_members_yes(base):
    """pos-1 has no consent_email; web-9 (the first member after it: earlier sign-up) says yes and crm-3
    no. Before, the first member's yes filled it."""
    base.raw.execute("UPDATE customers SET consent_email = true WHERE customer_id = 'web-9'")
    base.raw.execute("UPDATE customers SET consent_email = false WHERE customer_id = 'crm-3'")
    result = merge_duplicates(base)
    assert base.raw.execute("SELECT consent_email FROM customers WHERE customer_id = 'pos-1'").fetchone() == (
        False,
    )
    undo_merge(base, result.merge_id)
    assert base.raw.execute("SELECT consent_email FROM customers WHERE customer_id = 'pos-1'").fetchone() == (
        None,
    )
