"""The interface language: English, Ukrainian or Russian, chosen by ?lang= (then remembered in a cookie),
else the cookie, else the browser's Accept-Language, else the workspace's language; every interface
string is looked up in strings.STRINGS (the Russian texts, kept in strings_ru.py, are merged into it
here)."""

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
    header = request.headers.get("accept-language", "")
    for tag in accepted_languages(header):
        if tag[:2] in LANGUAGES:
            return tag[:2], False
    own = workspace_language(request)
    refused = {tag[:2] for tag, quality in _weighted(header) if quality == 0}
    return (own if own not in refused else "en"), False


def workspace_language(request: Request) -> str:
    """The language of the workspace the server holds (segmint.toml's [workspace] language), English when
    there is none: the page's language when neither the request nor the browser asks for one of ours (a
    German browser, a link opened by a script; a browser that refuses it, q=0, gets English). It was
    English, also in a Ukrainian shop's workspace."""
    language = getattr(getattr(request.app.state, "workspace", None), "language", None)
    return language if language in LANGUAGES else "en"


def accepted_languages(header: str) -> list[str]:
    """The language tags of an Accept-Language header, most wanted first (RFC 9110: by q, then as
    listed; q=0 means not wanted): "de-DE,de;q=0.9,ru;q=0.8" -> ["de-de", "de", "ru"]. Only the first tag
    was read before, so a German or Polish browser whose user also reads Russian got English."""
    weighted = enumerate(_weighted(header))
    return [tag for _, _, tag in sorted((-q, position, tag) for position, (tag, q) in weighted if q > 0)]


def _weighted(header: str) -> list[tuple[str, float]]:
    """(tag, q) of each language an Accept-Language header lists, in its order, lower case; q is -1 when
    it is no number."""
    weighted = []
    for part in header.split(","):
        tag, _, params = part.strip().lower().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = -1.0  # a malformed weight: neither asked for nor refused (q=0)
        if tag.strip():
            weighted.append((tag.strip(), quality))
    return weighted


def translator(lang: str) -> Callable[..., str]:
    """t(key, **values): the string in `lang` (English when missing), with {placeholders} filled in."""

    def t(key: str, **values) -> str:
        entry = STRINGS.get(key)
        if entry is None:
            return key
        text = entry.get(lang) or entry["en"]
        return text.format(**values) if values else text

    return t
