"""The interface language: English or Ukrainian, chosen by ?lang= (then remembered in a cookie), else the
cookie, else the browser's Accept-Language; every interface string is looked up in strings.STRINGS."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request

from segmint.web.strings import STRINGS

LANGUAGES = ("en", "uk")
LANG_COOKIE = "segmint_lang"


def choose_language(request: Request) -> tuple[str, bool]:
    """(language, whether it was chosen by this request's ?lang=)."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked, True
    remembered = request.cookies.get(LANG_COOKIE)
    if remembered in LANGUAGES:
        return remembered, False
    accepted = request.headers.get("accept-language", "")
    return ("uk" if accepted.lower().startswith("uk") else "en"), False


def translator(lang: str) -> Callable[..., str]:
    """t(key, **values): the string in `lang` (English when missing), with {placeholders} filled in."""

    def t(key: str, **values) -> str:
        entry = STRINGS.get(key)
        if entry is None:
            return key
        text = entry.get(lang) or entry["en"]
        return text.format(**values) if values else text

    return t
