"""The filter catalogue and its generated documentation."""

from __future__ import annotations

import pytest

from segmint.errors import RuleError
from segmint.rules import FILTERS, compile_rules, parse_rule, render
from segmint.rules.docs import DOC_PATH, generate, main
from segmint.rules.fields import FAMILIES, Feature


def test_docs_filters_md_is_generated_from_the_catalogue():
    # if this fails, run: python -m segmint.rules.docs
    assert DOC_PATH.read_text(encoding="utf-8") == generate()
    assert main(["--check"]) == 0


def test_every_filter_is_documented_in_the_generated_page():
    page = generate()
    for item in FILTERS:
        assert f"`{item.name}" in page and item.example.replace("|", "\\|") in page


def test_at_least_40_filters_spanning_every_family():
    assert len(FILTERS) >= 40
    assert {item.family for item in FILTERS} == set(FAMILIES)
    assert all(item.description and item.example for item in FILTERS)


@pytest.mark.parametrize("item", FILTERS, ids=[item.name for item in FILTERS])
def test_every_example_is_a_valid_rule_using_its_filter(item):
    rule = parse_rule(item.example)
    assert item.name in render(rule)


def test_every_example_compiles_and_runs_on_a_real_workspace(shop_ctx):
    available = set(shop_ctx.features.columns)
    runnable = {
        f"rule {item.name}": item.example
        for item in FILTERS
        if not isinstance(item.how, Feature) or item.how.column in available
    }
    table = compile_rules(runnable, shop_ctx).to_pandas()
    assert len(table) > 100 and set(runnable) <= set(table.columns)
    assert table[list(runnable)].dtypes.map(lambda d: d.kind == "b").all()  # never null
    missing = [item for item in FILTERS if isinstance(item.how, Feature) and item.how.column not in available]
    assert missing
    for item in missing:
        with pytest.raises(
            RuleError,
            # the shop's features table lacks them: it is named (a bare backend without one: refresh)
            match=r"is not in the features table the rule reads|segmint clusters fit computes it",
        ):
            compile_rules({"x": item.example}, shop_ctx)
