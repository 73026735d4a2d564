"""A builder address whose rule does not parse (?rule=…, which the builder writes into the address on every
edit, broken text too) comes back with the text as typed and its error, not an empty builder: a reload, Back,
or signing in again after the session ended lost a half-typed rule."""

from __future__ import annotations

import html
import re

import pytest
from tests.web.browser import browser_page
from tests.web.conftest import log_in
from tests.web.test_browser import login

BROKEN = 'total_spent > 5000 and is_subscribed and city = "Київ"'


def test_a_builder_link_with_a_broken_rule_keeps_the_text_and_says_what_is_wrong(client, shop):
    log_in(client, shop.tokens["editor"])
    answer = client.get("/ui/builder", params={"rule": BROKEN, "name": "Подписчики", "lang": "ru"})
    assert answer.status_code == 200
    text = re.search(r'<textarea id="rule-text"[^>]*>(.*?)</textarea>', answer.text, re.S).group(1)
    assert html.unescape(text) == BROKEN
    error = html.unescape(answer.text.split('id="rule-error">', 1)[1].split("</div>", 1)[0])
    assert "Строка 1, столбец 24:" in error
    assert "неизвестное поле 'is_subscribed'; возможно, 'unsubscribed'?" in error
    assert 'value="Подписчики"' in answer.text


@pytest.mark.xdist_group("web-browser")
def test_reloading_the_builder_keeps_a_broken_rule_as_typed(server):
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.goto("/ui/builder?lang=ru")
        page.fill("#rule-text", BROKEN)
        page.wait_for_selector("#rule-error")
        page.wait_for_function("() => location.search.includes('rule=')")  # the address follows the text
        page.reload()
        page.wait_for_selector("#rule-error")
        assert page.input_value("#rule-text") == BROKEN
        assert "is_subscribed" in page.inner_text("#rule-error")
        assert watch.console_errors == []
