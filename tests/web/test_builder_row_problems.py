"""Why a row of the builder's form is not in the rule, said at the row: a number or a date not filled in (or
not one) cannot be a rule, while an empty text value typed (or read) can (`city = ""`), and a row with no
field chosen yet, or a text value not typed yet, says nothing. TestClient for the answers, real Chromium
for what the user sees."""

from __future__ import annotations

import html
import re

import pytest
from tests.web.browser import browser_page
from tests.web.conftest import ORIGIN, log_in
from tests.web.test_browser import count_after, login, ready
from tests.web.test_pages import csrf_of

FORM = {
    "r.kind": "group", "r.logic": "and",
    "r.0.kind": "cond", "r.0.field": "total_spent", "r.0.op": ">", "r.0.value": "",
    "r.1.kind": "group", "r.1.logic": "or",
    "r.1.0.kind": "cond", "r.1.0.field": "city", "r.1.0.op": "=", "r.1.0.value": "", "r.1.0.typed": "1",
    "r.1.1.kind": "cond", "r.1.1.field": "",
}  # fmt: skip


def row_message(answer_text: str, path: str) -> str:
    found = re.search(
        rf'<small [^>]*id="row-problem-{path.replace(".", "-")}"[^>]*>(.*?)</small>', answer_text
    )
    assert found, path
    return html.unescape(found.group(1))


def rule_text(answer_text: str) -> str:
    return html.unescape(
        re.search(r'<textarea id="rule-text".*?>(.*?)</textarea>', answer_text, re.S).group(1)
    )


def builder_form(page_text: str) -> dict[str, str]:
    """What the page's visual form posts: its inputs and the options its selects have chosen."""
    form = re.search(r'<form id="builder".*?</form>', page_text, re.S).group(0)
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and (" checked" in tag or not re.search(r'type="(checkbox|radio)"', tag)):
            data[html.unescape(name.group(1))] = html.unescape(value.group(1)) if value else ""
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options) or re.search(
            r'value="([^"]*)"', options
        )
        data[name] = html.unescape(chosen.group(1))
    return data


def test_a_text_value_is_in_the_rule_once_typed_or_read(client, shop):
    """The row of a text field just chosen is no part of the rule until its value is typed (its input posts
    r.N.typed = 1, and the answer sets the row's marker, so the form's later posts keep an empty value
    typed); a rule read into the page keeps its empty text values through the form's posts. Old code:
    `city = ""` as soon as the field was chosen."""
    log_in(client, shop.tokens["viewer"])
    headers = {**ORIGIN, "x-csrf-token": csrf_of(client)}
    chosen = {**FORM, "r.0.value": "5000"}
    del chosen["r.1.0.typed"]
    drawn = client.post("/ui/builder/update", data={**chosen, "mode": "render"}, headers=headers)
    assert rule_text(drawn.text) == "total_spent > 5000"
    assert row_message(drawn.text, "r.1.0") == ""
    value_input = re.search(r'<input type="text" name="r\.1\.0\.value"[^>]*>', drawn.text, re.S).group(0)
    assert '"r.1.0.typed": "1"' in html.unescape(value_input)  # what typing in it sends
    form = builder_form(f'<form id="builder">{drawn.text}</form>')
    assert form["r.1.0.typed"] == ""
    typed = client.post(
        "/ui/builder/update", data={**form, "r.1.0.typed": "1", "mode": "sync"}, headers=headers
    )  # typed and cleared again: the empty text, and the marker swapped in for the form's next posts
    assert rule_text(typed.text) == 'total_spent > 5000 and city = ""'
    assert re.search(
        r'<input type="hidden" name="r\.1\.0\.typed" [^>]*value="1" hx-swap-oob="true">', typed.text
    )

    rule = 'total_spent > 5000 and city = "" and city in ("", "Київ")'
    page = client.get("/ui/builder", params={"rule": rule}).text
    form = builder_form(page)
    assert form["r.1.value"] == "" and form["r.1.typed"] == "1"
    for mode in ("render", "sync"):
        answer = client.post("/ui/builder/update", data={**form, "mode": mode}, headers=headers)
        assert rule_text(answer.text) == rule


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
    """Old code: no message at the row (only in the status panel)."""
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
        ready(page, "input[name='r.1.value']")  # no value typed yet: not in the rule, no message
        assert page.input_value("#rule-text") == "total_spent >= 5000"
        assert page.inner_text("#row-problem-r-1") == ""
        page.fill("input[name='r.1.value']", " Київ")
        page.wait_for_function(
            "() => document.querySelector('#rule-text').value === 'total_spent >= 5000 and city = \" Київ\"'"
        )
    assert watch.console_errors == []


def redrawn(page, action) -> str:
    """Do `action` and wait for the form it re-draws and that form's live count; the count."""
    page.evaluate("() => { document.querySelector('#tree').dataset.stale = '1'; }")
    action()
    counted = (
        "() => !document.querySelector('#tree').dataset.stale"
        " && document.querySelector('#count').dataset.count !== ''"
    )
    page.wait_for_function(counted)
    ready(page, "#tree")
    return page.get_attribute("#count", "data-count")


@pytest.mark.xdist_group("web-browser")
def test_choosing_a_text_field_changes_nothing_until_a_value_is_typed(server):
    """On the demo shop, a city row added and its field chosen leaves the rule and the count as they were;
    typing a city narrows both, and clearing it again is the empty text (`city = ""`, nobody), kept by the
    form's next re-draw. Old code: `city = ""` as soon as the field was chosen, and the count fell to 0."""
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.goto("/ui/builder")
        page.select_option(ready(page, "select[name='r.0.field']"), "orders_count")
        page.fill(ready(page, "input[name='r.0.value']"), "1")
        buyers = count_after(page, "")
        assert int(buyers) > 0
        page.click(ready(page, "[data-path='r'] > .group-actions > .add-cond"))
        ready(page, "select[name='r.1.field']")
        assert redrawn(page, lambda: page.select_option("select[name='r.1.field']", "city")) == buyers
        assert page.input_value("#rule-text") == "orders_count >= 1"
        assert page.input_value("input[name='r.1.value']") == ""
        assert redrawn(page, lambda: page.select_option("select[name='r.1.op']", "in")) == buyers
        assert page.input_value("#rule-text") == "orders_count >= 1"  # re-drawn, still not typed

        page.fill("input[name='r.1.value']", "Київ")
        page.wait_for_function(
            "() => document.querySelector('#rule-text').value === 'orders_count >= 1 and city in (\"Київ\")'"
        )
        in_kyiv = count_after(page, buyers)
        assert 0 < int(in_kyiv) < int(buyers)
        page.fill("input[name='r.1.value']", "")  # cleared: the empty text, asked for
        page.wait_for_function(
            "() => document.querySelector('#rule-text').value === 'orders_count >= 1 and city in (\"\")'"
        )
        assert count_after(page, in_kyiv) == "0"  # no customer's city is the empty text
        add = "[data-path='r'] > .group-actions > .add-cond"
        assert redrawn(page, lambda: page.click(add)) == "0"  # the form re-drawn from what it posts
        assert page.input_value("#rule-text") == 'orders_count >= 1 and city in ("")'
        assert page.input_value("input[name='r.1.typed']") == "1"
    assert watch.console_errors == []
