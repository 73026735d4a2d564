"""Latin words typed with Cyrillic look-alike letters, as a keyboard left in the Ukrainian or Russian layout
types them: `сity` with a Cyrillic с shows as `city` but is another word, so "unknown field 'сity'; did you
mean 'city'?" or "unexpected 'аnd'; expected 'and'" baffle. The rule language's names and keywords are all
Latin; a word that becomes one of them once its look-alikes are read as Latin is told so, with the letter
and where it is (code name.lookalike). Text in quotes is never read here.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from segmint.errors import RuleError

# Cyrillic (Ukrainian, Russian) letter -> the Latin letter it looks like, in either case (names and
# keywords are read case-insensitively, so М and m count alike)
_PAIRS = ("аa", "сc", "еe", "іi", "оo", "рp", "хx", "уy", "кk", "мm", "тt", "нh", "вb")
LATIN = str.maketrans({cyr: lat for cyr, lat in _PAIRS} | {cyr.upper(): lat.upper() for cyr, lat in _PAIRS})

# the grammar's keywords (grammar.lark)
KEYWORDS = frozenset(
    {"and", "or", "not", "in", "between", "contains", "starts", "with", "is", "null"}
    | {"true", "false", "today"}
)


@dataclass(frozen=True)
class Lookalike:
    """A word with look-alike letters that reads as `meant`; `letter`, the first of them as typed, is at
    `index` in the word."""

    meant: str
    letter: str
    index: int


def lookalike(word: str, known: Container[str]) -> Lookalike | None:
    """The known (lower-case, Latin) word `word` stands for once its Cyrillic look-alikes are read as Latin,
    or None: a word all Latin, one with other Cyrillic letters (місто is a Ukrainian word, not a mistyped
    one), or one that reads as nothing known."""
    if word.isascii():
        return None
    latin = word.translate(LATIN)
    meant = latin.lower()
    if not latin.isascii() or meant not in known:
        return None
    index = next(i for i, (typed, read) in enumerate(zip(word, latin, strict=True)) if typed != read)
    return Lookalike(meant, word[index], index)


def lookalike_error(
    word: str, found: Lookalike, kind: str, line: int | None, column: int | None, text: str | None
) -> RuleError:
    """The error for `word` (as typed), at its look-alike letter: `column` is the word's own, None in a rule
    without positions (read from its JSON form, whose path then says where). `kind`: field, function,
    keyword or argument."""
    params = {"name": word, "letter": found.letter, "kind": kind, "hint": found.meant}
    meant = f"did you mean the {kind} {found.meant!r}?"
    if line is None or column is None:
        message = f"{word!r} contains the Cyrillic letter «{found.letter}»; {meant}"
        return RuleError(message, code="name.lookalike.no_column", params=params)
    column += found.index
    message = f"{word!r} contains the Cyrillic letter «{found.letter}» at column {column}; {meant}"
    return RuleError(message, line, column, text, code="name.lookalike", params={**params, "column": column})
