"""Coded errors in the interface language: one helper for every table of codes (rule errors in
web/rule_errors.py, segment errors in web/segment_errors.py, import reasons in web/import_errors.py, ...).

The library words an error in English and gives it a stable `code` and `params` (the names and values the
message quotes); a table here words it from those, so a change to the English cannot silently leave the
Ukrainian or Russian behind, as matching the English text did. A table has a text per code and language
(a str.format template: {name!r} quotes as the English does) and says how a param is written in a
sentence (lists joined, type words translated); an error whose language or code it does not know is
None, and is shown as the library wrote it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


def listed(key: str, value: Any, lang: str) -> Any:
    """A param as most texts write it: a list as its items joined by ", ", anything else as it is."""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return value


@dataclass(frozen=True)
class Table:
    """The texts of one family of coded errors, by language then code, and how a param is written:
    `value(key, value, lang)`."""

    texts: Mapping[str, Mapping[str, str]]
    value: Callable[[str, Any, str], Any] = field(default=listed)

    def knows(self, code: str | None, lang: str) -> bool:
        return code is not None and code in self.texts.get(lang, {})

    def values(self, params: Mapping[str, Any], lang: str) -> dict[str, Any]:
        """The params as `lang` writes them in a sentence."""
        return {key: self.value(key, value, lang) for key, value in params.items()}

    def text(self, code: str, lang: str, values: Mapping[str, Any]) -> str:
        """The text of `code` in `lang` with `values` (already written as the language writes them)."""
        return self.texts[lang][code].format(**values)

    def word(self, code: str | None, params: Mapping[str, Any], lang: str, **given: Any) -> str | None:
        """`code` with `params` in `lang`; `given` are values worded by the caller (they win over params).
        None when the language or the code is not known here."""
        if not self.knows(code, lang):
            return None
        return self.text(code, lang, {**self.values(params, lang), **given})
