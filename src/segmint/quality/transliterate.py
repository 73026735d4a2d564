"""Cyrillic to Latin, and a folded "match key" under which the usual spellings of one name agree.

Why not anyascii alone: it transliterates Ukrainian the Russian way (г→g, и→i, ї→i, є→ie, ь→'), so
"Григорій" becomes "Grigoriy" while the person's passport, e-mail and card say "Hryhorii" (the Ukrainian
national standard, KMU resolution 55 of 2010). `to_latin` therefore uses the KMU 2010 table below for
Cyrillic and anyascii for every other script (Latin diacritics, Greek, ...).

Why a match key: the same name reaches a CRM in several Latin spellings (KMU "Hryhorii", Russian-style
"Grigoriy", English "Gregory"-ish, "Oleksandr"/"Aleksandr"/"Alexander"). `match_key` lower-cases and folds
the letters those systems disagree on (g/h, y/i/j, x/ks, kh/h, w/v, doubled letters, apostrophes), so
string distances are then measured on short ASCII strings — which also sidesteps DuckDB's jaro_winkler
counting bytes (it would inflate scores for two-byte Cyrillic letters).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# KMU 2010 (Ukrainian) plus the Russian-only letters ё ы э ъ. Tuples are (word-initial, elsewhere).
_KMU_2010: dict[str, str | tuple[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ye", "ie"),
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("yi", "i"), "й": ("y", "i"), "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": ("yu", "iu"),
    "я": ("ya", "ia"), "ё": "yo", "ы": "y", "э": "e", "ъ": "",
    "'": "", "’": "", "ʼ": "", "`": "",  # the Ukrainian apostrophe is not transliterated
}  # fmt: skip


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def to_latin(text: str | None) -> str | None:
    """Transliterate to Latin: Cyrillic by KMU 2010, anything else by anyascii. Case is kept."""
    if text is None:
        return None
    out: list[str] = []
    previous = ""
    for char in text:
        lower = char.lower()
        mapped = _KMU_2010.get(lower)
        if mapped is None:
            out.append(anyascii(char) if not char.isascii() else char)
        else:
            if isinstance(mapped, tuple):
                word_start = previous == "" or (not previous.isalpha() and previous not in "'’ʼ`")
                mapped = mapped[0] if word_start else mapped[1]
            if char != lower and mapped:
                mapped = mapped[0].upper() + mapped[1:]
            # "зг" is written "zgh" so that it does not read as "ж" (zh)
            if lower == "г" and previous.lower() == "з":
                mapped = "gh" if char == lower else "Gh"
            out.append(mapped)
        previous = char
    return "".join(out)


# Applied in order to lower-case ASCII; each line folds spellings that transliteration systems disagree on.
_FOLDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"['`\"]"), ""),  # apostrophes and soft signs some systems write as '
    (re.compile(r"[^a-z0-9]+"), " "),  # hyphens, dots, anything else separates words
    (re.compile(r"x"), "ks"),  # Alexander / Aleksandr
    (re.compile(r"kh"), "h"),  # Kharkiv / Harkiv
    (re.compile(r"g"), "h"),  # Grigoriy (Russian-style) / Hryhorii (KMU)
    (re.compile(r"[yj]"), "i"),  # Dmytro / Dmitro, Yurii / Iurii / Jurij
    (re.compile(r"w"), "v"),  # Wolodymyr / Volodymyr
    (re.compile(r"ph"), "f"),
    (re.compile(r"(.)\1+"), r"\1"),  # Nataliia / Natalia, Illia / Ilia, Hanna / Ganna
]


@lru_cache(maxsize=200_000)
def match_key(text: str | None) -> str | None:
    """A lower-case ASCII key under which Cyrillic and Latin spellings of one name agree (None if empty)."""
    if text is None:
        return None
    latin = to_latin(unicodedata.normalize("NFC", text.strip()))
    if not latin:
        return None
    key = latin.lower()
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    key = " ".join(key.split())
    return key or None


def has_cyrillic(text: str | None) -> bool:
    return bool(text) and any(_is_cyrillic(c) for c in text)
