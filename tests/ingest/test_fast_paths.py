"""The import's shortcuts give exactly what the plain expressions give, on hostile text.

`normalise.strip`, `parse_amount` and `parse_timestamp` skip work for the common case (nothing to trim, a
plain number, the first date format); each is compared here, in DuckDB, with the expression it stands in
for: ibis's own strip, the clean-up-then-cast of every amount (`full_amount`), and DuckDB's try_strptime
over the whole list of formats.
"""

from __future__ import annotations

import string

import ibis
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segmint.ingest import normalise

WHITESPACE = string.whitespace + "\u00a0\u2003\x01"
AMOUNT_ALPHABET = "0123456789,.-+ '₴$€eE_x" + "\u00a0\u202f"
DATE_ALPHABET = "0123456789.-/: T"


@pytest.fixture(scope="module")
def con():
    backend = ibis.duckdb.connect()
    yield backend
    backend.disconnect()


def evaluate(con, values: list[str], build) -> tuple[list, list]:
    """(fast, reference) for every value, computed in one query."""
    table = ibis.memtable({"i": list(range(len(values))), "t": values}, schema={"i": "int64", "t": "string"})
    fast, reference = build(table.t)
    frame = con.to_pyarrow(table.select("i", fast=fast, reference=reference).order_by("i"))
    return frame["fast"].to_pylist(), frame["reference"].to_pylist()


def texts(alphabet: str, max_size: int = 24):
    return st.lists(st.text(alphabet=alphabet, max_size=max_size), min_size=1, max_size=80)


@settings(max_examples=60, deadline=None)
@given(texts(string.ascii_letters + "йї'" + WHITESPACE))
def test_strip_is_ibis_strip(con, values):
    fast, reference = evaluate(con, values, lambda t: (normalise.strip(t), t.strip()))
    assert fast == reference


@settings(max_examples=60, deadline=None)
@given(texts(AMOUNT_ALPHABET) | st.lists(st.from_regex(r"-?[0-9 ]{1,9}([.,][0-9]{0,5})?", fullmatch=True)))
def test_amount_shortcut_matches_the_full_clean_up(con, values):
    for sql_type, currency in (("decimal(18, 4)", ibis.literal("UAH")), ("decimal(18, 3)", None)):
        fast, reference = evaluate(
            con,
            values,
            lambda t, sql_type=sql_type, currency=currency: (
                normalise.parse_amount(t.strip(), sql_type, currency),  # the importer parses trimmed text
                normalise.full_amount(t.strip(), sql_type, currency),
            ),
        )
        assert fast == reference


@settings(max_examples=60, deadline=None)
@given(
    texts(DATE_ALPHABET, 21)
    | st.lists(
        st.builds(
            lambda moment, fmt: moment.strftime(fmt),
            st.datetimes(),
            st.sampled_from(normalise.DAY_FIRST_FORMATS + normalise.MONTH_FIRST_FORMATS),
        ),
        min_size=1,
        max_size=80,
    )
)
def test_first_format_shortcut_matches_the_whole_list(con, values):
    every = ibis.literal(list(normalise.DAY_FIRST_FORMATS), type="array<string>")
    fast, reference = evaluate(
        con,
        values,
        # compared as DuckDB's text: a two-digit year can parse to year 0, which Python's datetime cannot hold
        lambda t: (
            normalise.parse_timestamp(t.strip(), None).cast("string"),
            normalise.try_strptime(t.strip(), every).cast("string"),
        ),
    )
    assert fast == reference


def test_shortcuts_on_known_values(con):
    values = ["1 234,56", "1234.5", "1,234.50", "1.234,5", "₴ 99", "12 грн", "1e3", "-5", "", "abc", "$5"]
    uah = ibis.literal("UAH")
    fast, reference = evaluate(
        con,
        values,
        lambda t: (normalise.parse_amount(t, currency=uah), normalise.full_amount(t, currency=uah)),
    )
    assert fast == reference
    assert [None if v is None else float(v) for v in fast] == [
        *(1234.56, 1234.5, 1234.5, 1234.5, 99, 12, 1000, -5, None, None, None)
    ]
