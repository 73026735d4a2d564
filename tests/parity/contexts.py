"""The dates and compile contexts the parity cases use, the same on either backend."""

from __future__ import annotations

import datetime as dt

from rules.shop import TODAY
from segmint.rules import CompileContext

AS_OF = dt.date(2024, 3, 31)
DATES = [TODAY, AS_OF]
COUNTRY = "UA"  # the workspace's default_country: a phone in a rule without its +code is read in it


def context(con, day: dt.date | None, **options) -> CompileContext:
    """The rule tests' context (their two segments for in_segment, the workspace's default country) on
    either backend."""
    customers = con.table("customers")
    segments = {
        "VIP": customers.filter(customers.tags.contains("vip").fill_null(False)).select("customer_id"),
        "Київ": customers.filter(customers.city == "Київ").select("customer_id"),
    }
    options.setdefault("default_country", COUNTRY)
    return CompileContext.from_backend(con, today=day, segments=segments.get, **options)
