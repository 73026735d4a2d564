"""attribute("Kidhome"): a custom attribute the import kept in customers.custom, typed by what it is compared
with. The corpus (corpus.py) checks its meaning against the pandas oracle and, in tests/parity, on Spark; here
the checker's errors, the compiled SQL, the JSON form and the builder."""

from __future__ import annotations

import ibis
import pytest

from segmint.errors import RuleError
from segmint.rules import ast, compile_rule, from_json, parse_rule, render, to_json
from segmint.rules.attribute import json_pointer
from segmint.web.builder import catalogue
from segmint.web.builder.draft import to_text
from segmint.web.builder.from_ast import draft_of

from .shop import HOSTILE


@pytest.mark.parametrize(
    "text",
    [
        'attribute("Kidhome") > 0',
        'attribute("Kidhome") > 0 or attribute("Teenhome") > 0',
        'attribute("Education") = "PhD"',
        'attribute("Education") in ("PhD", "Master")',
        'attribute("Education") not contains "h"',
        'attribute("Education") starts with "Ph"',
        'attribute("Dt_Customer") > 2014-01-01',
        'attribute("Dt_Customer") between 2013-01-01 and today - 1y',
        'attribute("MntWines") not between 500 and 1000',
        'attribute("x") is null',
        'attribute("x") is not null',
        'age < attribute("Kidhome")',
        'signup_date > attribute("Dt_Customer")',
        'attribute("Acc.No") = "A-1"',
        f'attribute("{HOSTILE}") = "1"',
    ],
)
def test_an_attribute_rule_is_checked_rendered_and_read_back_from_json(text):
    rule = parse_rule(text)
    assert parse_rule(render(rule)) == rule
    assert from_json(to_json(rule)) == rule
    assert to_json(parse_rule('attribute("Kidhome") > 0')) == {
        "op": ">",
        "left": {"call": "attribute", "args": ["Kidhome"]},
        "right": 0,
    }


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ('attribute("Kidhome")', "attribute.alone", 1),  # alone: compare it
        ('city = "Київ" and not attribute("Kidhome")', "attribute.alone", 23),
        ('attribute("Kidhome") = true', "attribute.type", 1),
        ('attribute("a") = attribute("b")', "attribute.type", 1),
        ('age > 1 and attribute("a") in (true)', "attribute.type", 13),
        ('attribute("Kidhome") = tags', "attribute.type", 1),
        ('attribute("") > 0', "attribute.key", 11),
        ('attribute(" Kidhome") > 0', "attribute.key.spaces", 11),
        ('attribute("it\'s.x") > 0', "attribute.key.path", 11),
        ('attribute("*") > 0', "attribute.key.path", 11),
        ("attribute > 0", "name.needs_value", 1),
        ("attribute(1) > 0", "call.value_in_quotes", 11),
        ('attribute("a", "b") > 0', "call.one_value", 1),
        ('attribute("a") > "x"', "compare.order", 18),
        ('attribute("a") between "a" and "b"', "between.type", 1),
        ('attribute("a") contains 5', "compare.types", 25),
        ('attribute("a") > 30d', "compare.duration", 18),
        ('attribute("a") > 2024-02-30', "value.impossible_date", 18),
    ],
)
def test_a_wrong_attribute_rule_is_a_coded_error_at_its_place(text, code, column):
    with pytest.raises(RuleError) as caught:
        parse_rule(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == (code, 1, column), caught.value


def test_an_attribute_alone_says_to_compare_it():
    with pytest.raises(RuleError) as caught:
        parse_rule('attribute("Kidhome")')
    assert caught.value.message == (
        'attribute("Kidhome") alone says nothing: compare it, e.g. attribute("Kidhome") > 0 or '
        'attribute("Kidhome") = "yes"'
    )


def test_a_json_rules_attribute_error_names_its_path():
    with pytest.raises(RuleError) as caught:
        from_json({"op": "=", "left": {"call": "attribute", "args": ["Kidhome"]}, "right": True})
    assert caught.value.code == "attribute.type" and caught.value.params["path"] == "$"


@pytest.mark.parametrize(
    "key", [HOSTILE + "!", 'x") OR 1=1 --', "a.b", "$.x", "/p", 'q"k', "a~b", "x[0]", "Тип"]
)
def test_a_key_is_a_literal_not_sql_nor_a_path(shop_ctx, key):
    """The key reaches the engine as a quoted literal (a JSON pointer on DuckDB), so it is the key as
    written, not SQL nor a JSON path: no customer of the shop has these keys, so nobody matches (before,
    '$.a.b' would have looked for b inside a)."""
    text = render(ast.Compare(ast.Call("attribute", (ast.String(key),)), ">=", ast.Number(0)))
    compiled = compile_rule(text, shop_ctx)
    sql = ibis.to_sql(compiled.members())
    assert "'" + json_pointer(key).replace("'", "''") + "'" in sql  # one SQL literal, its quotes doubled
    assert compiled.members().count().execute() == 0


def test_the_hostile_key_of_the_shop_is_found_as_written(shop_ctx, shop_rows):
    """The shop's customers have a key that reads as SQL: it is one key like any other."""
    members = compile_rule(f'attribute("{HOSTILE}") = "1"', shop_ctx).members().to_pandas()
    assert len(members) > 10
    tables = set(shop_ctx.customers.get_backend().list_tables())
    assert "customers" in tables


def test_the_builder_keeps_an_attribute_condition_as_text_and_does_not_offer_it():
    text = 'attribute("Kidhome") > 0 and city = "Київ" or age < attribute("Kidhome")'
    draft = draft_of(parse_rule(text))
    written, problems = to_text(draft)
    assert problems == [] and parse_rule(written) == parse_rule(text)
    raw = [item.raw for group in draft.items for item in getattr(group, "items", [group]) if item.raw]
    assert raw == ['attribute("Kidhome") > 0', 'age < attribute("Kidhome")']
    assert all(item.name != "attribute" for _, items in catalogue.by_family() for item in items)
    assert catalogue.get("attribute") is None
