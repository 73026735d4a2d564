"""Lifecycle stages and tenure at the edges of their windows, on a hand-made workspace."""

from __future__ import annotations

from segmint.families import FAMILIES, compute_features

from .shop import by_customer, context, insert, orders_of

SPEC = {
    "new_90": [("2024-10-02 23:59", 10)],  # first purchase exactly 90 days before today
    "active_91": [("2024-10-01", 10)],
    "active_180": [("2023-01-01", 10), ("2024-07-04", 10)],
    "lapsing_181": [("2024-07-03", 10)],
    "lapsing_365": [("2024-01-01", 10)],
    "lapsed_366": [("2023-12-31", 10)],
}


def load(ws):
    insert(ws, "customers", [{"customer_id": c} for c in SPEC])
    insert(ws, "customers", [
        {"customer_id": "prospect", "signup_date": "2024-01-01"},
        {"customer_id": "signed_late", "signup_date": "2024-06-01"},  # bought before signing up
        {"customer_id": "not_yet", "signup_date": "2025-01-01"},
        {"customer_id": "merged", "merged_into": "prospect"},
    ])  # fmt: skip
    more = {"signed_late": [("2023-12-31", 5)], "merged": [("2024-12-30", 5)]}
    insert(ws, "orders", orders_of({**SPEC, **more}))
    insert(ws, "orders", orders_of({"prospect": [("2024-12-01", 5)]}, status="returned"))


def test_each_stage_at_its_boundaries(workspace):
    load(workspace)
    rows = by_customer(compute_features(context(workspace, "2024-12-31")))
    stages = {c: r["lifecycle_stage"] for c, r in rows.items()}
    assert stages == {
        "new_90": "new",
        "active_91": "active",
        "active_180": "active",
        "lapsing_181": "lapsing",
        "lapsing_365": "lapsing",
        "lapsed_366": "lapsed",
        "prospect": "prospect",  # a returned order is not a purchase
        "signed_late": "lapsed",
    }
    assert set(stages.values()) <= set(FAMILIES["lifecycle"].groups)


def test_tenure_counts_from_sign_up_or_the_first_purchase_whichever_came_first(workspace):
    load(workspace)
    rows = by_customer(compute_features(context(workspace, "2024-12-31")))
    assert rows["prospect"]["tenure_days"] == 365  # signed up 2024-01-01, never bought
    assert rows["signed_late"]["tenure_days"] == 366  # bought 2023-12-31, signed up later
    assert rows["active_180"]["tenure_days"] == 730  # no sign-up date: first purchase 2023-01-01


def test_as_of_an_earlier_date(workspace):
    load(workspace)
    rows = by_customer(compute_features(context(workspace, "2024-07-03")))
    assert rows["new_90"]["lifecycle_stage"] == "prospect" and rows["new_90"]["tenure_days"] is None
    assert rows["lapsing_181"]["lifecycle_stage"] == "new"  # bought that very day
    assert rows["active_180"]["lifecycle_stage"] == "lapsed"  # the July order is still ahead
    assert rows["lapsing_365"]["lifecycle_stage"] == "lapsing"  # 184 days before
    assert rows["signed_late"]["tenure_days"] == 185 and "not_yet" not in rows and "merged" not in rows
