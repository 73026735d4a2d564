"""Text values a rule asks for that the data does not have: `city = "Киев"` where the customers say
"Київ", `bought(category = "fashon")`. The rule is valid and counts 0 (or fewer than meant) without a word;
the builder names the value and the nearest one the data has. Only fields whose known values the builder
can list (builder.values: at most MAX_VALUES distinct, so the list is complete) are checked, each as the
rule compares it (rules/standard.py): `київ` matches `Київ` (a city is capitalised as the import does) and
a family's group any case, but a category, product, store or tag only as typed (trimmed), so
`bought(category = "Fashion")` where the lines say "fashion" is named too, with "fashion" as the hint.
Fields whose values the rules map (a country's name to its code, `жін` to `f`) are left alone."""

from __future__ import annotations

import difflib
import unicodedata

from segmint.rules import ast, standard
from segmint.rules.fields import CATALOGUE, Feature
from segmint.web.builder.values import suggestions, without_values
from segmint.web.cache import fingerprint

MAPPED = frozenset({"country", "gender", "language", "email", "phone"})


def _loose(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for apostrophe in "’ʼ`´":
        text = text.replace(apostrophe, "'")
    return " ".join(text.split()).casefold()


def _matched(ws, name: str, param: str | None, value: str, known: list[str]) -> bool:
    """Whether the rule's comparison finds `value` among the `known` values: a family's group in any case,
    spacing or apostrophe (standard.of_groups); else the value as typed or in the spelling the compiler
    standardises it to, exactly (standard.variants)."""
    item = CATALOGUE[name]
    if param is not None:
        spell = standard.of_argument(item.how, param)
    elif isinstance(item.how, Feature):
        if item.how.column in _grouped(ws):
            return standard.of_groups(tuple(known))(value) is not None  # as the rule matches a group
        spell = None  # favourite_category: as typed
    else:
        spell = standard.of_subject(item, None, ws.settings.default_country)
    return not set(standard.variants([value], spell)).isdisjoint(known)


def _grouped(ws) -> set[str]:
    """The features columns of the families with groups (rfm.group ...), whose values match any case."""
    from segmint.history.evaluate import family_groups  # reads the clustering's names: only when asked

    return set(family_groups(ws))


def unknown_values(ws, tree: ast.Rule) -> list[dict]:
    """{key, values} for each text value no row has, in the order they stand in the rule."""
    found: list[dict] = []
    mark = fingerprint(ws)

    def check(name: str, param: str | None, literal) -> None:
        if not isinstance(literal, ast.String) or (param is None and name in MAPPED):
            return
        known = suggestions(ws, name, param, mark=mark)
        loose = {_loose(value): value for value in known}
        shown = {"field": f"{name}({param} = …)" if param else name, "value": literal.value}
        if not known:  # too many values to list, or none at all: then nothing typed can match
            said = {"key": "value_field_empty", "values": {"field": shown["field"]}}
            if said not in found and without_values(ws, name, param, mark=mark):  # once a field
                found.append(said)
            return
        if _matched(ws, name, param, literal.value, known):
            return
        close = difflib.get_close_matches(_loose(literal.value), list(loose), n=1, cutoff=0.6)
        if close:
            found.append({"key": "value_not_in_data_hint", "values": {**shown, "hint": loose[close[0]]}})
        else:
            found.append({"key": "value_not_in_data", "values": shown})

    def subject(node) -> None:
        if isinstance(node, ast.Call):
            for kwarg in node.kwargs:
                values = kwarg.value.items if isinstance(kwarg.value, ast.Tuple) else (kwarg.value,)
                for value in values:
                    check(node.name, kwarg.name, value)

    def walk(node) -> None:
        if isinstance(node, ast.And | ast.Or):
            for item in node.items:
                walk(item)
        elif isinstance(node, ast.Not):
            walk(node.item)
        elif isinstance(node, ast.Truthy):
            subject(node.subject)
        elif hasattr(node, "left"):
            subject(node.left)
            if isinstance(node.left, ast.FieldRef):
                if isinstance(node, ast.Compare) and node.op == "=":
                    check(node.left.name, None, node.right)
                elif isinstance(node, ast.InList) and not node.negated:
                    for value in node.values:
                        check(node.left.name, None, value)

    walk(tree.condition)
    return found
