"""Orders and order items of a block of customers, drawn from the repeat-buying process.

Every completed order of a registered customer is one purchase of the process (the first one is the
customer's first purchase); cancelled and returned orders and guest purchases are drawn on top of it, so
the process can be recovered exactly from `status = 'completed' AND NOT is_guest`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from segmint.demo import catalog as cat
from segmint.demo.columns import MICROS_PER_DAY, decimal, ids, money, strings, timestamps, weighted_choice
from segmint.demo.process import BuyingProcess, simulate
from segmint.demo.products import Assortment

CHANNELS = ["online", "pos", "offline"]
STATUSES = ["completed", "cancelled", "returned"]
# share of the hour of day: online peaks in the evening, shops are open 9:00-21:00
_ONLINE_HOURS = np.array(
    [2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 5, 6, 6, 5, 5, 5, 6, 7, 9, 10, 10, 8, 5], float
)
_STORE_HOURS = np.array([0] * 9 + [3, 5, 6, 7, 7, 6, 6, 7, 9, 10, 9, 6] + [0] * 3, float)
ALL_STORES = [s for stores in cat.STORES.values() for s in stores]
_CITY_STORES = [cat.STORES.get(c[0], []) for c in cat.CITIES]


@dataclass
class Orders:
    table: pa.Table
    items: pa.Table | None
    customer: np.ndarray  # per order: index of the customer in the block, -1 for guests
    micros: np.ndarray  # per order: local time
    channel: np.ndarray  # per order: index into CHANNELS
    status: np.ndarray  # per order: index into STATUSES
    total_cents: np.ndarray


def _time_of_day(rng: np.random.Generator, channel: np.ndarray) -> np.ndarray:
    hour = np.where(
        channel == 1,
        weighted_choice(rng, _STORE_HOURS, len(channel)),
        weighted_choice(rng, _ONLINE_HOURS, len(channel)),
    )
    return hour * 3_600_000_000 + rng.integers(0, 3_600, len(channel)) * 1_000_000


def draw_orders(
    rng: np.random.Generator,
    process: BuyingProcess,
    buyer: np.ndarray,
    birth_micros: np.ndarray,
    end_micros: int,
    start_micros: int,
    online_share: np.ndarray,
    city: np.ndarray,
    device: np.ndarray,
    favourites: np.ndarray,
    customer_ids: pa.Array,
    first_serial: int,
    assortment: Assortment,
    with_items: bool = True,
    guest_share: float = 0.02,
):
    """Orders of the buyers (`buyer` indexes the block), plus cancellations, returns and guest purchases.

    Returns the orders and the process draw (per-buyer truth).
    """
    unit = process.time_unit_days * MICROS_PER_DAY
    horizon = (end_micros - birth_micros[buyer]) / unit
    draw = simulate(process, horizon, rng)
    cust = buyer[draw.customer]
    micros = birth_micros[cust] + (draw.time * unit).astype(np.int64)
    value = draw.value

    # channel of each purchase, then a believable time of day for it (the day itself is the process's)
    n = len(cust)
    online = rng.random(n) < online_share[cust]
    has_store = np.array([len(s) > 0 for s in _CITY_STORES])[city[cust]]
    channel = np.where(online, 0, np.where(has_store & (rng.random(n) < 0.93), 1, 2))
    repeat = draw.time > 0
    day = micros // MICROS_PER_DAY
    # a repeat on the day of the first purchase stays after it, so the first order is always the first
    in_day = np.maximum(day * MICROS_PER_DAY + _time_of_day(rng, channel), birth_micros[cust] + 1_000_000)
    micros = np.where(repeat, in_day, micros)
    status = np.zeros(n, dtype=np.int64)

    # cancelled and returned orders: extra orders a little after a real purchase
    n_extra = rng.binomial(n, 0.05)
    template = rng.integers(0, n, n_extra)
    extra_status = np.where(rng.random(n_extra) < 0.6, 1, 2)
    extra_micros = micros[template] + rng.integers(600, 10 * 86_400, n_extra) * 1_000_000
    extra_value = rng.gamma(process.p, 1.0 / draw.nu[draw.customer[template]])
    inside = extra_micros < end_micros  # those that would fall after the window never happened
    template, extra_status, extra_micros, extra_value = (
        template[inside],
        extra_status[inside],
        extra_micros[inside],
        extra_value[inside],
    )

    # guest purchases: no customer; the shop's growth spreads them like first purchases
    n_guest = rng.binomial(n, guest_share)
    frac = -1 + np.sqrt(1 + 3 * rng.random(n_guest))
    guest_day = (start_micros + frac * (end_micros - start_micros - 1)).astype(np.int64) // MICROS_PER_DAY
    guest_value = rng.gamma(process.p, 1.0 / rng.gamma(process.q, 1.0 / process.gamma, n_guest))
    guest_channel = np.where(rng.random(n_guest) < 0.6, 1, 0)
    guest_micros = guest_day * MICROS_PER_DAY + _time_of_day(rng, guest_channel)

    cust = np.concatenate([cust, cust[template], np.full(n_guest, -1)])
    micros = np.concatenate([micros, extra_micros, guest_micros])
    value = np.concatenate([value, extra_value, guest_value])
    channel = np.concatenate([channel, channel[template], guest_channel])
    status = np.concatenate([status, extra_status, np.zeros(n_guest, dtype=np.int64)])
    order = np.lexsort((value, cust, micros))  # by time; ties broken so the result never depends on sort luck
    cust, micros, value, channel, status = (
        cust[order],
        micros[order],
        value[order],
        channel[order],
        status[order],
    )
    m = len(cust)

    # money: the process gives what was paid; some orders carry a discount on top (more in Black Friday week)
    net_cents = np.maximum(np.round(value * 100), 100).astype(np.int64)
    black_friday = _late_november(micros // MICROS_PER_DAY)
    has_discount = rng.random(m) < np.where(black_friday, 0.6, 0.2)
    rate = np.array([0.05, 0.1, 0.15, 0.2, 0.3])[rng.integers(0, 5, m)]
    discount_cents = np.where(has_discount, np.round(net_cents * rate / (1 - rate)), 0).astype(np.int64)

    # store / point of sale
    store = np.empty(m, dtype=object)
    is_pos = channel == 1
    guest = cust < 0
    city_of = np.where(guest, -1, city[np.maximum(cust, 0)])
    pick = rng.random(m)
    for ci, stores in enumerate(_CITY_STORES):
        if stores:
            rows = is_pos & (city_of == ci)
            store[rows] = np.array(stores, dtype=object)[(pick[rows] * len(stores)).astype(int)]
    rows = is_pos & guest
    store[rows] = np.array(ALL_STORES, dtype=object)[(pick[rows] * len(ALL_STORES)).astype(int)]
    mobile = np.where(guest, False, device[np.maximum(cust, 0)] != 2)
    store[channel == 0] = np.where(mobile & (pick < 0.45), "app", "web")[channel == 0]
    store[channel == 2] = "call-centre"

    serial = first_serial + np.arange(m)
    order_id = ids("SO-", serial, 8)
    items = None
    if with_items:
        items, gross_cents = draw_items(
            rng, order_id, cust, net_cents + discount_cents, discount_cents, favourites, assortment
        )
        net_cents = gross_cents - discount_cents  # unit prices are whole cents, so lines decide the last cent
        items = items.append_column("imported_at", timestamps(np.full(items.num_rows, end_micros)))
    imported = np.full(m, end_micros, dtype=np.int64)
    table = pa.table(
        {
            "order_id": order_id,
            "customer_id": _customer_column(customer_ids, cust),
            "is_guest": pa.array(guest),
            "ordered_at": pa.array(micros.astype("datetime64[us]"), pa.timestamp("us")),
            "total": money(net_cents),
            "discount": money(discount_cents),
            "currency": pa.array(np.full(m, "UAH", dtype=object), pa.string()),
            "channel": strings(CHANNELS, channel),
            "store": pa.array(store, pa.string()),
            "status": strings(STATUSES, status),
            "source": strings(["shop", "pos", "crm"], channel),
            "imported_at": pa.array(imported.astype("datetime64[us]"), pa.timestamp("us")),
        }
    )
    return Orders(table, items, cust, micros, channel, status, net_cents), draw


def _late_november(days: np.ndarray) -> np.ndarray:
    """Days from 22 to 30 November (Black Friday week)."""
    dates = days.astype("datetime64[D]")
    month_start = dates.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12 + 1
    day_of_month = (dates - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    return (month == 11) & (day_of_month >= 22)


def _customer_column(customer_ids: pa.Array, cust: np.ndarray) -> pa.Array:
    taken = customer_ids.take(pa.array(np.maximum(cust, 0)))
    return pc.if_else(pa.array(cust < 0), pa.nulls(len(cust), pa.string()), taken)


def draw_items(
    rng: np.random.Generator,
    order_id: pa.Array,
    cust: np.ndarray,
    gross_cents: np.ndarray,
    discount_cents: np.ndarray,
    favourites: np.ndarray,
    assortment: Assortment,
):
    """Split each order's gross amount into lines of products; returns items and new order grosses."""
    m = len(cust)
    lines = np.clip(1 + rng.poisson(np.minimum(gross_cents / 150_000, 4.0)), 1, 8)
    owner = np.repeat(np.arange(m), lines)
    k = len(owner)
    first_line = np.cumsum(lines) - lines
    line_no = np.arange(k) - np.repeat(first_line, lines) + 1

    popularity = [c[3] for c in cat.CATEGORIES]
    category = weighted_choice(rng, popularity, k)
    line_cust = cust[owner]
    use_favourite = (line_cust >= 0) & (rng.random(k) < 0.65)
    fav = favourites[np.maximum(line_cust, 0), rng.integers(0, 3, k)]
    category = np.where(use_favourite, fav, category)

    weight = rng.gamma(2.0, 1.0, k)
    share = weight / np.repeat(np.add.reduceat(weight, first_line), lines)
    target = gross_cents[owner] * share
    product = assortment.nearest(category, np.round(target).astype(np.int64))
    list_price = assortment.price_cents[product]
    quantity = np.clip(np.round(target / list_price), 1, 12).astype(np.int64)
    unit_cents = np.maximum(np.round(target / quantity), 1).astype(np.int64)
    line_gross = unit_cents * quantity
    gross = np.add.reduceat(line_gross, first_line)
    # the order's discount is spread over its lines in proportion; the last line takes the rounding rest
    line_discount = np.floor(discount_cents[owner] * line_gross / gross[owner]).astype(np.int64)
    last_line = first_line + lines - 1
    line_discount[last_line] += discount_cents - np.add.reduceat(line_discount, first_line)

    products = assortment.products
    items = pa.table(
        {
            "order_id": order_id.take(pa.array(owner)),
            "line_no": pa.array(line_no.astype(np.int32)),
            "product_id": products.column("product_id").take(pa.array(product)),
            "product_name": products.column("name").take(pa.array(product)),
            "category": products.column("category").take(pa.array(product)),
            "quantity": decimal(quantity * 1000, 3),
            "unit_price": money(unit_cents),
            "discount": money(line_discount),
        }
    )
    return items, gross
