"""The synthetic shop: deterministic, complete, consistent, and believable."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from email_validator import EmailNotValidError, validate_email

from segmint.demo import generate_shop
from segmint.demo.events import EVENT_TYPES

N = 4_000


@pytest.fixture(scope="module")
def shop():
    return generate_shop(N, seed=11)


KEYS = {
    "customers": ["customer_id"], "products": ["product_id"], "categories": ["category_id"],
    "orders": ["order_id"], "order_items": ["order_id", "line_no"], "events": ["event_id"],
    "customer_truth": ["customer_id"], "duplicates": ["customer_id"],
}  # fmt: skip
TABLES = list(KEYS)


def content_hash(table: pa.Table, keys: list[str]) -> str:
    """Hash of a table's content, sorted by its key so that row order does not matter."""
    sink = pa.BufferOutputStream()
    ordered = table.sort_by([(k, "ascending") for k in keys]).combine_chunks()
    with pa.ipc.new_stream(sink, ordered.schema) as writer:
        writer.write_table(ordered)
    return hashlib.sha256(sink.getvalue()).hexdigest()


def test_same_seed_gives_identical_tables_and_another_seed_differs(shop):
    again = generate_shop(N, seed=11)
    other = generate_shop(N, seed=12)
    for name in TABLES:
        assert getattr(again, name).equals(getattr(shop, name)), name
        assert content_hash(getattr(again, name), KEYS[name]) == content_hash(getattr(shop, name), KEYS[name])
    for name in ["customers", "orders", "order_items", "events"]:
        assert content_hash(getattr(other, name), KEYS[name]) != content_hash(getattr(shop, name), KEYS[name])


def test_sizes_and_coverage(shop):
    assert shop.customers.num_rows == N
    assert shop.categories.num_rows >= 8
    assert set(pc.unique(shop.order_items["category"]).to_pylist()) == set(
        shop.categories["category_id"].to_pylist()
    )
    assert set(pc.unique(shop.events["event_type"]).to_pylist()) == set(EVENT_TYPES)
    assert set(pc.unique(shop.orders["channel"]).to_pylist()) == {"online", "offline", "pos"}
    status = pc.value_counts(shop.orders["status"]).to_pylist()
    share = {s["values"]: s["counts"] / shop.orders.num_rows for s in status}
    assert 0.01 < share["cancelled"] < 0.06 and 0.005 < share["returned"] < 0.05
    assert share["completed"] > 0.9
    discounted = pc.sum(pc.greater(shop.orders["discount"], 0)).as_py() / shop.orders.num_rows
    assert 0.1 < discounted < 0.4
    # orders per customer: a few on average, as in a real shop
    assert 1.5 < shop.orders.num_rows / N < 6


def test_dates_span_the_observation_window(shop):
    start, end = shop.spec.start_date, shop.spec.end_date
    assert 2 * 365 <= (end - start).days <= 3 * 366
    for table, column in [(shop.orders, "ordered_at"), (shop.events, "occurred_at")]:
        lo, hi = pc.min_max(table[column]).values()
        assert dt.datetime.combine(start, dt.time()) <= lo.as_py()
        assert hi.as_py() < dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
        assert (hi.as_py().date() - lo.as_py().date()).days > 2 * 365
    signup = list(pc.min_max(shop.customers["signup_date"]).values())
    assert start <= signup[0].as_py() and signup[1].as_py() <= end


def test_nps_scores_are_on_survey_answers_only_and_within_0_10(shop):
    events = shop.events
    survey = pc.equal(events["event_type"], "survey_answer")
    scores = events.filter(survey)["nps_score"]
    assert scores.null_count == 0 and len(scores) > 50
    lo, hi = pc.min_max(scores).values()
    assert lo.as_py() >= 0 and hi.as_py() <= 10
    assert len(pc.unique(scores)) >= 8  # promoters, passives and detractors all occur
    assert events.filter(pc.invert(survey))["nps_score"].null_count == events.num_rows - len(scores)


def test_referential_integrity(shop):
    customers = shop.customers["customer_id"]
    assert pc.count_distinct(customers).as_py() == shop.customers.num_rows
    orders = shop.orders
    assert pc.count_distinct(orders["order_id"]).as_py() == orders.num_rows
    guest = orders["is_guest"]
    assert pc.all(pc.equal(guest, pc.is_null(orders["customer_id"]))).as_py()
    assert 0 < pc.sum(guest).as_py() < 0.05 * orders.num_rows
    known = pc.is_in(orders.filter(pc.invert(guest))["customer_id"], value_set=customers)
    assert pc.all(known).as_py()
    items = shop.order_items
    assert pc.all(pc.is_in(items["order_id"], value_set=orders["order_id"])).as_py()
    assert pc.all(pc.is_in(items["product_id"], value_set=shop.products["product_id"])).as_py()
    assert (
        pc.count_distinct(
            pc.binary_join_element_wise(items["order_id"], pc.cast(items["line_no"], pa.string()), "/")
        ).as_py()
        == items.num_rows
    )
    assert pc.all(pc.is_in(shop.events["customer_id"], value_set=customers)).as_py()
    assert pc.count_distinct(shop.events["event_id"]).as_py() == shop.events.num_rows


def test_order_totals_are_the_sum_of_their_lines(shop):
    items = shop.order_items
    line_net = pc.subtract(pc.multiply(items["quantity"], items["unit_price"]), items["discount"])
    sums = (
        pa.table({"order_id": items["order_id"], "net": line_net, "discount": items["discount"]})
        .group_by("order_id")
        .aggregate([("net", "sum"), ("discount", "sum")])
    )
    joined = shop.orders.join(sums, "order_id")
    assert joined.num_rows == shop.orders.num_rows  # every order has lines
    assert pc.all(pc.equal(joined["total"], pc.cast(joined["net_sum"], joined["total"].type))).as_py()
    assert pc.all(
        pc.equal(joined["discount"], pc.cast(joined["discount_sum"], joined["discount"].type))
    ).as_py()
    assert pc.min(items["quantity"]).as_py() >= 1


def test_customers_look_real(shop):
    c = shop.customers
    cities = set(pc.unique(c["city"]).to_pylist())
    assert {"Київ", "Львів", "Харків", "Одеса", "Дніпро"} <= cities
    countries = set(pc.unique(c["country"]).to_pylist())
    assert "UA" in countries and {"PL", "DE"} <= countries
    ua_share = pc.sum(pc.equal(c["country"], "UA")).as_py() / c.num_rows
    assert 0.8 < ua_share < 0.97
    names = c["full_name"].to_pylist()
    cyrillic = sum(any("\u0400" <= ch <= "\u04ff" for ch in name) for name in names)
    assert 0.7 < cyrillic / len(names) < 0.98  # mostly Cyrillic, some Latin
    assert set(pc.unique(c["language"]).to_pylist()) == {"uk", "en", "ru"}
    assert set(pc.unique(c["gender"]).to_pylist()) >= {"f", "m"}
    for column in [
        "income_band",
        "occupation",
        "marital_status",
        "education",
        "device",
        "os",
        "acquisition_source",
        "acquisition_channel",
        "status",
        "birth_date",
        "region",
    ]:
        assert c[column].null_count < c.num_rows * 0.5, column
        assert len(pc.unique(c[column])) >= 2, column
    assert pc.mean(pc.list_value_length(c["interests"])).as_py() >= 1
    assert pc.mean(pc.list_value_length(c["values"])).as_py() >= 1
    ages = [(dt.date(2025, 12, 31) - d).days / 365.25 for d in c["birth_date"].drop_null().to_pylist()]
    assert min(ages) >= 18 and max(ages) <= 86 and 30 < np.median(ages) < 45


def test_contacts_are_valid_and_unique_per_person(shop):
    c = shop.customers
    emails = [e for e in c["email"].to_pylist() if e]
    phones = [p for p in c["phone"].to_pylist() if p]
    assert len(emails) > 0.85 * c.num_rows and len(phones) > 0.85 * c.num_rows
    for email in emails[:300]:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError as exc:  # pragma: no cover - the assertion below reports it
            pytest.fail(f"{email}: {exc}")
        assert email == email.lower()
    for phone in phones[::10]:
        parsed = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(parsed), phone
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == phone
    assert sum(p.startswith("+380") for p in phones) > 0.85 * len(phones)
    # distinct people never share an email or phone; only near-duplicate records repeat them
    duplicates = set(shop.duplicates["customer_id"].to_pylist())
    people = c.filter(pc.invert(pc.is_in(c["customer_id"], value_set=pa.array(list(duplicates)))))
    for column in ["email", "phone"]:
        values = people[column].drop_null()
        assert pc.count_distinct(values).as_py() == len(values), column


def test_near_duplicates_are_recorded_and_recognisable(shop):
    d = shop.duplicates
    assert 0.01 <= d.num_rows / shop.customers.num_rows <= 0.02
    assert set(pc.unique(d["variation"]).to_pylist()) == {
        "transliterated",
        "email_variant",
        "typo",
        "swapped_names",
        "new_contacts",
    }
    by_id = {r["customer_id"]: r for r in shop.customers.to_pylist()}
    for row in d.to_pylist():
        dup, original = by_id[row["customer_id"]], by_id[row["duplicate_of"]]
        assert dup["customer_id"] != original["customer_id"]
        assert dup["city"] == original["city"] and dup["birth_date"] == original["birth_date"]
        assert dup["signup_date"] >= original["signup_date"]
        if row["variation"] == "swapped_names":
            assert (dup["first_name"], dup["last_name"]) == (original["last_name"], original["first_name"])
        if row["variation"] == "typo":
            assert dup["first_name"] == original["first_name"]
            assert abs(len(dup["last_name"]) - len(original["last_name"])) <= 1
    # near-duplicate records have no orders of their own (the process belongs to the person)
    assert not pc.any(pc.is_in(shop.orders["customer_id"], value_set=d["customer_id"])).as_py()


def test_engaged_buyers_open_more_email(shop):
    """Opens per email sent are higher for customers with a higher true purchase rate."""
    truth = shop.customer_truth
    rate = dict(zip(truth["customer_id"].to_pylist(), truth["purchase_rate"].to_pylist(), strict=True))
    median = float(np.median(list(rate.values())))
    e = shop.events
    counts = {}
    for kind in ("email_sent", "email_open"):
        ids = e.filter(pc.equal(e["event_type"], kind))["customer_id"].to_pylist()
        for cid in ids:
            if cid in rate:
                key = (kind, rate[cid] > median)
                counts[key] = counts.get(key, 0) + 1
    high = counts[("email_open", True)] / counts[("email_sent", True)]
    low = counts[("email_open", False)] / counts[("email_sent", False)]
    assert high > low * 1.3
