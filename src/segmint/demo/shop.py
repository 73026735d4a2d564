"""A deterministic synthetic shop in segmint's canonical tables.

`iter_shop` draws the shop block by block of customers (each block from its own seeded generator, so
memory stays bounded at 1M customers and the same seed always gives the same bytes); `generate_shop`
concatenates the blocks for the demo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from segmint.demo.columns import MICROS_PER_DAY, dates, epoch_micros, ids, timestamps
from segmint.demo.duplicates import vary
from segmint.demo.orders import draw_orders
from segmint.demo.people import draw_people
from segmint.demo.process import BuyingProcess
from segmint.demo.products import Assortment, make_assortment

DEFAULT_END = dt.date(2025, 12, 31)
CHUNK_CUSTOMERS = 50_000


@dataclass(frozen=True)
class ShopSpec:
    """Everything that decides the shop; the same spec always gives the same data."""

    n_customers: int = 20_000
    seed: int = 42
    years: float = 3.0
    end_date: dt.date = DEFAULT_END  # last day of the observation window
    process: BuyingProcess = field(default_factory=BuyingProcess)
    non_buyer_share: float = 0.10  # registered, never bought
    duplicate_share: float = 0.015  # records that are a second entry of another customer
    guest_share: float = 0.02  # guest orders per registered customer's purchase
    chunk_customers: int = CHUNK_CUSTOMERS

    @property
    def end_micros(self) -> int:
        """Exclusive end of the window: midnight after `end_date`, local time."""
        return epoch_micros(dt.datetime.combine(self.end_date + dt.timedelta(days=1), dt.time()))

    @property
    def start_date(self) -> dt.date:
        return self.end_date + dt.timedelta(days=1) - dt.timedelta(days=round(self.years * 365.25))

    @property
    def start_micros(self) -> int:
        return epoch_micros(dt.datetime.combine(self.start_date, dt.time()))


@dataclass
class ShopBlock:
    """The canonical tables of one block of customers (plus the per-customer truth)."""

    customers: pa.Table
    orders: pa.Table
    order_items: pa.Table | None
    events: pa.Table | None
    customer_truth: pa.Table
    duplicates: pa.Table


def _customers_table(
    people, order: np.ndarray, extra: dict, customer_id: pa.Array, spec: ShopSpec
) -> pa.Table:
    """Canonical customers rows: people (taken by `order`, which may repeat a person) with overrides."""
    take = pa.array(order)
    cols = {name: col.take(take) for name, col in people.columns.items()}
    cols.update(extra)
    first, last = cols.pop("first_name"), cols.pop("last_name")
    full = pc.binary_join_element_wise(first, last, " ")
    m = len(order)
    return pa.table(
        {
            "customer_id": customer_id,
            "source": cols["source"],
            "first_name": first,
            "last_name": last,
            "full_name": full,
            "email": cols["email"],
            "phone": cols["phone"],
            "gender": cols["gender"],
            "birth_date": cols["birth_date"],
            "city": cols["city"],
            "region": cols["region"],
            "country": cols["country"],
            "language": cols["language"],
            "income_band": cols["income_band"],
            "occupation": cols["occupation"],
            "marital_status": cols["marital_status"],
            "education": cols["education"],
            "signup_date": cols["signup_date"],
            "acquisition_source": cols["acquisition_source"],
            "acquisition_channel": cols["acquisition_channel"],
            "device": cols["device"],
            "os": cols["os"],
            "interests": cols["interests"],
            "values": cols["values"],
            "consent_email": cols["consent_email"],
            "consent_sms": cols["consent_sms"],
            "tags": cols["tags"],
            "status": cols["status"],
            "custom": cols["custom"],
            "merged_into": pa.nulls(m, pa.string()),
            "imported_at": timestamps(np.full(m, spec.end_micros)),
        }
    )


def draw_block(
    spec: ShopSpec,
    index: int,
    first_order_serial: int,
    assortment: Assortment,
    with_items: bool = True,
    with_events: bool = False,
    first_event_serial: int = 0,
) -> ShopBlock:
    """Block `index` of the shop: customers number index*chunk+1 onwards, orders and events number on
    from `first_order_serial` and `first_event_serial`."""
    rng = np.random.default_rng([spec.seed, index])
    first_serial = index * spec.chunk_customers
    m = min(spec.chunk_customers, spec.n_customers - first_serial)
    n_dup = round(m * spec.duplicate_share)
    n = m - n_dup
    first_day = spec.start_micros // MICROS_PER_DAY
    last_day = spec.end_micros // MICROS_PER_DAY - 1
    people = draw_people(rng, np.arange(first_serial + 1, first_serial + n + 1), first_day, last_day)

    # second records of some people, entered later in another system
    original = np.sort(rng.choice(n, n_dup, replace=False))
    birth_year = np.where(
        people.birth_day[original] >= 0,
        people.birth_day[original].astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970,
        0,
    )
    d_first, d_last, d_email, d_phone, variation = vary(
        rng,
        people.first[original],
        people.last[original],
        people.first_alt[original],
        people.last_alt[original],
        people.email_local[original],
        people.email[original],
        people.phone[original],
        birth_year,
    )
    d_signup = np.minimum(
        people.signup_day[original] + rng.exponential(150, n_dup).astype(np.int64), last_day
    )
    d_source = np.where(
        people.columns["source"].take(pa.array(original)).to_numpy(zero_copy_only=False) == "pos",
        "shop",
        "pos",
    )

    # all records, numbered in signup order as a CRM would number them
    who = np.concatenate([np.arange(n), original])
    signup = np.concatenate([people.signup_day, d_signup])
    record_order = np.lexsort((np.arange(m), signup))
    record_of = np.empty(m, dtype=np.int64)
    record_of[record_order] = np.arange(m)
    customer_id = ids("C", first_serial + 1 + np.arange(m), 7)
    ordered_who = who[record_order]
    is_dup = record_order >= n

    def stitch(base, dup_values, dtype=pa.string()):
        values = np.concatenate([np.asarray(base, dtype=object), np.asarray(dup_values, dtype=object)])
        return pa.array(values[record_order], dtype)

    dup_consent = rng.random(n_dup) < 0.5
    consent_email = np.concatenate(
        [
            people.columns["consent_email"].to_numpy(zero_copy_only=False),
            dup_consent & np.not_equal(d_email, None),
        ]
    )[record_order]
    consent_sms = np.concatenate(
        [
            people.columns["consent_sms"].to_numpy(zero_copy_only=False),
            ~dup_consent & np.not_equal(d_phone, None),
        ]
    )
    no_tags = pa.ListArray.from_arrays(
        pa.array(np.zeros(n_dup + 1, dtype=np.int32)), pa.array([], pa.string())
    )
    extra = {
        "first_name": stitch(people.first, d_first),
        "last_name": stitch(people.last, d_last),
        "email": stitch(people.email, d_email),
        "phone": stitch(people.phone, d_phone),
        "signup_date": dates(signup[record_order]),
        "source": stitch(people.columns["source"].to_numpy(zero_copy_only=False), d_source),
        "consent_email": pa.array(consent_email),
        "consent_sms": pa.array(consent_sms[record_order]),
        "tags": pa.concat_arrays([people.columns["tags"], no_tags]).take(pa.array(record_order)),
        "custom": pc.if_else(
            pa.array(is_dup), pa.nulls(m, pa.string()), people.columns["custom"].take(pa.array(ordered_who))
        ),
    }
    customers = _customers_table(people, ordered_who, extra, customer_id, spec)
    duplicates = pa.table(
        {
            "customer_id": customer_id.take(pa.array(record_of[n + np.arange(n_dup)])),
            "duplicate_of": customer_id.take(pa.array(record_of[original])),
            "variation": pa.array(variation, pa.string()),
        }
    )

    # purchases: most people buy, the first purchase a few days after signing up (same day in a store)
    from_store = people.columns["acquisition_channel"].to_numpy(zero_copy_only=False) == "offline"
    delay_days = np.where(from_store, 0, rng.exponential(12.0, n).astype(np.int64))
    birth_micros = (people.signup_day + delay_days) * MICROS_PER_DAY + rng.integers(
        9 * 3600, 21 * 3600, n
    ) * 1_000_000
    buyer = np.nonzero((rng.random(n) >= spec.non_buyer_share) & (birth_micros < spec.end_micros))[0]
    person_ids = customer_id.take(pa.array(record_of[:n]))
    orders, draw = draw_orders(
        rng,
        spec.process,
        buyer,
        birth_micros,
        spec.end_micros,
        spec.start_micros,
        people.online_share,
        people.city,
        people.device,
        people.favourites,
        person_ids,
        first_order_serial,
        assortment,
        with_items,
        spec.guest_share,
    )
    unit = spec.process.time_unit_days * MICROS_PER_DAY
    horizon = (spec.end_micros - birth_micros[buyer]) / unit
    last_purchase = np.zeros(len(buyer), dtype=np.int64)
    completed = (orders.status == 0) & (orders.customer >= 0)
    np.maximum.at(last_purchase, np.searchsorted(buyer, orders.customer[completed]), orders.micros[completed])
    truth = pa.table(
        {
            "customer_id": person_ids.take(pa.array(buyer)),
            "first_purchase_at": timestamps(birth_micros[buyer]),
            "horizon": pa.array(horizon),
            "purchase_rate": pa.array(draw.lam),
            "dropout_p": pa.array(draw.dropout),
            "spend_scale": pa.array(draw.nu),
            "mean_order_value": pa.array(spec.process.p / draw.nu),
            "repeat_purchases": pa.array(draw.repeats),
            "dropped_out": pa.array(draw.dropped),
            "dropped_out_at": pc.if_else(
                pa.array(draw.dropped), timestamps(last_purchase), pa.nulls(len(buyer), pa.timestamp("us"))
            ),
        }
    )
    events = None
    if with_events:
        from segmint.demo.events import draw_events

        events, unsubscribed = draw_events(
            rng, spec, people, record_of, customer_id, buyer, draw, birth_micros, orders, first_event_serial
        )
        # whoever unsubscribed has no email consent any more
        consent_email[record_of[:n][unsubscribed]] = False
        at = customers.schema.get_field_index("consent_email")
        customers = customers.set_column(at, "consent_email", pa.array(consent_email))
    return ShopBlock(customers, orders.table, orders.items, events, truth, duplicates)


def iter_shop(
    spec: ShopSpec, with_items: bool = True, with_events: bool = False, assortment: Assortment | None = None
) -> Iterator[ShopBlock]:
    """The shop block by block; blocks are drawn independently, order numbers run on across them."""
    assortment = assortment or make_assortment(spec.seed)
    next_order, next_event = 1, 0
    for index in range((spec.n_customers + spec.chunk_customers - 1) // spec.chunk_customers):
        block = draw_block(spec, index, next_order, assortment, with_items, with_events, next_event)
        next_order += block.orders.num_rows
        next_event += block.events.num_rows if block.events is not None else 0
        yield block


@dataclass
class Shop:
    """The whole demo shop as Arrow tables in canonical columns, with the truth it was drawn from."""

    spec: ShopSpec
    customers: pa.Table
    categories: pa.Table
    products: pa.Table
    orders: pa.Table
    order_items: pa.Table
    events: pa.Table
    customer_truth: pa.Table  # per buyer: the drawn rate, dropout probability, spend scale, and what happened
    duplicates: pa.Table  # near-duplicate records: customer_id, duplicate_of, variation

    def truth(self) -> dict:
        """The true parameters and window, as a JSON-ready document."""
        spec = self.spec
        return {
            "seed": spec.seed,
            "n_customers": spec.n_customers,
            "observation_start": spec.start_date.isoformat(),
            "observation_end": spec.end_date.isoformat(),
            "observation_end_exclusive": (spec.end_date + dt.timedelta(days=1)).isoformat() + "T00:00:00",
            "time_unit": f"{spec.process.time_unit_days} days",
            "time_unit_days": spec.process.time_unit_days,
            "model": "BG/NBD purchases with Gamma-Gamma spend",
            "bg_nbd": {k: getattr(spec.process, k) for k in ("r", "alpha", "a", "b")},
            "gamma_gamma": {k: getattr(spec.process, k) for k in ("p", "q", "gamma")},
            "mean_order_value": spec.process.mean_order_value(),
            "currency": "UAH",
            "process_orders": (
                "orders with is_guest = false and status = 'completed'; a customer's first such "
                "order is the first purchase (time 0), the rest are repeat purchases"
            ),
            "not_in_process": "cancelled and returned orders, guest orders, customers who never bought, "
            "near-duplicate records (they have no orders)",
            "spend": (
                "order total (what was paid, after discount) follows Gamma-Gamma for every process "
                "order, the first included, up to rounding to whole cents per unit price"
            ),
            "duplicate_records": self.duplicates.num_rows,
        }


def generate_shop(
    n_customers: int = 20_000,
    years: float = 3.0,
    seed: int = 42,
    end_date: dt.date = DEFAULT_END,
    process: BuyingProcess | None = None,
    with_events: bool = True,
    **options,
) -> Shop:
    """A whole synthetic shop in memory (the demo; for files of millions of rows use `iter_shop`)."""
    spec = ShopSpec(
        n_customers=n_customers,
        seed=seed,
        years=years,
        end_date=end_date,
        process=process or BuyingProcess(),
        **options,
    )
    assortment = make_assortment(seed)
    blocks = list(iter_shop(spec, with_items=True, with_events=with_events, assortment=assortment))

    def concat(name: str) -> pa.Table | None:
        tables = [getattr(b, name) for b in blocks if getattr(b, name) is not None]
        return pa.concat_tables(tables) if tables else None

    return Shop(
        spec,
        concat("customers"),
        assortment.categories,
        assortment.products,
        concat("orders"),
        concat("order_items"),
        concat("events"),
        concat("customer_truth"),
        concat("duplicates"),
    )
