"""The trigger form takes a webhook's signing key as the environment variable it is read from when the
webhook is sent (secret_env), as the API and `segmint triggers create --secret-env` do (TestClient)."""

from __future__ import annotations

from html import unescape

import pytest
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import csrf_of, post, ws_of

from segmint.triggers import all_triggers

LABELS = {
    "en": "…or the environment variable that holds it",
    "uk": "…або змінна середовища, у якій він є",
    "ru": "…или переменная окружения, в которой он есть",
}
BOTH = {
    "en": "give the webhook's signing key as --secret or --secret-env, not both",
    "uk": "вкажіть ключ підпису вебхука або як --secret, або як --secret-env, не обидва",
    "ru": "укажите ключ подписи вебхука либо как --secret, либо как --secret-env, не оба",
}
HOOK = {
    "name": "Hook",
    "on": "enter",
    "target": "rfm:At Risk",
    "action": "webhook",
    "param": "https://hooks.example/in",
    "delay": "0",
}


@pytest.mark.parametrize("lang", LABELS)
def test_the_trigger_form_stores_a_webhook_key_as_its_environment_variable(client, shop, lang):
    """The web form had the secret field alone (the key stored in the workspace): no secret_env, which the
    API and the CLI take since d7c7696."""
    log_in(client, shop.tokens["editor"])
    form = unescape(client.get("/ui/triggers", params={"lang": lang}).text)
    assert LABELS[lang] in form and 'name="secret_env"' in form
    csrf = csrf_of(client, "/ui/triggers")
    both = post(client, "/ui/triggers", {**HOOK, "secret": "k", "secret_env": "SHOP_HOOK_KEY"}, csrf)
    assert both.status_code == 400
    shown = unescape(both.text).split('id="trigger-error">')[1].split("</p>")[0]
    assert shown == BOTH[lang] and 'value="SHOP_HOOK_KEY"' in both.text  # the form keeps what was typed
    made = post(client, "/ui/triggers", {**HOOK, "secret_env": "SHOP_HOOK_KEY"}, csrf)
    assert made.status_code == 303, unescape(made.text)[:500]
    (trigger,) = all_triggers(ws_of(client))
    assert trigger.params == {"url": HOOK["param"], "secret_env": "SHOP_HOOK_KEY"}
