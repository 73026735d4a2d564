"""One spelling of the same letters, and the key a name is matched by: plain Python, so the settings
reader checks names with them without loading the import's libraries (ibis, phonenumbers: ~1 s)."""

from __future__ import annotations

import re
import unicodedata

SPACES = re.compile(r"\s+")
_APOSTROPHES = re.compile(r"[’ʼ`´‘]")  # typographic apostrophes in Ukrainian names become '


def spelling(value: str) -> str:
    """One spelling of the same letters: NFC ("й" typed as и + a combining breve is "й"), every apostrophe
    variant as ', and runs of whitespace as one space. Neither trims nor changes case, so it keeps the
    meaning of a piece of text too (rules apply it to `city contains "..."`)."""
    return SPACES.sub(" ", _APOSTROPHES.sub("'", unicodedata.normalize("NFC", value)))


def group_key(value: str) -> str:
    """What a group name is matched by: its letters in one spelling, one space, case folded."""
    return " ".join((spelling(value) or "").split()).casefold()
