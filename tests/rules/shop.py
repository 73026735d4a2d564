"""A small but awkward shop for the rule tests, drawn from a fixed seed as plain Python rows.

The same rows go into a real workspace (DuckDB, through pyarrow) and into pandas frames for the
independent oracle. They include Cyrillic and hostile text, NULLs everywhere, guest orders (with and
without a customer id), every order status, orders and events after the reference date, customers who
signed up after it or were merged away, and orders/events sharing a timestamp (ties).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal

import pyarrow as pa

TODAY = dt.date(2024, 6, 30)
HOSTILE = "'); DROP TABLE customers; --"
CITIES = ["Київ", "Київ", "Львів", "Одеса", "Харків", "Kyiv", "Дніпро", None, HOSTILE, "50% off_city"]
CATEGORIES = ["Shoes", "Shoes", "Взуття", "Кава", "Books", None]
PRODUCTS = {
    "Shoes": ["Кросівки Air", "Boots"],
    "Взуття": ["Черевики"],
    "Кава": ["Кава зернова", "Кава мелена"],
    "Books": ["Кобзар", "Dune"],
    None: ["Подарунок", None],
}
EVENT_TYPES = [
    "email_sent",
    "email_open",
    "email_open",
    "email_click",
    "email_unsubscribe",
    "sms_click",
    "site_visit",
    "site_visit",
    "cart_add",
    "cart_abandon",
    "review",
    "survey_answer",
]
STATUSES = ["completed"] * 14 + ["pending"] * 2 + ["cancelled", "returned", "adjustment"]


def _maybe(rng: random.Random, value, none_share: float = 0.15):
    return None if rng.random() < none_share else value


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _moment(rng: random.Random, start: dt.date, end: dt.date) -> dt.datetime:
    minutes = rng.choice([0, 0, 9 * 60, 12 * 60 + 30, 23 * 60 + 59])  # few distinct times: ties
    return dt.datetime.combine(_day(rng, start, end), dt.time()) + dt.timedelta(minutes=minutes)


def _custom(rng: random.Random) -> str | None:
    """customers.custom as the import stores it: a JSON object of texts by column header (keys missing,
    values that are no number or date as a rule reads them, a key with a dot, a hostile key)."""
    if rng.random() < 0.1:
        return None
    choices = {
        "Kidhome": ["0", "0", "1", "2", "1.5", "-1", "abc", "", " 2", "1e3", "1,5", "2\n", None],
        "Dt_Customer": ["2012-09-04", "2014-03-08", "2024-06-30", "2024-07-01", "2014-02-30", "08.03.2014",
                        "2014-03-08 10:00", None],
        "Education": ["PhD", "Graduation", "phd", "PhD ", "Master", None],
        "Acc.No": ["A-1", "B-2", None],
        HOSTILE: ["1", None],
    }  # fmt: skip
    drawn = {key: rng.choice(values) for key, values in choices.items()}
    return json.dumps({key: value for key, value in drawn.items() if value is not None}, ensure_ascii=False)


def draw(seed: int = 7, n_customers: int = 160) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    attributes = random.Random(seed + 1)  # its own stream: the other rows stay as they were drawn
    customers, orders, items, events = [], [], [], []
    for n in range(n_customers):
        cid = f"C{n:03d}"
        birth = _maybe(rng, _day(rng, dt.date(1950, 1, 1), dt.date(2006, 12, 31)))
        if n in (3, 4):
            birth = dt.date(1992, 2, 29) if n == 3 else dt.date(1990, 6, 30)  # leap day, birthday today
        customers.append(
            {
                "customer_id": cid,
                "source": rng.choice(["crm", "pos", "shop"]),
                "first_name": rng.choice(["Олена", "Іван", "Anna", None]),
                "email": _maybe(rng, f"user{n}@{rng.choice(['gmail.com', 'ukr.net', 'i.ua'])}"),
                "phone": _maybe(rng, f"+38067{n:07d}" if n % 2 else f"+38050{n:07d}"),
                "gender": _maybe(rng, rng.choice(["f", "m", "other"])),
                "birth_date": birth,
                "city": rng.choice(CITIES),
                "region": _maybe(rng, rng.choice(["Львівська", "Київська", "Одеська"])),
                "country": _maybe(rng, rng.choice(["UA", "UA", "PL"])),
                "language": _maybe(rng, rng.choice(["uk", "en", "ru"])),
                "income_band": _maybe(rng, rng.choice(["low", "middle", "high"])),
                "occupation": _maybe(rng, rng.choice(["інженер-програміст", "вчитель", "інженер", "лікар"])),
                "marital_status": _maybe(rng, rng.choice(["married", "single"])),
                "education": _maybe(rng, rng.choice(["higher", "secondary"])),
                "signup_date": _maybe(rng, _day(rng, dt.date(2021, 1, 1), dt.date(2024, 8, 15)), 0.1),
                "acquisition_source": _maybe(rng, rng.choice(["instagram", "google", "friend"])),
                "acquisition_channel": _maybe(rng, rng.choice(["web", "app", "store"])),
                "device": _maybe(rng, rng.choice(["mobile", "desktop", "tablet"])),
                "os": _maybe(rng, rng.choice(["iOS", "Android", "Windows"])),
                "interests": _maybe(
                    rng, rng.sample(["спорт", "кава", "books", "travel"], rng.randrange(0, 3))
                ),
                "values": _maybe(rng, rng.sample(["екологія", "сім'я", "якість"], rng.randrange(0, 3))),
                "consent_email": _maybe(rng, rng.random() < 0.6),
                "consent_sms": _maybe(rng, rng.random() < 0.4),
                "tags": _maybe(rng, rng.choice([["vip"], ["vip", "opt"], ["opt"], [], ["VIP"], ["ВІП"]])),
                "status": _maybe(rng, rng.choice(["active", "active", "blocked"])),
                "merged_into": "C000" if n % 37 == 36 else None,
                "custom": _custom(attributes),
            }
        )
    ids = [c["customer_id"] for c in customers]
    for n in range(900):
        guest = rng.random() < 0.06
        customer = None if guest and rng.random() < 0.7 else rng.choice(ids)
        at = _moment(rng, dt.date(2022, 1, 1), dt.date(2024, 8, 31))
        order_id = f"O{n:04d}"
        total = Decimal(rng.randrange(50, 20000)) / 4
        orders.append(
            {
                "order_id": order_id,
                "customer_id": customer,
                "is_guest": guest,
                "ordered_at": at,
                "total": total,
                "discount": rng.choice([Decimal(0), Decimal(0), Decimal("12.5")]),
                "channel": _maybe(rng, rng.choice(["online", "pos", "offline"]), 0.1),
                "store": _maybe(rng, rng.choice(["Центр", "ТРЦ Ocean"]), 0.4),
                "status": rng.choice(STATUSES),
            }
        )
        if not guest and rng.random() < 0.15:  # a second order at the very same moment: a tie
            orders.append(
                {
                    **orders[-1],
                    "order_id": f"O{n:04d}b",
                    "channel": rng.choice(["online", "pos"]),
                    "total": total + 1,
                }
            )
        for line in range(rng.randrange(1, 4)):
            category = rng.choice(CATEGORIES)
            items.append(
                {
                    "order_id": order_id,
                    "line_no": line + 1,
                    "product_id": f"P{rng.randrange(40)}",
                    "product_name": rng.choice(PRODUCTS[category]),
                    "category": category,
                    "quantity": Decimal(rng.randrange(1, 5)),
                    "unit_price": Decimal(rng.randrange(100, 5000)) / 4,
                    "discount": rng.choice([Decimal(0), Decimal("5")]),
                }
            )
    for n in range(2500):
        kind = rng.choice(EVENT_TYPES)
        events.append(
            {
                "event_id": f"E{n:05d}",
                "customer_id": _maybe(rng, rng.choice(ids), 0.05),
                "event_type": kind,
                "occurred_at": _moment(rng, dt.date(2023, 6, 1), dt.date(2024, 7, 31)),
                "campaign_id": _maybe(rng, rng.choice(["spring", "summer", "весна"])),
                "channel": _maybe(rng, rng.choice(["email", "sms", "web"])),
                "nps_score": _maybe(rng, rng.randrange(0, 11), 0.2) if kind == "survey_answer" else None,
            }
        )
    features = [
        {
            "customer_id": c["customer_id"],
            "rfm_group": rng.choice(["Champions", "At Risk", "Can't Lose Them", "Lost", None]),
            "churn_probability": round(rng.random(), 3),
            "buys_on_discount": rng.random() < 0.3,
        }
        for c in customers
    ]
    return {
        "customers": customers,
        "orders": orders,
        "order_items": items,
        "events": events,
        "features": features,
    }


SCHEMAS = {
    "customers": {
        "birth_date": pa.date32(),
        "signup_date": pa.date32(),
        "interests": pa.list_(pa.string()),
        "values": pa.list_(pa.string()),
        "tags": pa.list_(pa.string()),
        "consent_email": pa.bool_(),
        "consent_sms": pa.bool_(),
    },
    "orders": {
        "ordered_at": pa.timestamp("us"),
        "total": pa.decimal128(18, 4),
        "discount": pa.decimal128(18, 4),
        "is_guest": pa.bool_(),
    },
    "order_items": {
        "quantity": pa.decimal128(18, 3),
        "unit_price": pa.decimal128(18, 4),
        "discount": pa.decimal128(18, 4),
        "line_no": pa.int32(),
    },
    "events": {"occurred_at": pa.timestamp("us"), "nps_score": pa.int16()},
    "features": {"churn_probability": pa.float64(), "buys_on_discount": pa.bool_()},
}


def load(ws, data: dict[str, list[dict]]) -> None:
    """Insert the rows into the workspace's canonical tables (and a `features` table)."""
    now = dt.datetime(2024, 9, 1)
    ws.raw.execute(
        "CREATE TABLE features "
        "(customer_id VARCHAR, rfm_group VARCHAR, churn_probability DOUBLE, buys_on_discount BOOLEAN)"
    )
    for name, rows in data.items():
        columns = list(rows[0])
        arrays = {c: pa.array([r[c] for r in rows], type=SCHEMAS[name].get(c, pa.string())) for c in columns}
        if name != "features":
            arrays["imported_at"] = pa.array([now] * len(rows), type=pa.timestamp("us"))
        ws.raw.register("incoming", pa.table(arrays))
        ws.raw.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
        ws.raw.unregister("incoming")
