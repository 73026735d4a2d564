"""compile_values: a field's value computed exactly as a rule computes it (the clustering's features read
it). Whatever value it gives, a rule comparing the field with a threshold must select exactly the
customers whose value passes it."""

from __future__ import annotations

import pytest

from segmint.rules import compile_rule, compile_values

FIELDS = {
    "spent": "total_spent",
    "orders": "orders(within = 365d)",
    "books": 'spent_on(category = "Books")',
    "opens": "opened_email(within = 90d)",
}


def members(rule: str, ctx) -> set[str]:
    return set(compile_rule(rule, ctx).members().to_pyarrow()["customer_id"].to_pylist())


@pytest.mark.parametrize("name", list(FIELDS))
def test_a_value_passes_a_threshold_exactly_when_the_rule_on_it_selects_the_customer(shop_ctx, name):
    values = compile_values(FIELDS, shop_ctx).to_pyarrow().to_pylist()
    assert len({row["customer_id"] for row in values}) == len(values) > 0
    present = sorted({float(row[name]) for row in values if row[name] is not None})
    assert len(present) >= 2, f"{name}: one value for everyone tests nothing"
    threshold = present[len(present) // 2]
    passing = {row["customer_id"] for row in values if row[name] is not None and row[name] > threshold}
    assert passing == members(f"{FIELDS[name]} > {threshold}", shop_ctx)
    missing = {row["customer_id"] for row in values if row[name] is None}
    assert missing == members(f"{FIELDS[name]} is null", shop_ctx)


def test_customer_id_cannot_name_a_value(shop_ctx):
    with pytest.raises(ValueError, match="customer_id"):
        compile_values({"customer_id": "total_spent"}, shop_ctx)
