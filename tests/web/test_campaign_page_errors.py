"""A campaign page's refusals are in the page's language: a preview for an unknown customer and an export
in an unknown layout said 'no customer with id ...' and 'export layout is one of ...' in English on
Ukrainian and Russian pages (the page showed str(error); the error's code words it now:
web/campaign_errors.py)."""

from __future__ import annotations

from html import unescape

import pytest
from tests.campaigns.servers import configure
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import FORM, post, ws_of

WORDS = {
    "uk": ("немає клієнта з ідентифікатором 'NOPE'", "формат експорту для сервісу — один із mailchimp"),
    "ru": ("нет клиента с идентификатором 'NOPE'", "формат экспорта для сервиса — один из mailchimp"),
}


@pytest.mark.parametrize("lang", WORDS)
def test_preview_and_export_refusals_are_in_the_page_language(client, shop, lang):
    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/campaigns", FORM).status_code == 303
    preview, export = WORDS[lang]
    params = {"name": FORM["name"], "customer_id": "NOPE", "lang": lang}
    shown = unescape(client.get("/ui/campaign/preview", params=params).text)
    assert preview in shown and "no customer" not in shown, shown
    params = {"name": FORM["name"], "layout": "sendpulse", "lang": lang}
    answer = client.get("/ui/campaign/export", params=params)
    assert answer.status_code == 400
    assert export in unescape(answer.text) and "export layout" not in answer.text, answer.text


SEND = {
    "uk": (
        "SMTP-сервер не налаштовано: впишіть host у [campaigns.smtp] файлу segmint.toml",
        "[campaigns.smtp] port: має бути щонайменше 1, а не 0",
    ),
    "ru": (
        "SMTP-сервер не настроен: впишите host в [campaigns.smtp] файла segmint.toml",
        "[campaigns.smtp] port: должно быть не меньше 1, а не 0",
    ),
}


@pytest.mark.parametrize("lang", SEND)
def test_a_send_that_cannot_start_says_why_in_the_page_language(client, shop, lang):
    """The send button's refusals before any message: no SMTP server set (a DeliveryError) and a [campaigns]
    setting out of range (a ConfigError). The page showed str(error), English on uk/ru pages."""
    log_in(client, shop.tokens["editor"])
    client.get("/ui/campaigns", params={"lang": lang})  # the language, remembered in a cookie
    assert post(client, "/ui/campaigns", FORM).status_code == 303
    no_server, bad_setting = SEND[lang]
    send = {"name": FORM["name"], "confirm": "yes"}
    answer = post(client, "/ui/campaign/send", send)
    assert answer.status_code == 400
    shown = unescape(answer.text).split('id="send-error">')[1].split("</p>")[0]
    assert shown == no_server, shown
    configure(ws_of(client).path, "[campaigns.smtp]\nport = 0\n")
    answer = post(client, "/ui/campaign/send", send)
    assert answer.status_code == 400
    shown = unescape(answer.text).split('id="send-error">')[1].split("</p>")[0]
    assert bad_setting in shown and "segmint.toml: " in shown and "settings" not in shown, shown
    assert ("рядок " if lang == "uk" else "строка ") in shown and "Input should" not in shown, shown
