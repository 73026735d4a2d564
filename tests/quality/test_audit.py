"""Audit figures on a small, seeded workspace, checked against an independent pandas computation."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from segmint.quality.auditing import audit

REFERENCE = dt.date(2024, 6, 1)


def _base(seed: int = 3):
    """Customers with gaps, bad contacts and a merged record; orders incl. guests and orphans; events."""
    rng = random.Random(seed)
    customers, orders, events = [], [], []
    for i in range(60):
        cid = f"c{i:03d}"
        customers.append(
            {
                "customer_id": cid,
                "first_name": rng.choice(["Олена", "Ivan", "  ", None, "Марія"]),
                "last_name": rng.choice(["Коваль", "Smith", None]),
                "email": rng.choice([f"u{i}@example.com", "broken@", None, f"U{i}@EXAMPLE.COM"]),
                "phone": rng.choice(["+380501234567", "+38050123", None, "0501234567"]),
                "city": rng.choice(["Київ", "", None, "Lviv"]),
                "signup_date": rng.choice(
                    [None, dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(1200))]
                ),
                "tags": rng.choice([None, [], ["vip"]]),
                "consent_email": rng.choice([None, True, False]),
                "merged_into": "c000" if i == 59 else None,
            }
        )
        for j in range(rng.randrange(3)):
            orders.append(
                {
                    "order_id": f"o{i}-{j}",
                    "customer_id": cid,
                    "is_guest": False,
                    "ordered_at": dt.datetime(2021, 1, 1) + dt.timedelta(days=rng.randrange(1250)),
                    "total": 10,
                    "status": "completed",
                }
            )
        if rng.random() < 0.3:
            events.append(
                {
                    "event_id": f"e{i}",
                    "customer_id": cid,
                    "event_type": "email_open",
                    "occurred_at": dt.datetime(2022, 1, 1) + dt.timedelta(days=rng.randrange(900)),
                }
            )
    orders += [
        {
            "order_id": f"g{k}",
            "customer_id": None,
            "is_guest": True,
            "ordered_at": dt.datetime(2023, 1, 1),
            "total": 5,
            "status": "completed",
        }
        for k in range(7)
    ]
    orders.append(
        {
            "order_id": "orphan1",
            "customer_id": "nobody",
            "is_guest": False,
            "ordered_at": dt.datetime(2022, 1, 1),
            "total": 5,
            "status": "completed",
        }
    )
    events.append(
        {
            "event_id": "orphan-e",
            "customer_id": "ghost",
            "event_type": "site_visit",
            "occurred_at": dt.datetime(2022, 1, 1),
        }
    )
    return customers, orders, events


@pytest.fixture
def audited_base(workspace, insert_rows):
    insert = insert_rows
    customers, orders, events = _base()
    insert(workspace, "customers", customers)
    insert(workspace, "orders", orders)
    insert(workspace, "events", events)
    insert(
        workspace,
        "rejected_values",
        [
            {
                "import_id": "i1",
                "entity": "customers",
                "record_key": "c001",
                "file": "crm.csv",
                "row": 3,
                "column": "email",
                "value": "not-an-email",
                "reason": "invalid email",
            },
            {
                "import_id": "i1",
                "entity": "customers",
                "record_key": "c002",
                "file": "crm.csv",
                "row": 4,
                "column": "email",
                "value": "x@@y",
                "reason": "invalid email",
            },
            {
                "import_id": "i1",
                "entity": "customers",
                "record_key": "c003",
                "file": "crm.csv",
                "row": 5,
                "column": "phone",
                "value": "12",
                "reason": "invalid phone",
            },
        ],
    )
    insert(
        workspace,
        "quarantine",
        [
            {
                "import_id": "i1",
                "entity": "orders",
                "file": "o.csv",
                "row": r,
                "column": "total",
                "value": "NaN",
                "reason": "amount is not a number",
            }
            for r in (2, 9)
        ]
        + [
            {
                "import_id": "i1",
                "entity": "customers",
                "file": "c.csv",
                "row": 7,
                "column": None,
                "value": None,
                "reason": "wrong number of columns",
            }
        ],
    )
    return workspace, pd.DataFrame(customers), pd.DataFrame(orders), pd.DataFrame(events)


def test_audit_matches_pandas(audited_base):
    ws, customers, orders, events = audited_base
    report = audit(ws, stale_days=180, reference_date=REFERENCE, duplicates=False)
    live = customers[customers.merged_into.isna()]

    assert report.customers == len(live) == 59 and report.merged_away == 1
    assert report.orders == len(orders) and report.guest_orders == 7
    assert report.guest_order_share == round(7 / len(orders), 4)

    def filled(value):
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return False
        if isinstance(value, str):
            return value.strip() != ""
        if isinstance(value, list):
            return len(value) > 0
        return True

    got = {row.field: row.filled for row in report.completeness}
    for column in [
        "first_name",
        "last_name",
        "email",
        "phone",
        "city",
        "signup_date",
        "tags",
        "consent_email",
    ]:
        assert got[column] == sum(filled(v) for v in live[column]), column
    assert got["gender"] == 0 and got["custom"] == 0

    invalid = {(r.source, r.column): r.count for r in report.invalid}
    assert invalid[("import", "email")] == 2 and invalid[("import", "phone")] == 1
    expected_bad_emails = sum(v in ("broken@",) for v in live.email)  # upper-case ones are valid syntax
    assert (
        sum(r.count for r in report.invalid if r.source == "stored" and r.column == "email")
        == expected_bad_emails
    )
    expected_bad_phones = live.phone.isin(["+38050123", "0501234567"]).sum()  # short, and not E.164
    assert (
        sum(r.count for r in report.invalid if r.source == "stored" and r.column == "phone")
        == expected_bad_phones
    )

    # Stale: latest of orders, events and signup before the cutoff, or nothing known at all.
    activity = pd.concat(
        [
            orders.dropna(subset=["customer_id"]).rename(columns={"ordered_at": "at"})[["customer_id", "at"]],
            events.rename(columns={"occurred_at": "at"})[["customer_id", "at"]],
            live.dropna(subset=["signup_date"]).assign(at=lambda f: pd.to_datetime(f.signup_date))[
                ["customer_id", "at"]
            ],
        ]
    )
    last = activity.groupby("customer_id").at.max().reindex(live.customer_id)
    cutoff = pd.Timestamp(REFERENCE - dt.timedelta(days=180))
    assert report.stale.cutoff == REFERENCE - dt.timedelta(days=180)
    assert report.stale.never_active == int(last.isna().sum())
    assert report.stale.stale == int((last.isna() | (last < cutoff)).sum())
    assert 0 < report.stale.stale < len(live)

    assert report.unknown_customers.orders == 1 and report.unknown_customers.order_examples == ["orphan1"]
    assert report.unknown_customers.events == 1 and report.unknown_customers.event_examples == ["orphan-e"]
    assert {(q.entity, q.reason): q.count for q in report.quarantine} == {
        ("orders", "amount is not a number"): 2,
        ("customers", "wrong number of columns"): 1,
    }


def test_reference_date_last_activity_is_latest_order_or_event(audited_base):
    ws, _, orders, events = audited_base
    report = audit(ws, duplicates=False)  # workspace default: last_activity, 365 days
    latest = max(orders.ordered_at.max(), events.occurred_at.max())
    assert report.stale.reference_policy == "last_activity"
    assert report.stale.reference_date == latest.date()
    assert report.stale.stale_after_days == ws.settings.stale_after_days


def test_empty_workspace_audits_cleanly(workspace):
    report = audit(workspace)
    assert report.customers == 0 and report.invalid == [] and report.duplicates["clusters"] == 0
    assert all(row.share == 0 for row in report.completeness)
