"""/unsubscribe/{token}: where the one-click unsubscribe links of campaign emails land (no API token: the
signed link is the credential; campaigns/unsubscribe.py makes and checks it).

POST unsubscribes: a mail client's one-click (RFC 8058, body `List-Unsubscribe=One-Click`) or the page's
button. GET only shows the page with the button, because mail scanners and link previews fetch links
without anyone clicking. The pages are for the shop's customers, in the workspace's language, and say
nothing about the customer (whoever holds the link sees no name or address). They are not part of the
REST API, so they stay out of its OpenAPI document.
"""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse

from segmint.api.auth import AuthFirst
from segmint.api.routes.common import WorkspaceDep
from segmint.campaigns.config import campaign_settings
from segmint.campaigns.unsubscribe import UnsubscribeError, links, unsubscribe

router = APIRouter(include_in_schema=False, route_class=AuthFirst)  # a small form: no file without a token

TEXTS = {
    "uk": {
        "title": "Відписка від розсилки",
        "ask": "Більше не отримувати від нас листів?",
        "button": "Відписатися",
        "done": "Готово: ви більше не отримуватимете наших листів.",
        "invalid": "Це посилання для відписки недійсне (можливо, його обрізано або змінено).",
    },
    "ru": {
        "title": "Отписка от рассылки",
        "ask": "Больше не получать от нас писем?",
        "button": "Отписаться",
        "done": "Готово: вы больше не будете получать наши письма.",
        "invalid": "Эта ссылка для отписки недействительна (возможно, она обрезана или изменена).",
    },
    "en": {
        "title": "Unsubscribe",
        "ask": "Stop receiving our emails?",
        "button": "Unsubscribe",
        "done": "Done: you will not receive our emails any more.",
        "invalid": "This unsubscribe link is not valid (it may have been cut or changed).",
    },
}


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
def confirm_page(token: str, ws: WorkspaceDep) -> HTMLResponse:
    texts = TEXTS[ws.settings.language]
    if not _valid(ws, token):
        return _page(texts, texts["invalid"], status=400)
    form = f'<form method="post"><button type="submit">{escape(texts["button"])}</button></form>'
    return _page(texts, texts["ask"], form)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_now(
    token: str,
    ws: WorkspaceDep,
    one_click: Annotated[str | None, Form(alias="List-Unsubscribe")] = None,
) -> HTMLResponse:
    texts = TEXTS[ws.settings.language]
    try:
        campaign_id, customer_id = links(ws, campaign_settings(ws.path)).read(token)
        via = "one-click" if one_click == "One-Click" else "page"
        unsubscribe(ws, campaign_id, customer_id, ws.now(), via)
    except UnsubscribeError:
        return _page(texts, texts["invalid"], status=400)
    return _page(texts, texts["done"])


def _valid(ws, token: str) -> bool:
    try:
        links(ws, campaign_settings(ws.path)).read(token)
    except UnsubscribeError:
        return False
    return True


def _page(texts: dict[str, str], message: str, form: str = "", status: int = 200) -> HTMLResponse:
    html = (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(texts['title'])}</title></head>"
        '<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; '
        'padding: 0 1rem">'
        f"<h1>{escape(texts['title'])}</h1><p>{escape(message)}</p>{form}</body></html>"
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})
