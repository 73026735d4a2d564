"""The interface language: English, Ukrainian or Russian, chosen by ?lang= (then remembered in a cookie),
else the cookie, else the browser's Accept-Language; every interface string is looked up in
strings.STRINGS (the Russian texts, kept in strings_ru.py, are merged into it here)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request

from segmint.web.strings import STRINGS
from segmint.web.strings_ru import STRINGS_RU

for _key, _text in STRINGS_RU.items():
    if _key in STRINGS:  # a key strings.py dropped is left out; tests/web/test_pages.py names it
        STRINGS[_key]["ru"] = _text

LANGUAGES = ("en", "uk", "ru")
LANG_COOKIE = "segmint_lang"


def choose_language(request: Request) -> tuple[str, bool]:
    """(language, whether it was chosen by this request's ?lang=)."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked, True
    remembered = request.cookies.get(LANG_COOKIE)
    if remembered in LANGUAGES:
        return remembered, False
    for tag in accepted_languages(request.headers.get("accept-language", "")):
        if tag[:2] in LANGUAGES:
            return tag[:2], False
    return "en", False


def accepted_languages(header: str) -> list[str]:
    """The language tags of an Accept-Language header, most wanted first (RFC 9110: by q, then as
    listed; q=0 means not wanted): "de-DE,de;q=0.9,ru;q=0.8" -> ["de-de", "de", "ru"]. Only the first tag
    was read before, so a German or Polish browser whose user also reads Russian got English."""
    wanted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().lower().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0  # a malformed weight: not a language the browser asked for
        if tag and quality > 0:
            wanted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(wanted)]


def translator(lang: str) -> Callable[..., str]:
    """t(key, **values): the string in `lang` (English when missing), with {placeholders} filled in."""

    def t(key: str, **values) -> str:
        entry = STRINGS.get(key)
        if entry is None:
            return key
        text = entry.get(lang) or entry["en"]
        return text.format(**values) if values else text

    return t
