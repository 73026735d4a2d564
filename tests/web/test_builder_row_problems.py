"""Why a row of the builder's form is not in the rule, said at the row: a number or a date not filled in (or
not one) cannot be a rule, while an empty text value can (`city = ""`) and a row with no field chosen yet
says nothing. TestClient for the answers, real Chromium for what the user sees."""

from __future__ import annotations

import html
import re

import pytest
from tests.web.browser import browser_page
from tests.web.conftest import ORIGIN, log_in
from tests.web.test_browser import login, ready
from tests.web.test_pages import csrf_of

FORM = {
    "r.kind": "group", "r.logic": "and",
    "r.0.kind": "cond", "r.0.field": "total_spent", "r.0.op": ">", "r.0.value": "",
    "r.1.kind": "group", "r.1.logic": "or",
    "r.1.0.kind": "cond", "r.1.0.field": "city", "r.1.0.op": "=", "r.1.0.value": "",
    "r.1.1.kind": "cond", "r.1.1.field": "",
}  # fmt: skip


def row_message(answer_text: str, path: str) -> str:
    found = re.search(
        rf'<small [^>]*id="row-problem-{path.replace(".", "-")}"[^>]*>(.*?)</small>', answer_text
    )
    assert found, path
    return html.unescape(found.group(1))


def test_a_row_that_cannot_be_a_rule_says_so_at_the_row(client, shop):
    """Old code: the empty `city = ""` was dropped without a word, and the number's message stood only in
    the status panel, away from its row."""
    log_in(client, shop.tokens["viewer"])
    headers = {**ORIGIN, "x-csrf-token": csrf_of(client)}
    for mode in ("render", "sync"):  # the form re-drawn, or (typing a value) the messages swapped in
        answer = client.post("/ui/builder/update", data={**FORM, "mode": mode}, headers=headers)
        assert answer.status_code == 200
        assert row_message(answer.text, "r.0") == "total_spent: enter a value"
        assert row_message(answer.text, "r.1.0") == "" and row_message(answer.text, "r.1.1") == ""
        assert 'id="rule-text"' in answer.text and 'city = ""</textarea>' in html.unescape(answer.text)
    typed = client.post(
        "/ui/builder/update", data={**FORM, "r.0.value": "5000", "mode": "sync"}, headers=headers
    )
    assert row_message(typed.text, "r.0") == ""  # the message goes when the value is typed
    assert 'hx-swap-oob="true">' in typed.text.split('id="row-problem-r-0"')[1].split("</small>")[0]


@pytest.mark.xdist_group("web-browser")  # as tests/web/test_browser.py's
def test_the_row_says_what_it_lacks_while_the_user_fills_it_in(server):
    """Old code: no message at the row (only in the status panel), and the city with no value typed was
    left out of the rule."""
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.goto("/ui/builder")
        page.select_option(ready(page, "select[name='r.0.field']"), "total_spent")
        message = ready(page, "#row-problem-r-0")
        page.wait_for_function(
            "() => document.querySelector('#row-problem-r-0').textContent.includes('enter')"
        )
        assert page.inner_text(message) == "total_spent: enter a value"
        assert page.is_visible(message)
        page.fill(ready(page, "input[name='r.0.value']"), "5000")
        page.wait_for_function("() => document.querySelector('#row-problem-r-0').textContent === ''")
        page.wait_for_function("() => document.querySelector('#rule-text').value === 'total_spent >= 5000'")
        page.click(ready(page, "[data-path='r'] > .group-actions > .add-cond"))
        ready(page, "select[name='r.1.field']")  # a new row with no field yet: not in the rule, no message
        assert page.input_value("#rule-text") == "total_spent >= 5000"
        assert page.inner_text("#row-problem-r-1") == ""
        page.select_option("select[name='r.1.field']", "city")
        page.wait_for_function(
            "() => document.querySelector('#rule-text').value === 'total_spent >= 5000 and city = \"\"'"
        )
        page.fill(ready(page, "input[name='r.1.value']"), " Київ")
        page.wait_for_function(
            "() => document.querySelector('#rule-text').value === 'total_spent >= 5000 and city = \" Київ\"'"
        )
    assert watch.console_errors == []
