"""normalise.email answers plain ASCII addresses without running email_validator on each (a minute of a
1M-customer import); it must give exactly email_validator's answer, refusals and their reasons included."""

from __future__ import annotations

import string

from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from segmint.ingest.normalise import email, validated_email
from segmint.quality.validation import email_problem

ATEXT = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-"
DOMAINS = [
    "gmail.com", "GMAIL.Com", "ukr.net", "i.ua", "mail.example.com", "example.com", "localhost",
    "example.test", "shop.local", "x.invalid", "mail.onion", "a.b.c.123", "1.2.3.4", "[127.0.0.1]",
    "xn--80ak6aa92e.com", "xn--d1acufc.xn--j1amh", "укр.нет", "a-.com", "-a.com", "a..com", ".com", "com",
    "a_b.com", "a.b-c.d-e.com", "x" * 63 + ".com", "x" * 64 + ".com", ".".join(["abcdefghi"] * 26) + ".com",
    ".".join(["abcdefghi"] * 20) + ".com",  # valid alone, too long after a long local part
    "arpa", "in-addr.arpa", "a.com.", "co.uk", "s.co",
]
LOCALS = [
    "olena", "Olena.Kovalenko", "o'brien", "a+tag", "a..b", ".a", "a.", '"quoted"', '"a b"', "олена", "a b",
    "x" * 64, "x" * 65, "", "a@b", "first.last-name_1", "{x}", "`~", "ÄÖ",
]


def labels(alphabet: str) -> st.SearchStrategy[str]:
    return st.lists(st.text(alphabet, min_size=0, max_size=70), min_size=1, max_size=5).map(".".join)


local_parts = st.one_of(st.sampled_from(LOCALS), labels(ATEXT), st.text(ATEXT + ' ."@\\йі', max_size=80))
domains = st.one_of(
    st.sampled_from(DOMAINS),
    labels(string.ascii_letters + string.digits + "-"),
    labels(string.ascii_lowercase + "-_й0"),
)
addresses = st.one_of(
    st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains),
    st.builds(lambda a, b: f" {a} ", st.sampled_from(LOCALS), st.sampled_from(DOMAINS)),
    st.text(ATEXT + "@. ", max_size=40),
)


@settings(max_examples=3000, deadline=None)
@given(addresses)
def test_the_fast_path_answers_as_email_validator(address):
    text = address.strip()
    expected = validated_email(text) if text else (None, None)
    assert email(address) == expected


def test_the_chosen_addresses_answer_as_email_validator():
    """Every listed local part at every listed domain (the edges: lengths, special-use domains, dots)."""
    for local in LOCALS:
        for domain in DOMAINS:
            address = f"{local}@{domain}"
            assert email(address) == validated_email(address), address


def test_plain_addresses_are_lower_cased_and_bad_ones_refused_with_the_reason():
    assert email("  Olena.Kovalenko@Gmail.COM ") == ("olena.kovalenko@gmail.com", None)
    value, reason = email("olena@localhost")
    assert value is None and reason.startswith("invalid e-mail:")
    value, reason = email("x" * 250 + "@gmail.com")
    assert value is None and "too long" in reason


def reference_problem(value: str) -> str | None:
    """The audit's check as it was: email_validator on every stored address."""
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


@settings(max_examples=3000, deadline=None)
@given(addresses)
def test_the_audit_answers_as_email_validator(address):
    """The audit's check of stored addresses takes the same fast path: same verdict, same reason."""
    assert email_problem.__wrapped__(address) == reference_problem(address)


def test_the_audit_answers_the_chosen_addresses_as_email_validator():
    for local in LOCALS:
        for domain in DOMAINS:
            for address in (f"{local}@{domain}", f" {local}@{domain}"):
                assert email_problem.__wrapped__(address) == reference_problem(address), address
