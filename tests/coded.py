"""What the tests of coded errors share (rules, segments, campaigns, import): the names a wording
formats, and the calls in segmint's source that make an error, so each test can check they give a code."""

from __future__ import annotations

import ast
import string
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

import segmint
from segmint.store.names import UNADDRESSABLE

SOURCE = Path(segmint.__file__).parent


def placeholders(text: str) -> list[str]:
    """The names a str.format template fills, without their conversions ({name!r} -> name)."""
    return sorted({field.split("!")[0] for _, field, _, _ in string.Formatter().parse(text) if field})


# the helpers that raise with the error class their caller passes (error=): a call gives the codes its
# `code=` starts, followed by each of these endings (store/names.py, history/queries.py)
HELPERS = {
    "check_addressable": tuple(UNADDRESSABLE),
    "unknown_target": ("", ".hint"),
    "unknown_group": ("", ".hint"),
}


def calls(
    names: Collection[str], *, under: Path = SOURCE, where: Callable[[Path, str], bool] | None = None
) -> list[tuple[str, int, str, ast.Call]]:
    """(module path relative to `under`, line, called name, call) of every call of one of `names` (a plain
    name or an attribute) in the modules under `under`, and of every call of a HELPERS helper passing one
    of them as its error=, by that name; `where(path, name)` keeps only some of them."""
    found = []
    for path in sorted(under.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in HELPERS:
                name = next((getattr(k.value, "id", None) for k in node.keywords if k.arg == "error"), None)
            if name in names and (where is None or where(path, name)):
                found.append((path.relative_to(under).as_posix(), node.lineno, name, node))
    return found


def given_codes(
    sites, unwritable: Collection[str] = (), reasons: Mapping[str, Collection[str]] | None = None
) -> tuple[set[str], list[str]]:
    """The codes the `code=` keyword of each call in `sites` (from `calls`) can give: a literal, either
    branch of `a if c else b`, an f-string "prefix.{reason}" once per reason in `unwritable` (or in
    `reasons[prefix]` when its prefix is there); and, as source text, the expressions it cannot read (for
    the caller to check)."""
    codes, unread = set(), []
    for *_, call in sites:
        (code,) = [keyword.value for keyword in call.keywords if keyword.arg == "code"]
        helper = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
        if helper in HELPERS and isinstance(code, ast.Constant):
            codes.update(f"{code.value}{ending}" for ending in HELPERS[helper])
        elif isinstance(code, ast.JoinedStr):
            prefix = code.values[0].value
            codes.update(f"{prefix}{reason}" for reason in (reasons or {}).get(prefix, unwritable))
        elif isinstance(code, ast.IfExp):
            codes.update({code.body.value, code.orelse.value})
        elif isinstance(code, ast.Constant):
            codes.add(code.value)
        else:
            unread.append(ast.unparse(code))
    return codes, unread


def assert_worded_in_uk_and_ru(error) -> None:
    """`error` (a coded error) is its English message in English, and in uk and ru another text that shows
    every value its params quote (a list's items one by one)."""
    from segmint.web.messages import translate

    assert translate(error, "en") == str(error)
    for lang in ("uk", "ru"):
        shown = translate(error, lang)
        assert shown != str(error), shown
        for value in error.params.values():
            for item in value if isinstance(value, list) else [value]:
                assert str(item) in shown, (lang, item, shown)
