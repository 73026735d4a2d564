"""Is a stored e-mail or phone number still valid? (The import refuses bad ones; data written by other
means, or by an older segmint, may still hold some.) Uses email-validator and phonenumbers. A problem is a
Reason (ingest/reasons.py): the English text with a stable code (audit.*) and the params it quotes."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from segmint.ingest.normalise import plain_address, split_e164
from segmint.ingest.reasons import Reason


@lru_cache(maxsize=100_000)
def email_problem(value: str) -> Reason | None:
    """None if the address is syntactically valid, else the reason (no DNS look-ups). A plain ASCII
    address is answered without email_validator, as the import does (normalise.plain_address): 48 -> ~3
    us an address, most of an audit's time on a 200k-customer workspace."""
    if plain_address(value):
        return None
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return Reason(str(exc), "audit.email", detail=str(exc))
    return None


@lru_cache(maxsize=100_000)
def phone_problem(value: str, default_country: str = "UA") -> Reason | None:
    """None if the number is a valid phone number (E.164 expected; local forms read in default_country).

    Stored phones are E.164, which split_e164 reads without phonenumbers.parse (see normalise.phone)."""
    number = split_e164(value)
    if number is None:
        try:
            number = phonenumbers.parse(value, None if value.startswith("+") else default_country)
        except phonenumbers.NumberParseException as exc:
            return Reason(f"not a phone number: {exc}", "audit.phone_unreadable", detail=str(exc))
    if not phonenumbers.is_valid_number(number):
        return Reason("not a valid number for its country", "audit.phone_invalid")
    if value != phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164):
        return Reason("not in E.164 form", "audit.phone_not_e164")
    return None
