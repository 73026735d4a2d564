"""The rule language of user-defined segments: text or JSON -> typed tree -> Ibis expression.

    >>> from segmint.rules import parse_rule, render
    >>> render(parse_rule('city = "Київ" AND orders(within = 90d) >= 2'))
    'city = "Київ" and orders(within = 90d) >= 2'

docs/rules.md describes the language for users; docs/filters.md lists every filter (generated from
fields.py).
"""

from segmint.errors import RuleError
from segmint.rules.ast import Rule
from segmint.rules.compile import CompiledRule, compile_rule, compile_rules, compile_values, select_members
from segmint.rules.context import CompileContext
from segmint.rules.fields import CATALOGUE, FILTERS
from segmint.rules.json_form import from_json, to_json
from segmint.rules.parse import parse_rule
from segmint.rules.render import render

__all__ = [
    "CATALOGUE",
    "FILTERS",
    "CompileContext",
    "CompiledRule",
    "Rule",
    "RuleError",
    "compile_rule",
    "compile_rules",
    "compile_values",
    "from_json",
    "parse_rule",
    "render",
    "select_members",
    "to_json",
]
