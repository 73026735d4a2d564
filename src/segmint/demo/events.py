"""Marketing and site events of a block of customers: email, SMS, visits, carts, reviews and NPS answers.

Rates follow behaviour: a customer who buys often and has not left opens and clicks more, browses more,
and rates the shop higher; customers who left the shop (in the process's truth) go quiet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from segmint.demo.columns import MICROS_PER_DAY, ids, join, strings, timestamps
from segmint.demo.people import CATEGORY_KEYS

EVENT_TYPES = [
    "email_sent", "email_open", "email_click", "email_unsubscribe", "sms_sent", "sms_click", "site_visit",
    "page_view", "cart_add", "cart_abandon", "review", "survey_answer",
]  # fmt: skip
T = {name: i for i, name in enumerate(EVENT_TYPES)}
EVENT_CHANNELS = ["email", "sms", "web", "app"]
HOUR = 3_600_000_000
MINUTE = 60_000_000
EMAIL_EVERY_DAYS = 14
SMS_EVERY_DAYS = 30


@dataclass
class _Parts:
    """Events collected part by part, assembled once at the end."""

    person: list = field(default_factory=list)
    kind: list = field(default_factory=list)
    micros: list = field(default_factory=list)
    campaign: list = field(default_factory=list)
    channel: list = field(default_factory=list)
    nps: list = field(default_factory=list)
    properties: list = field(default_factory=list)

    def add(self, person, kind, micros, channel, campaign=None, nps=None, properties=None) -> None:
        k = len(person)
        self.person.append(np.asarray(person, dtype=np.int64))
        self.kind.append(np.full(k, kind, dtype=np.int64))
        self.micros.append(np.asarray(micros, dtype=np.int64))
        self.channel.append(np.broadcast_to(np.asarray(channel, dtype=np.int64), (k,)))
        self.campaign.append(pa.nulls(k, pa.string()) if campaign is None else campaign)
        self.nps.append(np.full(k, -1, dtype=np.int64) if nps is None else np.asarray(nps, dtype=np.int64))
        self.properties.append(pa.nulls(k, pa.string()) if properties is None else properties)


def _campaigns(
    rng, parts, people_consent, signup_micros, alive_until, engagement, start, end, every, prefix, sms
):
    """Sends of a campaign every `every` days to a random share of consenting customers, then responses."""
    send_days = np.arange(start // MICROS_PER_DAY + 3, end // MICROS_PER_DAY, every)
    send_micros = send_days * MICROS_PER_DAY + (10 if not sms else 12) * HOUR
    targeted = rng.random((len(signup_micros), len(send_days))) < (0.25 if sms else 0.4)
    eligible = people_consent[:, None] & (signup_micros[:, None] < send_micros[None, :]) & targeted
    person, camp = np.nonzero(eligible)
    sent = send_micros[camp]
    if not sms:  # one unsubscribe ends a customer's emails
        unsub = rng.random(len(person)) < 0.004
        first_unsub = np.full(len(signup_micros), len(send_days), dtype=np.int64)
        np.minimum.at(first_unsub, person[unsub], camp[unsub])
        keep = camp <= first_unsub[person]
        person, camp, sent = person[keep], camp[keep], sent[keep]
        unsubscribed = first_unsub < len(send_days)
    campaign_id = join(prefix, ids("", send_days[camp] - send_days[0], 4))
    channel = 1 if sms else 0
    parts.add(person, T["sms_sent" if sms else "email_sent"], sent, channel, campaign_id)
    active = sent < alive_until[person]
    warmth = engagement[person] * active
    if sms:
        click = rng.random(len(person)) < 0.02 + 0.08 * warmth
        at = sent + rng.exponential(2 * HOUR, len(person)).astype(np.int64)
        parts.add(person[click], T["sms_click"], at[click], channel, campaign_id.filter(pa.array(click)))
        return None
    opened = rng.random(len(person)) < 0.10 + 0.45 * warmth
    open_at = sent + rng.exponential(8 * HOUR, len(person)).astype(np.int64)
    clicked = opened & (rng.random(len(person)) < 0.08 + 0.3 * warmth)
    click_at = open_at + rng.exponential(3 * MINUTE, len(person)).astype(np.int64)
    parts.add(person[opened], T["email_open"], open_at[opened], channel, campaign_id.filter(pa.array(opened)))
    parts.add(
        person[clicked], T["email_click"], click_at[clicked], channel, campaign_id.filter(pa.array(clicked))
    )
    last = unsubscribed[person] & (camp == first_unsub[person])
    parts.add(
        person[last], T["email_unsubscribe"], open_at[last], channel, campaign_id.filter(pa.array(last))
    )
    return unsubscribed


def _session(rng, parts, person, start, channel, category, with_cart, abandon):
    """A site visit with its page views (and a cart add, sometimes left behind)."""
    k = len(person)
    page = join('{"page": "/catalog/', strings(CATEGORY_KEYS, category), '"}')
    parts.add(person, T["site_visit"], start, channel)
    views = 1 + rng.poisson(2.0, k)
    owner = np.repeat(np.arange(k), views)
    step = np.arange(len(owner)) - np.repeat(np.cumsum(views) - views, views)
    parts.add(
        person[owner],
        T["page_view"],
        start[owner] + (step + 1) * 40_000_000,
        channel[owner],
        properties=page.take(pa.array(owner)),
    )
    cart_at = start + (views + 1) * 40_000_000
    parts.add(
        person[with_cart],
        T["cart_add"],
        cart_at[with_cart],
        channel[with_cart],
        properties=page.filter(pa.array(with_cart)),
    )
    gone = with_cart & abandon
    parts.add(person[gone], T["cart_abandon"], cart_at[gone] + 30 * MINUTE, channel[gone])


def draw_events(rng, spec, people, record_of, customer_id, buyer, draw, birth_micros, orders, first_serial):
    """All events of the block's people; returns the events and a mask of who unsubscribed from email."""
    n = people.n
    start, end = spec.start_micros, spec.end_micros
    signup = people.signup_day * MICROS_PER_DAY + 9 * HOUR
    # when a customer went quiet: at dropout (the truth), or soon after signing up for those who never bought
    alive_until = signup + (rng.exponential(60.0, n) * MICROS_PER_DAY).astype(np.int64)
    rate = np.zeros(n)
    rate[buyer] = draw.lam
    completed = (orders.status == 0) & (orders.customer >= 0)
    last_purchase = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_purchase, orders.customer[completed], orders.micros[completed])
    alive_until[buyer] = np.where(draw.dropped, last_purchase[buyer], end)
    typical = spec.process.r / spec.process.alpha
    engagement = rate / (rate + typical)
    mobile = people.device < 2  # catalog.DEVICES: phones first
    web = np.where(mobile & (rng.random(n) < 0.4), 3, 2)  # some phone users browse in the app

    parts = _Parts()
    consent = people.columns["consent_email"].to_numpy(zero_copy_only=False)
    unsubscribed = _campaigns(
        rng, parts, consent, signup, alive_until, engagement, start, end, EMAIL_EVERY_DAYS, "EM-", sms=False
    )
    sms_consent = people.columns["consent_sms"].to_numpy(zero_copy_only=False)
    _campaigns(
        rng, parts, sms_consent, signup, alive_until, engagement, start, end, SMS_EVERY_DAYS, "SMS-", sms=True
    )

    # visits that end in an online order
    online = (orders.channel == 0) & (orders.customer >= 0)
    person = orders.customer[online]
    visit_at = orders.micros[online] - rng.integers(8, 40, len(person)) * MINUTE
    fav = people.favourites[person, rng.integers(0, 3, len(person))]
    _session(
        rng,
        parts,
        person,
        visit_at,
        web[person],
        fav,
        np.ones(len(person), bool),
        np.zeros(len(person), bool),
    )

    # browsing without buying: more for frequent buyers, while they are still around
    quiet_from = np.minimum(alive_until + 8 * 7 * MICROS_PER_DAY, end)
    weeks = np.maximum(quiet_from - signup, 0) / (7 * MICROS_PER_DAY)
    visits = rng.poisson((0.03 + 0.8 * rate) * weeks * (people.online_share > 0.5))
    person = np.repeat(np.arange(n), visits)
    at = signup[person] + (rng.random(len(person)) * (quiet_from - signup)[person]).astype(np.int64)
    fav = people.favourites[person, rng.integers(0, 3, len(person))]
    cart = rng.random(len(person)) < 0.25
    _session(rng, parts, person, at, web[person], fav, cart, rng.random(len(person)) < 0.75)

    # reviews and NPS answers after completed orders of registered customers
    idx = np.nonzero(completed)[0]
    person = orders.customer[idx]
    review = rng.random(len(idx)) < 0.06
    review_at = orders.micros[idx] + rng.integers(2, 20, len(idx)) * MICROS_PER_DAY
    ok = review & (review_at < end)
    stars = 1 + np.searchsorted(np.cumsum([0.08, 0.07, 0.1, 0.25]), rng.random(ok.sum()) * 1.0, side="right")
    order_ids = orders.table["order_id"].combine_chunks()
    props = join(
        '{"rating": ',
        pc.cast(pa.array(stars), pa.string()),
        ', "order_id": "',
        order_ids.take(pa.array(idx[ok])),
        '"}',
    )
    parts.add(person[ok], T["review"], review_at[ok], 2, properties=props)

    surveyed = np.nonzero(orders.customer >= 0)[0]
    asked = rng.random(len(surveyed)) < np.where(orders.status[surveyed] == 2, 0.3, 0.1)
    surveyed = surveyed[asked]
    answer_at = orders.micros[surveyed] + rng.integers(1, 10, len(surveyed)) * MICROS_PER_DAY
    keep = answer_at < end
    surveyed, answer_at = surveyed[keep], answer_at[keep]
    person = orders.customer[surveyed]
    mean = np.where(orders.status[surveyed] == 2, 4.0, 6.2 + 3.3 * engagement[person])
    score = np.clip(np.round(rng.normal(mean, 1.8)), 0, 10).astype(np.int64)
    props = join('{"survey": "nps", "order_id": "', order_ids.take(pa.array(surveyed)), '"}')
    parts.add(person, T["survey_answer"], answer_at, 0, nps=score, properties=props)
    return _assemble(parts, record_of, customer_id, end, first_serial), unsubscribed


def _assemble(parts: _Parts, record_of, customer_id, end, first_serial) -> pa.Table:
    person = np.concatenate(parts.person)
    kind = np.concatenate(parts.kind)
    micros = np.concatenate(parts.micros) // 1_000_000 * 1_000_000
    order = np.lexsort((kind, person, micros))
    order = order[micros[order] < end]  # responses that would come after the window are not seen yet
    nps = np.concatenate(parts.nps)[order]
    m = len(order)
    take = pa.array(order)
    return pa.table(
        {
            "event_id": ids("EV-", first_serial + 1 + np.arange(m), 9),
            "customer_id": customer_id.take(pa.array(record_of[person[order]])),
            "event_type": strings(EVENT_TYPES, kind[order]),
            "occurred_at": timestamps(micros[order]),
            "campaign_id": pa.concat_arrays(parts.campaign).take(take),
            "channel": strings(EVENT_CHANNELS, np.concatenate(parts.channel)[order]),
            "nps_score": pa.array(np.where(nps < 0, 0, nps).astype(np.int16), mask=nps < 0),
            "properties": pa.concat_arrays(parts.properties).take(take),
            "imported_at": timestamps(np.full(m, end)),
        }
    )
