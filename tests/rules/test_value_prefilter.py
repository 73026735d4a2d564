"""A source whose measures all restrict one column (every bought(category = ...) its category, every
purchase its status) reads only the rows with one of those values: the frame filters the others out
before joining and grouping (frame._common_values). A customer left with no rows must still get what the
measures give over none: 0 for counts and sums, null for the rest. Compiled alone, so the filter applies,
each rule selects exactly the oracle's customers, on the reference date and as of an earlier one."""

from __future__ import annotations

import datetime as dt

import pytest

from segmint.rules import CompileContext
from segmint.rules.frame import _common_values

from .alone import assert_agrees_alone, measures_by_source
from .corpus import CORPUS, _lines
from .shop import TODAY

AS_OF = dt.date(2024, 3, 31)

NONE_LEFT = [  # rules true for customers whose rows the filter leaves out entirely
    ('bought(category = "Shoes") = 0 and bought(category = "Кава") = 0',
     lambda o: (o.n_orders(_lines(o, "Shoes")) == 0) & (o.n_orders(_lines(o, "Кава")) == 0)),
    ('spent_on(category = "Books") < 1', lambda o: o.total(_lines(o, "Books"), "amount") < 1),
    ('bought(category = "Shoes", within = 90d) = 0 or spent_on(category = "Кава") > 100',
     lambda o: (o.n_orders(_lines(o, "Shoes", since=o.days(90))) == 0)
     | (o.total(_lines(o, "Кава"), "amount") > 100)),
    ("discounted_orders(within = 6m) = 0 and returns(within = 1y) = 0",
     lambda o: (o.count(o.purchases(o.months(6))[lambda p: p.discount > 0]) == 0)
     & (o.count(o.all_orders[(o.all_orders.status == "returned") & (o.all_orders.day >= o.months(12))])
        == 0)),
]  # fmt: skip


def filtered_columns(text: str, ctx: CompileContext) -> set[str]:
    """The columns some source of the rule's frame is filtered on before its GROUP BY."""
    by_source = measures_by_source(text, ctx)
    return {column for wanted in by_source.values() for column, _ in _common_values(wanted)}


def test_rules_take_the_filtered_path(shop_ctx):
    """Guards the test below: it must go through the filtered path, on categories and statuses too (the
    corpus's rules compiled alone are checked in test_oracle.py)."""
    columns = [filtered_columns(text, shop_ctx) for text, _ in CORPUS + NONE_LEFT]
    assert sum(bool(found) for found in columns) >= 15
    assert sum("category" in found for found in columns) >= 5
    assert all("category" in filtered_columns(text, shop_ctx) for text, _ in NONE_LEFT[:3])


@pytest.mark.parametrize("day", [TODAY, AS_OF], ids=str)
@pytest.mark.parametrize("text,expected", NONE_LEFT, ids=[text[:60] for text, _ in NONE_LEFT])
def test_a_rule_alone_agrees_with_the_oracle_when_rows_are_filtered_by_value(
    shop_rows, shop_ctx, text, expected, day
):
    assert_agrees_alone(shop_rows, shop_ctx, text, expected, day)


def everyone(o):
    return o.count(o.e) >= 0


CONTRADICTED = [  # a filter that no row of its function can pass: its own event type is another one
    ('not opened_email(type = "sms_click")', everyone),
    ('opened_email(type = "sms_click") = 0 and nps_avg(type = "email_open") is null', everyone),
    ('opened_email(type = ("sms_click", "Email Open")) = opened_email()', everyone),
    ('opened_email(type = "sms_click", within = 90d) = 0 and clicked_sms(within = 90d) >= 1',
     lambda o: o.count(o.events("sms_click", o.days(90))) >= 1),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", CONTRADICTED, ids=[text[:60] for text, _ in CONTRADICTED])
def test_a_filter_contradicting_its_functions_type_counts_nothing(shop_rows, shop_ctx, text, expected):
    """findings-rules 1: `opened_email(type = "sms_click")` left the frame's value filter with no value
    for event_type, and combining none raised IndexError (a traceback from the CLI, a 500 from the API's
    preview while validate said OK). No event is both an email open and an SMS click: it counts 0, as a
    time window no day is in does."""
    assert_agrees_alone(shop_rows, shop_ctx, text, expected, TODAY)
