# ruff: noqa: E501 - a table of rules, one entry per line
"""The parity suite's own cases, beyond the rule corpus (tests/rules/corpus.py): rules for every filter,
operator, window and spelling the corpus does not reach, the family settings other than the defaults,
and the data those need in the shop (incomes, years of birth, campaigns with numeric ids, a stored
prediction and clustering per customer). Only the engines are compared here, not an oracle: the corpus
holds the meaning of the rules, this file the reach of the comparison. test_coverage.py fails when a
catalogue filter or a family setting is in none of them."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pyarrow as pa

from segmint.config import (
    ActivitySettings,
    FamilySettings,
    LifecycleSettings,
    PreferenceSettings,
    RfmRule,
    RfmSettings,
    RfmSimpleSettings,
    TemperatureSettings,
)

# fmt: off
RULES = [
    # catalogue fields the corpus does not read
    "income > 50000",
    "income between 20000 and 60000 or income is null",
    'income_band = "high"',
    'marital_status = "married" and education != "higher"',
    'region starts with "Льв" or region in ("Київська")',
    'acquisition_channel = "app" or acquisition_source = "instagram"',
    'source = "pos"',
    "age < 40 and birth_date is null",  # age from birth_year alone
    "age not between 25 and 60",
    "birth_month in (2, 6) and age >= 30",
    # operators, relative dates, field against field
    "orders_count not between 1 and 3",
    "signup_date not between 2022-01-01 and today - 1y",
    "signup_date <= today + 2w and signup_date >= today - 3m",
    "signup_date < today - 1w",
    "first_order_date between today - 1y and today - 1m",
    "last_order_date >= today - 2m",
    "first_order_date < signup_date",
    "orders_count > returns()",
    'tags not contains "vip" and interests is not null',
    'has_tag("opt") and not in_segment("VIP")',
    'customer_id not in ("C000", "C001") and customer_id starts with "C01"',
    "total_spent >= 1000 and avg_order_value < 2500",
    # aggregates: every row filter and time window
    "orders(between = (today - 6m, today - 1m)) >= 1",
    "spent(before = today - 1y, after = 2022-06-30) > 1000",
    'orders(store = "Центр", within = 1y)',
    'orders(store = ("Центр", "ТРЦ Ocean"), channel = "pos") >= 2',
    'bought(product_id = "P7")',
    'units(product_id = ("P1", "P2", "P3"), within = 1y) >= 2',
    'spent_on(channel = "online", category = ("Shoes", "Взуття")) > 2000',
    'spent_on(product = ("Кава зернова", "Dune"), between = (2023-01-01, 2023-12-31)) > 0',
    "units(after = 2023-06-30, before = today - 2m) >= 8",
    'returns() = 0 and discounted_orders(store = "Центр") >= 1',
    'returns(channel = "online", before = 2024-01-01) >= 1',
    'min_order(channel = "pos") >= 100',
    "max_order(between = (2023-01-01, 2023-12-31)) > 4000",
    'first_order(store = "ТРЦ Ocean") < 2023-01-01',
    'last_event(type = ("email_open", "email_click"), within = 90d) > today - 30d',
    'nps_avg(channel = "web") <= 5',
    'events(type = ("cart_add", "cart_abandon"), channel = ("web", "email"), within = 6m) >= 2',
    'events(campaign = ("spring", "summer"), after = today - 1y, before = today - 1m) >= 3',
    "events(between = (today - 3m, today - 1w)) >= 5",
    'opened_email(campaign = "весна") >= 1 and clicked_email(type = "email_click") = 0',
    # values spelled otherwise than stored (standardised before comparing)
    'city = "КИЇВ"',
    'city in (" київ ", "львів")',
    'city starts with "ки"',
    'phone = "+38 (067) 000-00-01" or phone in ("+380 50 000 00 02")',
    'phone in ("(067) 000-00-03", "067 000 0005", "0670000007")',  # local: in the default country
    'country = "Україна"',
    'gender = "жін"',
    'orders(channel = "Каса") >= 1',
    'events(type = "Email Open", within = 1y) >= 2',
    'email starts with "USER1"',
    # the stored predictions and clustering (the parity features table, conftest.py)
    "clv_12m > 500",
    "expected_purchases_12m >= 2 and p_alive >= 0.5",
    'churn_risk = "high"',
    'churn_risk in ("low", "medium") and churn_probability between 0.2 and 0.6',
    "p_alive < 0.3",
    "cluster = 2 or cluster in (3, 4)",
    'cluster.name starts with "Loyal"',
    # attributes against fields
    'orders_count >= attribute("Kidhome")',
    'attribute("Dt_Customer") > signup_date',
]
# fmt: on


def _custom_map() -> list[RfmRule]:
    """A map of three Ukrainian groups, the first matching row naming the group (overlaps on purpose)."""
    return [
        RfmRule(name="Найкращі", r=(4, 5), fm=(4, 5)),
        RfmRule(name="Сплячі", r=(1, 2), fm=(1, 5)),
        RfmRule(name="Решта", r=(1, 5), fm=(1, 5)),
    ]


SETTINGS = {
    "defaults": FamilySettings(),
    "rfm-3-bins": FamilySettings(rfm=RfmSettings(bins=3)),
    "rfm-4-bins-vip-3": FamilySettings(rfm=RfmSettings(bins=4), rfm_simple=RfmSimpleSettings(vip_m_score=3)),
    "rfm-custom-map": FamilySettings(rfm=RfmSettings(groups=_custom_map())),
    "rfm-simple-days": FamilySettings(
        rfm_simple=RfmSimpleSettings(new_days=30, inactive_days=60, lost_days=200, vip_m_score=4)
    ),
    "lifecycle-days": FamilySettings(
        lifecycle=LifecycleSettings(new_days=30, active_days=60, lapsed_days=120)
    ),
    "activity-window": FamilySettings(
        activity=ActivitySettings(window_days=30, min_responses=2, response_types=["email_open", "sms_click"])
    ),
    "activity-last-campaigns": FamilySettings(activity=ActivitySettings(basis="campaigns", last_campaigns=2)),
    "activity-last-campaign": FamilySettings(
        activity=ActivitySettings(basis="campaigns", last_campaigns=1, min_responses=1)
    ),
    "preferences-window": FamilySettings(
        preferences=PreferenceSettings(window_days=180, discount_share=0.3, discount_min_purchases=1)
    ),
    "temperature": FamilySettings(
        temperature=TemperatureSettings(
            window_days=14,
            warm_days=60,
            engagement_types=["site_visit", "email_open"],
            hot_types=["cart_add", "cart_abandon"],
            hot_events=2,
        )
    ),
}


def extend(rows: dict[str, list[dict]], seed: int = 11) -> dict[str, list[dict]]:
    """The rule tests' shop with what only the parity cases read: a yearly income, a year of birth where
    the date is unknown, and campaigns with numeric ids answered by some customers: "8", then "9", "10",
    "9.5", "1e3" and "11.0" sent at the same moment (the activity family orders whole numbers, "11.0"
    too, as numbers, 11 after 10 after 9, and other ids as text before them; DuckDB alone read "9.5" as
    10 and "1e3" as 1000). A
    stream of its own."""
    rng = random.Random(seed)
    for customer in rows["customers"]:
        customer["income"] = None if rng.random() < 0.3 else str(rng.randrange(5_000, 120_000))
        if customer["birth_date"] is None and rng.random() < 0.7:
            customer["birth_year"] = str(rng.randrange(1950, 2007))
        else:
            customer["birth_year"] = None
    ids = [c["customer_id"] for c in rows["customers"][:60]]
    events = []
    for day, campaign in (
        (dt.date(2024, 3, 1), "8"),
        (dt.date(2024, 6, 1), "9"),
        (dt.date(2024, 6, 1), "10"),
        (dt.date(2024, 6, 1), "9.5"),
        (dt.date(2024, 6, 1), "1e3"),
        (dt.date(2024, 6, 1), "11.0"),
    ):
        sent = dt.datetime.combine(day, dt.time())
        for cid in ids:
            events.append(
                {"customer_id": cid, "event_type": "email_sent", "occurred_at": sent, "campaign_id": campaign}
            )
            if rng.random() < 0.4:
                answered = sent + dt.timedelta(hours=rng.randrange(1, 48))
                kind = rng.choice(["email_open", "email_click", "sms_click"])
                events.append(
                    {"customer_id": cid, "event_type": kind, "occurred_at": answered, "campaign_id": campaign}
                )
    for n, event in enumerate(events):
        rows["events"].append({"event_id": f"X{n:05d}", "channel": "email", "nps_score": None, **event})
    _ties(rows)
    return rows


# customers whose spend is split equally between two categories: the favourite is the one whose name
# sorts first, byte by byte (Latin before Cyrillic, capitals before small letters), on both engines
TIES = {"T1": ("Кава", "Books"), "T2": ("Взуття", "Shoes"), "T3": ("shoes", "Shoes"), "T4": ("Кава", "Книги")}


def _ties(rows: dict[str, list[dict]]) -> None:
    model = rows["customers"][1]
    for n, (cid, categories) in enumerate(TIES.items()):
        rows["customers"].append({**model, "customer_id": cid, "merged_into": None, "signup_date": None})
        order_id = f"TIE{n}"
        ordered_at = dt.datetime(2024, 5, 10 + n, 12, 30)
        rows["orders"].append({
            "order_id": order_id, "customer_id": cid, "is_guest": False, "ordered_at": ordered_at,
            "total": Decimal("200"), "discount": Decimal(0), "channel": "online", "store": None,
            "status": "completed",
        })  # fmt: skip
        for line, category in enumerate(categories, 1):
            rows["order_items"].append({
                "order_id": order_id, "line_no": line, "product_id": f"PT{line}", "product_name": category,
                "category": category, "quantity": Decimal(2), "unit_price": Decimal("50.5"),
                "discount": Decimal("1"),
            })  # fmt: skip


def catalogue() -> pa.Table:
    """A product catalogue naming the category of 30 of the shop's 40 products (some none): an order line
    imported without a category is of its product's (rules/frame.py), on every engine."""
    names = ["Books", "Shoes", "Кава", None, "Взуття"]
    ids = [f"P{n}" for n in range(30)]
    return pa.table({
        "product_id": ids,
        "name": [f"Товар {n}" for n in range(30)],
        "category": pa.array([names[n % len(names)] for n in range(30)], pa.string()),
    })  # fmt: skip


def predictions(customer_ids: list[str], seed: int = 13) -> pa.Table:
    """A stored features table with the predictions and a clustering (what refresh and clusters fit
    write), so the predictive and cluster fields are compared as a rule reads them."""
    rng = random.Random(seed)
    rows = []
    for cid in customer_ids:
        p_alive = None if rng.random() < 0.1 else round(rng.random(), 4)
        churn = None if p_alive is None else round(1 - p_alive, 4)
        cluster = rng.choice([1, 2, 3, 4])
        rows.append({
            "customer_id": cid,
            "clv_12m": None if p_alive is None else round(rng.uniform(0, 2000), 2),
            "expected_purchases_12m": None if p_alive is None else round(rng.uniform(0, 5), 3),
            "p_alive": p_alive,
            "churn_probability": churn,
            "churn_risk": None if churn is None else "low" if churn < 0.3 else "medium" if churn < 0.7 else "high",
            "cluster": cluster,
            "cluster_name": ["Loyal regulars", "Bargain hunters", "Loyal big spenders", "Новачки"][cluster - 1],
        })  # fmt: skip
    types = {"cluster": pa.int32()}
    return pa.table({c: pa.array([r[c] for r in rows], type=types.get(c)) for c in rows[0]})
