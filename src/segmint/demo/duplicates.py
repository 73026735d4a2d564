"""Near-duplicate customer records: the same person entered a second time, a little differently.

Real CRMs collect these when a customer registers online after getting a loyalty card in a store. The
demo records which record duplicates which (and how), so the audit and dedupe can be scored against it.
"""

from __future__ import annotations

import numpy as np

from segmint.demo import catalog as cat

VARIATIONS = ["transliterated", "email_variant", "typo", "swapped_names", "new_contacts"]


def _typo(names: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Drop or swap one letter. A Python loop, but only over the ~1.5% of records that are duplicates."""
    out = names.copy()
    where = rng.random(len(names))
    action = rng.random(len(names)) < 0.5
    for i, name in enumerate(names):
        if not isinstance(name, str) or len(name) < 4:
            continue
        k = 1 + int(where[i] * (len(name) - 2))
        out[i] = (
            name[:k] + name[k + 1 :] if action[i] else name[: k - 1] + name[k] + name[k - 1] + name[k + 1 :]
        )
    return out


def vary(rng: np.random.Generator, first, last, first_alt, last_alt, email_local, email, phone, birth_year):
    """Names, email and phone of the duplicate records, and which variation each one is."""
    n = len(first)
    variation = rng.integers(0, len(VARIATIONS), n)
    new_first, new_last = first.copy(), last.copy()
    new_email, new_phone = email.copy(), phone.copy()

    v = variation == 0  # the name in the other script (Олександр Петренко <-> Oleksandr Petrenko)
    new_first[v], new_last[v] = first_alt[v], last_alt[v]
    new_phone[v & (rng.random(n) < 0.4)] = None

    v = variation == 1  # another mailbox with the same local part
    domains = np.array([*cat.EMAIL_DOMAINS_UA[:4], "yahoo.com"], dtype=object)
    other = domains[rng.integers(0, len(domains), n)]
    has_email = np.not_equal(email, None)
    candidate = email_local + "@" + other
    candidate = np.where(candidate == email, email_local + "@yahoo.com", candidate)
    new_email[v & has_email] = candidate[v & has_email]

    v = variation == 2  # a typo in the surname, typed at a till without an email
    new_last[v] = _typo(last[v], rng)
    new_email[v] = None

    v = variation == 3  # surname first, as on Ukrainian forms
    new_first[v], new_last[v] = last[v], first[v]

    v = variation == 4  # same person, same city and birth date, new email, no phone
    year = np.where(birth_year > 0, birth_year, 2000).astype(str).astype(object)
    new_email[v] = (email_local + "." + year + "@gmail.com")[v]
    new_phone[v] = None
    return new_first, new_last, new_email, new_phone, np.array(VARIATIONS, dtype=object)[variation]
