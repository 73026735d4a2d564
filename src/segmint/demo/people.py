"""Customers of the demo shop: who they are, where they live, how they were acquired.

One call draws a block of customers with NumPy; strings are assembled with Arrow compute, never per row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from anyascii import anyascii

from segmint.demo import catalog as cat
from segmint.demo.columns import dates, join, string_lists, strings, weighted_choice

CATEGORY_KEYS = [c[0] for c in cat.CATEGORIES]
INTEREST_KEYS = list(cat.INTERESTS)
_RUSSIAN_LEANING = {"Харків", "Одеса", "Дніпро", "Запоріжжя", "Миколаїв", "Херсон", "Кривий Ріг"}


@dataclass
class People:
    """A block of distinct people (before near-duplicate records are added)."""

    n: int
    city: np.ndarray  # index into catalog.CITIES
    gender: np.ndarray  # 'f', 'm', 'other'
    first: np.ndarray  # object arrays of names as written in the record
    last: np.ndarray
    first_alt: np.ndarray  # the same names in the other script (Latin <-> Cyrillic), for near-duplicates
    last_alt: np.ndarray
    email_local: np.ndarray
    email: np.ndarray  # object, None when unknown
    phone: np.ndarray  # object, None when unknown
    signup_day: np.ndarray  # days since epoch
    birth_day: np.ndarray  # days since epoch, -1 when unknown
    device: np.ndarray  # index into catalog.DEVICES
    acquisition: np.ndarray  # index into catalog.ACQUISITION
    favourites: np.ndarray  # (n, 3) category indices a customer leans to
    online_share: np.ndarray  # probability that an order is placed online
    columns: dict[str, pa.Array]  # the remaining canonical columns


def _names(rng: np.random.Generator, n: int, gender: np.ndarray, city: np.ndarray):
    """First and last names: Ukrainian (mostly Cyrillic) at home, a mix of Ukrainian and local abroad."""
    country = np.array([c[2] for c in cat.CITIES], dtype=object)[city]
    foreign = country != "UA"
    female = gender == "f"
    female = np.where(gender == "other", rng.random(n) < 0.5, female)
    f_cyr, f_lat = (np.array(x, dtype=object) for x in zip(*cat.FEMALE_NAMES, strict=True))
    m_cyr, m_lat = (np.array(x, dtype=object) for x in zip(*cat.MALE_NAMES, strict=True))
    s_m, s_f, s_m_lat, s_f_lat = (np.array(x, dtype=object) for x in zip(*cat.SURNAMES, strict=True))
    fi = rng.integers(0, len(f_cyr), n)
    mi = rng.integers(0, len(m_cyr), n)
    si = rng.integers(0, len(s_m), n)
    first_cyr = np.where(female, f_cyr[fi], m_cyr[mi])
    first_lat = np.where(female, f_lat[fi], m_lat[mi])
    last_cyr = np.where(female, s_f[si], s_m[si])
    last_lat = np.where(female, s_f_lat[si], s_m_lat[si])
    # who writes their name in Latin letters: a few at home, half of the Ukrainians abroad
    latin = np.where(foreign, rng.random(n) < 0.5, rng.random(n) < 0.05)
    first = np.where(latin, first_lat, first_cyr)
    last = np.where(latin, last_lat, last_cyr)
    first_alt = np.where(latin, first_cyr, first_lat)
    last_alt = np.where(latin, last_cyr, last_lat)
    # locals abroad: names of the country, Latin only
    local = foreign & (rng.random(n) < 0.4)
    for code, (f_names, m_names, surnames) in cat.FOREIGN_NAMES.items():
        rows = np.nonzero(local & (country == code))[0]
        if not len(rows):
            continue
        fn = np.array(f_names, dtype=object)[rng.integers(0, len(f_names), len(rows))]
        mn = np.array(m_names, dtype=object)[rng.integers(0, len(m_names), len(rows))]
        first[rows] = np.where(female[rows], fn, mn)
        last[rows] = np.array(surnames, dtype=object)[rng.integers(0, len(surnames), len(rows))]
        first_alt[rows] = first[rows]
        last_alt[rows] = last[rows]
    latin_first = np.where(latin | local, first, first_alt)
    latin_last = np.where(latin | local, last, last_alt)
    return first, last, first_alt, last_alt, latin_first, latin_last, foreign, country, local


def _ascii_lower(values: np.ndarray) -> np.ndarray:
    """Lower-case ASCII spelling, computed once per distinct name (there are only a few hundred)."""
    uniq, inverse = np.unique(values.astype(str), return_inverse=True)
    table = np.array([anyascii(v).lower().replace(" ", "").replace("'", "") for v in uniq], dtype=object)
    return table[inverse]


def _phones(
    rng: np.random.Generator, serial: np.ndarray, country: np.ndarray, foreign: np.ndarray
) -> np.ndarray:
    """E.164 mobile numbers, unique per person: the subscriber digits are a bijection of the serial number."""
    n = len(serial)
    # Ukrainians abroad often keep their +380 number
    plan_country = np.where(foreign & (rng.random(n) < 0.7), country, "UA")
    out = np.empty(n, dtype=object)
    for code, (calling, prefixes, digits) in cat.PHONE_PLANS.items():
        rows = np.nonzero(plan_country == code)[0]
        if not len(rows):
            continue
        span = 8 * 10 ** (digits - 1)  # subscriber numbers start with 2..9
        subscriber = 2 * 10 ** (digits - 1) + (serial[rows] * 7919 + 104_729) % span
        prefix = np.array(prefixes, dtype=object)[rng.integers(0, len(prefixes), len(rows))]
        number = join(
            "+" + calling, pa.array(prefix, pa.string()), pc.cast(pa.array(subscriber), pa.string())
        )
        out[rows] = np.array(number.to_pylist(), dtype=object)
    return out


def draw_people(rng: np.random.Generator, serial: np.ndarray, first_day: int, last_day: int) -> People:
    """Draw `len(serial)` distinct people; `serial` numbers make their emails and phones unique."""
    n = len(serial)
    city = weighted_choice(rng, [c[3] for c in cat.CITIES], n)
    gender = np.array(["f", "m", "other"], dtype=object)[weighted_choice(rng, [52, 47.6, 0.4], n)]
    first, last, first_alt, last_alt, lat_first, lat_last, foreign, country, local = _names(
        rng, n, gender, city
    )

    # contact details
    lf, ll = _ascii_lower(lat_first), _ascii_lower(lat_last)
    number = pc.cast(pa.array(serial), pa.string())
    pattern = rng.integers(0, 3, n)
    local_parts = [
        join(pa.array(lf), ".", pa.array(ll), number),
        join(pa.array(lf), number),
        join(pa.array(ll), "_", number),
    ]
    email_local = np.array(pc.choose(pa.array(pattern), *local_parts).to_pylist(), dtype=object)
    domains = np.where(
        foreign,
        np.array(cat.EMAIL_DOMAINS_INTL, dtype=object)[rng.integers(0, 7, n)],
        np.array(cat.EMAIL_DOMAINS_UA, dtype=object)[rng.integers(0, 8, n)],
    )
    email = email_local + "@" + domains
    email[rng.random(n) < 0.07] = None
    phone = _phones(rng, serial, country, foreign)
    phone[rng.random(n) < 0.09] = None

    # demographics
    age = np.minimum(18 + np.abs(rng.normal(20, 13, n)), 85)  # adults, most of them 25-50
    birth_day = (last_day - age * 365.25).astype(np.int64)
    birth_day[rng.random(n) < 0.22] = -1
    occupation = weighted_choice(rng, [w for _, w in cat.OCCUPATIONS], n)
    keys = [k for k, _ in cat.OCCUPATIONS]
    occupation[(age < 23) & (rng.random(n) < 0.6)] = keys.index("student")
    occupation[(age > 62) & (rng.random(n) < 0.7)] = keys.index("retired")
    income = weighted_choice(rng, [w for _, w in cat.INCOME_BANDS], n)
    marital = weighted_choice(rng, [w for _, w in cat.MARITAL], n)
    marital[(age < 24) & (rng.random(n) < 0.8)] = 0  # single
    education = weighted_choice(rng, [w for _, w in cat.EDUCATION], n)
    city_names = np.array([c[0] for c in cat.CITIES], dtype=object)
    russian = np.isin(city_names[city], list(_RUSSIAN_LEANING))
    language = np.where(
        foreign,
        np.where(rng.random(n) < 0.45, "en", np.where(rng.random(n) < 0.85, "uk", "ru")),
        np.where(rng.random(n) < np.where(russian, 0.28, 0.07), "ru", "uk"),
    )
    language = np.where(local, "en", language)

    # psychographics: interests pull a customer towards categories
    interest_weights = np.array([1.0, 1.2, 1.1, 0.9, 1.0, 0.8, 0.7, 0.6, 0.5, 0.9, 0.5, 0.7])
    scores = rng.random((n, len(INTEREST_KEYS))) ** (1.0 / interest_weights)
    k = rng.integers(1, 4, n)
    ranks = np.argsort(-scores, axis=1)
    interests = np.zeros_like(scores, dtype=bool)
    for j in range(3):
        interests[np.arange(n)[k > j], ranks[k > j, j]] = True
    values = rng.random((n, len(cat.VALUES))) < 0.18
    values[np.arange(n), rng.integers(0, len(cat.VALUES), n)] = True
    favourite_of_interest = np.array([CATEGORY_KEYS.index(cat.INTERESTS[i][0]) for i in INTEREST_KEYS])
    popularity = [c[3] for c in cat.CATEGORIES]
    favourites = np.stack(
        [
            favourite_of_interest[ranks[:, 0]],
            np.where(k > 1, favourite_of_interest[ranks[:, 1]], weighted_choice(rng, popularity, n)),
            weighted_choice(rng, popularity, n),
        ],
        axis=1,
    )

    # technographics and acquisition
    device = weighted_choice(rng, [d[2] for d in cat.DEVICES], n)
    acquisition = weighted_choice(rng, [a[2] for a in cat.ACQUISITION], n)
    has_store = np.isin(city_names[city], list(cat.STORES))
    acquisition[(~has_store) & (acquisition == len(cat.ACQUISITION) - 2)] = (
        0  # no store nearby: came via Google
    )
    from_store = acquisition == len(cat.ACQUISITION) - 2
    online_share = np.where(~has_store, 0.93, np.where(from_store, 0.25, 0.62))
    online_share = np.where(foreign, 0.99, online_share)

    # signup: the shop grows, so later days see more signups (density rising 1 -> 2 over the window)
    u = rng.random(n)
    frac = (-1 + np.sqrt(1 + 3 * u)) / 1.0  # inverse CDF of density (1 + x) / 1.5 on [0, 1]
    signup_day = first_day + (frac * (last_day - first_day)).astype(np.int64)

    consent_email = (rng.random(n) < 0.72) & np.not_equal(email, None)
    consent_sms = (rng.random(n) < 0.48) & np.not_equal(phone, None)
    tags = rng.random((n, len(cat.TAGS))) < np.array([0.0, 0.25, 0.02, 0.03, 0.04, 0.01, 0.01])
    tags[:, 0] = (
        rng.random(n) < np.where(from_store, 0.8, 0.15)
    ) & ~foreign  # loyalty cards are handed out in store
    status = weighted_choice(rng, [w for _, w in cat.CUSTOMER_STATUSES], n)
    card = pc.cast(pa.array(2_900_000_000_000 + serial * 13 % 99_999_999_999), pa.string())
    custom = pc.if_else(
        pa.array(tags[:, 0]), join('{"loyalty_card": "', card, '"}'), pa.nulls(n, pa.string())
    )

    columns = {
        "gender": pa.array(gender, pa.string()),
        "birth_date": dates(np.maximum(birth_day, 0), birth_day < 0),
        "city": strings(city_names, city),
        "region": strings([c[1] for c in cat.CITIES], city),
        "country": pa.array(country, pa.string()),
        "language": pa.array(language, pa.string()),
        "income_band": strings([b for b, _ in cat.INCOME_BANDS], income, rng.random(n) < 0.35),
        "occupation": strings(keys, occupation, rng.random(n) < 0.3),
        "marital_status": strings([m for m, _ in cat.MARITAL], marital, rng.random(n) < 0.4),
        "education": strings([e for e, _ in cat.EDUCATION], education, rng.random(n) < 0.45),
        "acquisition_source": strings([a[0] for a in cat.ACQUISITION], acquisition),
        "acquisition_channel": strings([a[1] for a in cat.ACQUISITION], acquisition),
        "device": strings([d[0] for d in cat.DEVICES], device),
        "os": strings([d[1] for d in cat.DEVICES], device),
        "interests": string_lists(INTEREST_KEYS, interests),
        "values": string_lists(cat.VALUES, values),
        "consent_email": pa.array(consent_email),
        "consent_sms": pa.array(consent_sms),
        "tags": string_lists(cat.TAGS, tags),
        "status": strings([s for s, _ in cat.CUSTOMER_STATUSES], status),
        "custom": custom,
        "source": strings([a[3] for a in cat.ACQUISITION], acquisition),
    }
    return People(
        n,
        city,
        gender,
        first,
        last,
        first_alt,
        last_alt,
        email_local,
        email,
        phone,
        signup_day,
        birth_day,
        device,
        acquisition,
        favourites,
        online_share,
        columns,
    )
