"""The segment builder's address follows the rule being built, so Back, Forward and reload bring the builder
back with that rule, its form and its count (H6's Russian hunt, session 20), in real headless Chromium
against a real uvicorn server."""

from __future__ import annotations

import pytest
from tests.web.browser import browser_page
from tests.web.conftest import BIG_SPENDERS
from tests.web.test_browser import api_preview, count_after, login, ready

pytestmark = pytest.mark.xdist_group("web-browser")

RULE = 'city = "Київ" and orders_count >= 2'


def shows_rule(page, server, text: str) -> None:
    """The text, the form drawn from it and its count agree, as when the rule was typed."""
    page.wait_for_selector("#rule-text")
    assert page.input_value("#rule-text") == text
    assert page.input_value(ready(page, "select[name='r.0.field']")) == "city"
    assert page.input_value("input[name='r.0.value']") == "Київ"
    assert page.input_value("select[name='r.1.field']") == "orders_count"
    assert int(count_after(page, "")) == api_preview(server, text)


def test_back_and_reload_keep_the_rule_being_built(server):
    """Old code: the address stayed /ui/builder. Reload started an empty builder (the rule typed was lost);
    Back from another page showed the browser's restored rule text beside an empty form and no count."""
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.goto("/ui/builder?lang=ru")
        page.fill("#rule-text", RULE)
        page.wait_for_selector("select[name='r.1.field']")
        count_after(page, "")
        page.reload()
        shows_rule(page, server, RULE)
        page.goto("/ui/segments")
        page.go_back()
        shows_rule(page, server, RULE)
        page.go_forward()
        page.wait_for_url("**/ui/segments")
        page.go_back()
        shows_rule(page, server, RULE)
    assert watch.console_errors == []


def test_reload_of_an_edit_keeps_the_segment_and_the_new_rule(server):
    """An edit (?segment=) keeps editing the same segment after a reload, with the rule as changed."""
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.goto(f"/ui/builder?segment={BIG_SPENDERS.replace(' ', '+')}")
        page.fill("#rule-text", RULE)
        page.wait_for_selector("select[name='r.1.field']")
        count_after(page, "")
        page.reload()
        assert BIG_SPENDERS in page.inner_text("h1")
        assert page.input_value("input[name=original]") == BIG_SPENDERS
        shows_rule(page, server, RULE)
    assert watch.console_errors == []


def test_reload_keeps_a_rule_built_in_the_form(server):
    """The form's edits move the address too (old code: reload gave an empty builder)."""
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["viewer"])
        page.goto("/ui/builder")
        page.select_option(ready(page, "select[name='r.0.field']"), "orders_count")
        page.fill(ready(page, "input[name='r.0.value']"), "3")
        count_after(page, "")
        page.reload()
        page.wait_for_selector("#rule-text")
        assert page.input_value("#rule-text") == "orders_count >= 3"
        assert int(count_after(page, "")) == api_preview(server, "orders_count >= 3")
    assert watch.console_errors == []


def test_the_language_switch_keeps_the_rule_being_built(server):
    """Old code: the header's language links kept the address the page was opened at, so switching to
    Ukrainian after typing a rule opened an empty builder."""
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.goto("/ui/builder?lang=ru")
        page.fill("#rule-text", RULE)
        page.wait_for_selector("select[name='r.1.field']")
        count_after(page, "")
        page.click("#lang-uk")
        page.wait_for_selector("html[lang=uk]")
        shows_rule(page, server, RULE)
        assert "Конструктор сегментів" in page.inner_text("h1")
    assert watch.console_errors == []
