"""`between` with its dates in the wrong order is refused for every way of writing a date, as it was for
plain ones: "31.12.2024" and "01.01.2024" (a day-first date in quotes, docs/rules.md), the window
between = ("31.03.2025", "01.01.2025"), and `today` and `today - 30d`, whose order is known when the rule
is written. Before, those were accepted and made a segment that is always empty (s34 rules finding 3)."""

from __future__ import annotations

import pytest

from segmint.errors import RuleError
from segmint.rules import parse_rule

REFUSED = [
    ('signup_date between "31.12.2024" and "01.01.2024"', "between.date_order", 21, '"31.12.2024"'),
    ('signup_date between "2024-12-31" and 2024-01-01', "between.date_order", 21, '"2024-12-31"'),
    ("signup_date between today and today - 30d", "between.date_order", 21, "today"),
    ("signup_date between today - 3d and today - 1w", "between.date_order", 21, "today - 3d"),
    ("signup_date not between today - 1m and today - 1y", "between.date_order", 25, "today - 1m"),
    ('orders(between = ("31.03.2025", "01.01.2025")) >= 1', "call.between_order", 19, '"31.03.2025"'),
    ("orders(between = (today + 1d, today)) >= 1", "call.between_order", 19, "today + 1d"),
    ("signup_date between 2024-12-31 and 2024-01-01", "between.date_order", 21, "2024-12-31"),  # as before
]
ACCEPTED = [
    'signup_date between "01.01.2024" and "31.12.2024"',
    "signup_date between today - 30d and today",
    "signup_date between today - 2w and today - 13d",
    'orders(between = ("01.01.2025", "31.03.2025")) >= 1',
    # their order depends on the reference date's month (or on the date itself): not known when written
    "signup_date between today - 1m and today - 30d",
    "signup_date between 2024-06-01 and today - 30d",
]


@pytest.mark.parametrize(("rule", "code", "column", "low"), REFUSED)
def test_dates_in_the_wrong_order_are_refused_however_they_are_written(rule, code, column, low):
    with pytest.raises(RuleError) as refused:
        parse_rule(rule)
    assert refused.value.code == code
    assert (refused.value.line, refused.value.column) == (1, column)
    assert refused.value.params["low"] == low
    assert "the earlier date goes first" in str(refused.value)


@pytest.mark.parametrize("rule", ACCEPTED)
def test_dates_in_order_or_of_unknown_order_are_accepted(rule):
    parse_rule(rule)


def test_the_refusal_is_worded_in_the_workspace_language():
    from segmint.web.rule_errors import word

    with pytest.raises(RuleError) as refused:
        parse_rule('signup_date between "31.12.2024" and "01.01.2024"')
    assert 'between "31.12.2024" and "01.01.2024": спершу раніша дата' in word(refused.value, "uk")
