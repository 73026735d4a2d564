"""A rule compiled alone (its own frame, so the frame's row filters apply) checked against the oracle, and
the measures its frame groups by source: shared by the tests of the frame's filters."""

from __future__ import annotations

import datetime as dt

from segmint.rules import CompileContext, compile_rule
from segmint.rules.compile import _Compiler, as_rule
from segmint.rules.frame import Frame

from .oracle import Oracle


def measures_by_source(text: str, ctx: CompileContext) -> dict[str, list]:
    """source -> [(alias, measure, filters, window)] of the rule's frame, as Frame.build groups them."""
    frame = Frame(ctx)
    _Compiler(frame, as_rule(text)).compile()  # the rule asks the frame for its measures
    by_source: dict[str, list] = {}
    for (measure, filters, window), alias in frame.measures.items():
        by_source.setdefault(measure.source, []).append((alias, measure, filters, window))
    return by_source


def assert_agrees_alone(shop_rows, shop_ctx: CompileContext, text: str, expected, day: dt.date) -> None:
    ctx = CompileContext(**{**shop_ctx.__dict__, "today": day})
    ours = set(compile_rule(text, ctx).members().to_pandas()["customer_id"])
    oracle = Oracle(shop_rows, day)
    theirs = oracle.ids(expected(oracle))
    assert ours == theirs, (
        f"rule: {text}\nonly segmint: {sorted(ours - theirs)}\nonly oracle: {sorted(theirs - ours)}"
    )
