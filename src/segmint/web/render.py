"""Rendering a page: the Jinja environment (autoescaped), the interface language and what every template
gets (the translator `t`, the user, the CSRF token, the language switch links)."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from starlette.responses import HTMLResponse

from segmint import localize
from segmint.families import labels
from segmint.web.field_texts import describe
from segmint.web.i18n import LANG_COOKIE, choose_language, translator
from segmint.web.messages import translate
from segmint.web.strings import STRINGS

# the status of an htmx fragment that refuses what was chosen in it, with the message to show in its place:
# base.html's htmx-config swaps 422 answers in (htmx swaps no other 4xx), so the message is seen and the
# status still says it was refused
REFUSED = 422

STATIC = Path(str(importlib.resources.files("segmint.web") / "static"))

environment = Environment(
    loader=PackageLoader("segmint.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=environment)

# Content-Security-Policy: scripts and styles only from this app, no inline scripts, no connection to
# another host: a stray link to a CDN or an injected script fails loudly in the browser tests.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def number(value: Any, digits: int = 0, lang: str = "en") -> str:
    """A figure for people in the page's language (segmint.localize): 1 234.56 on English pages (thin
    spaces), 1 234,56 on Ukrainian and Russian ones (CLDR); an en dash for no value."""
    return localize.number(value, digits, lang)


def percent(value: Any, digits: int = 1, lang: str = "en") -> str:
    return localize.percent(value, digits, lang)


@pass_context
def _number_filter(context, value: Any, digits: int = 0) -> str:
    """`{{ x|number(2) }}` in the language the page is rendered in."""
    return number(value, digits, context.get("lang", "en"))


@pass_context
def _percent_filter(context, value: Any, digits: int = 1) -> str:
    return percent(value, digits, context.get("lang", "en"))


@pass_context
def _duration_filter(context, seconds: Any) -> str:
    """`{{ trigger.delay_seconds|duration }}`: a delay as days, hours, minutes and seconds in the page's
    language (1 день 12 годин), not a count of seconds."""
    return localize.duration(seconds, context.get("lang", "en"))


@pass_context
def _plural_filter(context, count: Any, forms: str) -> str:
    """`{{ n|plural(t("customers_forms")) }}`: the form of the noun that goes with `n` in the page's language
    (forms apart by "|": en one|other, uk/ru one|few|many; segmint.localize.plural)."""
    return localize.plural(count or 0, forms, context.get("lang", "en"))


def day(value: Any) -> str:
    """A date, or a time to the minute (also from the ISO text the JSON-safe documents carry)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, dt.date) else ("–" if value is None else str(value))


def day_after(value: Any) -> str:
    """The day after an ISO date: the first day a KPI period counts (its days d are start < d <= end,
    docs/metrics.md), for a label that says which days are counted."""
    return (dt.date.fromisoformat(str(value)) + dt.timedelta(days=1)).isoformat()


def file_name(path: Any) -> str:
    """An import's file as its user named it: the API keeps uploads as uploads/<id>/<name> in the
    workspace, a server path that is no business of the page's reader."""
    return "" if path is None else str(path).replace("\\", "/").rsplit("/", 1)[-1]


def capitalize_first(text: Any) -> str:
    """A label built with a word first ("{what} updated": "orders updated") as a label starts: "Orders
    updated" (Jinja's capitalize lowercases the rest too)."""
    text = str(text)
    return text[:1].upper() + text[1:]


environment.filters.update(
    capitalize_first=capitalize_first,
    number=_number_filter,
    percent=_percent_filter,
    duration=_duration_filter,
    plural=_plural_filter,
    day=day,
    day_after=day_after,
    file_name=file_name,
)
environment.policies["json.dumps_kwargs"] = {"sort_keys": False, "default": str}
environment.globals["json"] = json


def link(path: str, **params: Any) -> str:
    """A URL of this UI with query parameters (names and ids go in the query, so any text is safe)."""
    shown = {key: value for key, value in params.items() if value is not None}
    return f"{path}?{urlencode(shown)}" if shown else path


environment.globals["link"] = link


def switch_language(request: Request, lang: str, address: str | None = None) -> str:
    """This page's URL in another language (its other query parameters kept); `address`: the one the page
    moved to since it was drawn (the builder's, which follows the rule being built)."""
    moved = urlsplit(address) if address else None
    query = parse_qsl(moved.query) if moved else request.query_params.items()
    params = {key: value for key, value in query if key != "lang"}
    return link(moved.path if moved else request.url.path, **params, lang=lang)


environment.globals["switch_language"] = switch_language
environment.globals["describe"] = describe


def column_label(column: str, lang: str) -> str:
    """A customer column's heading (col_<column> in strings.py), else the column's own name."""
    entry = STRINGS.get(f"col_{column}")
    return (entry.get(lang) or entry["en"]) if entry else column


def page(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The template rendered for this request, in the chosen language (a ?lang= choice is remembered
    in a cookie)."""
    lang, from_query = choose_language(request)
    workspace = getattr(request.app.state, "workspace", None)
    names = workspace.namer(lang) if workspace is not None else labels.Namer(lang)
    values = {
        "request": request,
        "lang": lang,
        "t": translator(lang),
        # a library error or message (English) in `lang`; place=False: a rule error without its position
        "tr": lambda message, place=True: translate(message, lang, place=place),
        "label": lambda column: column_label(column, lang),
        # a family's group: Чемпіони (Champions) in uk, its key in English, a name of one's own RFM map
        # as it is (families/labels.py)
        "group_label": names.shown,
        "user": getattr(request.state, "user", None),
        "csrf": getattr(request.state, "csrf", ""),
        **(context or {}),
    }
    response = templates.TemplateResponse(request, template, values, status_code=status_code, headers=headers)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if from_query:
        response.set_cookie(LANG_COOKIE, lang, samesite="strict", httponly=True, max_age=365 * 86400)
    return response
