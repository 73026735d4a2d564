"""A word where a date goes, followed by `- 3d`: `signup_date > сьогодні - 3d` was a bare syntax error at
the '-' ("unexpected '-'; expected 'and', 'or', '(' ..."), while the word alone was told it is not a date;
the more common "today minus N days" form hid the real mistake (s34 rules finding 6). Now it gets the
error the word alone gets, at the word; Ukrainian and Russian words for today, yesterday and tomorrow
name the `today` form to write."""

from __future__ import annotations

import pytest

from segmint.errors import RuleError
from segmint.rules import parse_rule
from segmint.web.rule_errors import word

CASES = [
    ("сьогодні", "today"),
    ("сегодня", "today"),
    ("вчора", "today - 1d"),
    ("yesterday", "today - 1d"),
]


def refusal(rule: str) -> RuleError:
    with pytest.raises(RuleError) as refused:
        parse_rule(rule)
    return refused.value


@pytest.mark.parametrize(("date_word", "instead"), CASES)
@pytest.mark.parametrize("offset", [" - 3d", "+1w", " - 90д"])
def test_a_date_word_with_an_offset_gets_the_hint_the_word_alone_gets(date_word, instead, offset):
    alone = refusal(f"signup_date > {date_word}")
    shifted = refusal(f"signup_date > {date_word}{offset}")
    assert (shifted.code, shifted.params) == (alone.code, alone.params)
    assert shifted.code == "unknown_name.date_word" and shifted.params["instead"] == instead
    assert (shifted.line, shifted.column) == (alone.line, alone.column) == (1, 15)
    assert shifted.message == alone.message


def test_in_a_between_and_in_the_workspace_language():
    refused = refusal("signup_date between сьогодні - 30d and today")
    assert (refused.code, refused.column) == ("unknown_name.date_word", 21)
    assert "'сьогодні' — не дата; пишіть дати як 2024-01-31 або today" in word(refused, "uk")


def test_a_field_with_an_offset_is_still_a_syntax_error():
    """Date arithmetic on a field is not in the language: the sign stays the error there."""
    refused = refusal("signup_date > last_order_date - 3d")
    assert refused.code.startswith("syntax.") and refused.column == 31
