"""A rule whose measures all have a time window reads only the rows inside the earliest window (the frame
filters the rest out before joining and grouping). Compiled alone, so that filter applies, every corpus
rule still selects exactly the oracle's customers, on the reference date and as of an earlier date."""

from __future__ import annotations

import datetime as dt

import pytest

from segmint.rules import CompileContext
from segmint.rules.frame import _window_start

from .alone import assert_agrees_alone, measures_by_source
from .corpus import CORPUS
from .shop import TODAY

AS_OF = dt.date(2024, 3, 31)


def prefiltered(text: str, ctx: CompileContext) -> bool:
    """Whether some source of the rule's frame is read from a window start on."""
    by_source = measures_by_source(text, ctx)
    return any(_window_start(wanted) is not None for wanted in by_source.values())


WINDOWED = [(text, expected) for text, expected in CORPUS if "within" in text]


def test_the_corpus_has_rules_whose_measures_all_have_windows(shop_ctx):
    """Guards the test below: it must go through the filtered path, not only around it."""
    assert sum(prefiltered(text, shop_ctx) for text, _ in WINDOWED) >= 15


@pytest.mark.parametrize("day", [TODAY, AS_OF], ids=str)
@pytest.mark.parametrize("text,expected", WINDOWED, ids=[text[:60] for text, _ in WINDOWED])
def test_a_windowed_rule_alone_agrees_with_the_oracle(shop_rows, shop_ctx, text, expected, day):
    assert_agrees_alone(shop_rows, shop_ctx, text, expected, day)
