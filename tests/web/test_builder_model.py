"""The builder's draft tree against the rule language: every example of the filter catalogue goes text ->
form -> text unchanged in meaning, and the form's values become the literals the language expects."""

from __future__ import annotations

import pytest

from segmint.rules import FILTERS, parse_rule, render
from segmint.web.builder.draft import Cond, Group, Problem, apply, from_form, literal, to_text
from segmint.web.builder.from_ast import draft_of

EXAMPLES = [item.example for item in FILTERS] + [
    'orders_count >= 1 and (city = "Київ" or city = "Львів") '
    'and bought(category = "Shoes", within = 90d) >= 2',
    'not (city = "Київ" or gender = "f") and has_tag("vip")',
    "spent(between = (2024-01-01, 2024-03-31)) > 0 or last_order(after = today - 1y) is null",
    'total_spent > avg_order_value and city in ("a, b", "c")',  # kept as text parts of the form
]


@pytest.mark.parametrize("text", EXAMPLES)
def test_text_to_form_to_text(text):
    written, problems = to_text(draft_of(parse_rule(text)))
    assert problems == []
    assert render(parse_rule(written)).replace("()", "") == render(parse_rule(text)).replace("()", "")


def test_form_fields_become_a_tree_and_actions_edit_it():
    form = {
        "r.kind": "group", "r.logic": "and",
        "r.0.kind": "cond", "r.0.field": "age", "r.0.op": "between", "r.0.value": "25", "r.0.value2": "34",
        "r.1.kind": "group", "r.1.logic": "or", "r.1.not": "1",
        "r.1.0.kind": "cond", "r.1.0.field": "signup_date", "r.1.0.op": ">", "r.1.0.value": "31.01.2024",
        "r.1.1.kind": "cond", "r.1.1.field": "clicked_email", "r.1.1.op": ">=", "r.1.1.value": "2",
        "r.1.1.kw.within.n": "30", "r.1.1.kw.within.unit": "d",
    }  # fmt: skip
    root = from_form(form)
    text, problems = to_text(root)
    assert problems == []
    assert text == (
        "age between 25 and 34 and not (signup_date > 2024-01-31 or clicked_email(within = 30d) >= 2)"
    )
    apply(root, "add-cond:r.1:city")
    apply(root, "remove:r.0")
    assert isinstance(root.items[0], Group) and root.items[0].items[-1].field == "city"
    assert root.items[0].items[-1].op == "="  # fitted to a text field


def test_changing_the_field_keeps_only_what_fits():
    root = from_form({"r.kind": "group", "r.0.kind": "cond", "r.0.field": "consent_sms", "r.0.op": "between"})
    assert root.items[0].op == "true"
    root = from_form(
        {"r.kind": "group", "r.0.kind": "cond", "r.0.field": "city", "r.0.op": "=", "r.0.kw.within": "9d"}
    )
    assert root.items[0].kwargs == {}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("1 234,5", "number", "1234.5"),
        ("7", "number", "7"),
        ("31.01.2024", "date", "2024-01-31"),
        ("today - 90d", "date", "today - 90d"),
        ('Мій "дім"', "text", '"Мій \\"дім\\""'),
    ],
)
def test_values_become_literals(text, kind, expected):
    assert literal(text, kind, "f") == expected


@pytest.mark.parametrize(("text", "kind"), [("", "text"), ("abc", "number"), ("32.13.2024", "date")])
def test_bad_values_are_problems(text, kind):
    with pytest.raises(Problem):
        literal(text, kind, "f")


def test_an_incomplete_condition_is_reported_not_written():
    root = Group("and", False, [Cond("city", "=", ""), Cond("age", ">", "30"), Cond()])
    text, problems = to_text(root)
    assert text == "age > 30"
    assert [(path, problem.key) for path, problem in problems] == [("r.0", "problem_value")]


def test_hostile_depth_stays_bounded():
    from segmint.web.builder.draft import MAX_DEPTH, depth

    deep_form = {"r.kind": "group"}
    path = "r"
    for _ in range(200):
        path += ".0"
        deep_form[f"{path}.kind"] = "group"
    assert depth(from_form(deep_form)) <= MAX_DEPTH + 1
    nested = 'city = "x"'
    for level in range(40):  # and / or alternating, so nothing flattens
        nested = f"age > {level} {'and' if level % 2 else 'or'} ({nested})"
    root = draft_of(parse_rule(nested))
    assert root.items[0].raw is not None  # kept whole as text
    text, problems = to_text(root)
    assert problems == [] and render(parse_rule(text)) == render(parse_rule(nested))
