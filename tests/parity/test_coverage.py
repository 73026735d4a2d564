"""The parity suite keeps up with the rule language and the families: every catalogue filter, every filter
keyword and time window of the aggregate functions, every kind of condition and relative date, and every
family setting is run on both engines by some case. A filter added to src/segmint/rules/fields.py, or a
setting added to segmint.config's family settings, fails here until a parity case reads it (cases.py).
No Spark is needed: the cases are read, not run."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from rules.corpus import CORPUS
from segmint.config import FamilySettings
from segmint.families import compute_features
from segmint.rules import FILTERS, parse_rule
from segmint.rules import ast as A
from segmint.rules.fields import SOURCE_PARAMS, WINDOW_PARAMS, Feature, Measure

from .cases import RULES, SETTINGS
from .contexts import DATES, context

pytestmark = pytest.mark.xdist_group("spark")

FUNCTIONS = {f.name: f for f in FILTERS if f.function}


def read(text: str) -> set[tuple]:
    """What a rule exercises: ("field", name), ("keyword", source, name), ("condition", kind),
    ("op", op), ("relative", sign, unit)."""
    found: set[tuple] = set()

    def walk(node) -> None:
        if isinstance(node, tuple):
            for item in node:
                walk(item)
            return
        if not dataclasses.is_dataclass(node):
            return
        if isinstance(node, A.FieldRef | A.Call):
            found.add(("field", node.name.lower()))
        how = (
            FUNCTIONS[node.name.lower()].how
            if isinstance(node, A.Call) and node.name.lower() in FUNCTIONS
            else None
        )
        if isinstance(how, Measure):
            found.update(("keyword", how.source, kwarg.name) for kwarg in node.kwargs)
        if isinstance(node, A.Compare):
            found.add(("op", node.op))
        if isinstance(node, A.RelativeDate) and node.offset is not None:
            found.add(("relative", node.sign, node.offset.unit))
        kind = type(node).__name__
        found.add(("condition", f"not {kind}" if getattr(node, "negated", False) else kind))
        for field in dataclasses.fields(node):
            if field.name != "pos":
                walk(getattr(node, field.name))

    walk(parse_rule(text))
    return found


@pytest.fixture(scope="module")
def exercised(duck_shop) -> set[tuple]:
    """All the parity rule tests run: the corpus, the parity cases and the family fields' examples
    (test_families.py runs those whose column the families compute)."""
    computed = compute_features(context(duck_shop.con, DATES[0])).columns
    family = [f.example for f in FILTERS if isinstance(f.how, Feature) and f.how.column in computed]
    return set().union(*(read(text) for text in [*(t for t, _ in CORPUS), *RULES, *family]))


def test_every_catalogue_filter_has_a_parity_case(exercised):
    missing = [f.name for f in FILTERS if ("field", f.name) not in exercised]
    assert not missing, f"no parity case reads {missing}: add a rule with each to tests/parity/cases.py RULES"


def test_every_keyword_and_window_of_the_aggregates_has_a_parity_case(exercised):
    """Per source of rows (orders, order lines, events): each row filter and each time window."""
    wanted = {
        ("keyword", s, name) for s, params in SOURCE_PARAMS.items() for name in [*params, *WINDOW_PARAMS]
    }
    missing = sorted(wanted - exercised)
    assert not missing, f"no parity case uses {missing}: add them to tests/parity/cases.py RULES"


def test_every_kind_of_condition_and_relative_date_has_a_parity_case(exercised):
    predicates = typing.get_args(A.Predicate)
    kinds = {("condition", t.__name__) for t in [*predicates, A.Not, A.And, A.Or]}
    kinds |= {("condition", f"not {t.__name__}") for t in predicates if "negated" in t.__dataclass_fields__}
    kinds |= {("op", op) for op in A.COMPARISON_OPS}
    kinds |= {("relative", -1, unit) for unit in A.DURATION_UNITS} | {("relative", 1, "w")}
    missing = sorted(kinds - exercised, key=str)
    assert not missing, f"no parity case has {missing}: add them to tests/parity/cases.py RULES"


def test_every_family_setting_is_changed_by_a_parity_case():
    """Each setting of each family differs from its default in some case of cases.SETTINGS, and each
    choice of a setting with a fixed set of choices (RFM bins, the activity basis) is one case's."""
    default = FamilySettings().model_dump()
    cases = [settings.model_dump() for settings in SETTINGS.values()]
    missing = [
        f"{family}.{name}"
        for family, values in default.items()
        for name, value in values.items()
        if all(case[family][name] == value for case in cases)
    ]
    assert not missing, f"no parity case changes {missing}: add one to tests/parity/cases.py SETTINGS"
    for family, model in FamilySettings.model_fields.items():
        for name, field in model.annotation.model_fields.items():
            if typing.get_origin(field.annotation) is typing.Literal:
                chosen = {case[family][name] for case in cases}
                assert chosen == set(typing.get_args(field.annotation)), (family, name, chosen)
