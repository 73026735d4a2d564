"""Is a stored e-mail or phone number still valid? (The import refuses bad ones; data written by other
means, or by an older segmint, may still hold some.) Uses email-validator and phonenumbers."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from segmint.ingest.normalise import plain_address, split_e164


@lru_cache(maxsize=100_000)
def email_problem(value: str) -> str | None:
    """None if the address is syntactically valid, else the reason (no DNS look-ups). A plain ASCII
    address is answered without email_validator, as the import does (normalise.plain_address): 48 -> ~3
    us an address, most of an audit's time on a 200k-customer workspace."""
    if plain_address(value):
        return None
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


@lru_cache(maxsize=100_000)
def phone_problem(value: str, default_country: str = "UA") -> str | None:
    """None if the number is a valid phone number (E.164 expected; local forms read in default_country).

    Stored phones are E.164, which split_e164 reads without phonenumbers.parse (see normalise.phone)."""
    number = split_e164(value)
    if number is None:
        try:
            number = phonenumbers.parse(value, None if value.startswith("+") else default_country)
        except phonenumbers.NumberParseException as exc:
            return f"not a phone number: {exc}"
    if not phonenumbers.is_valid_number(number):
        return "not a valid number for its country"
    if value != phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164):
        return "not in E.164 form"
    return None
