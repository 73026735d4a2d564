"""The campaign pages in real headless Chromium against a real uvicorn server on loopback: create a
campaign through the form, open its page, preview a customer's message (shown as text, not HTML), switch
to Ukrainian; no console errors and no request off loopback. Screenshots go to tests/web/artifacts/."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import httpx
import pytest
from tests.web.browser import browser_page
from tests.web.test_browser import login, ready

pytestmark = pytest.mark.xdist_group("web-browser")

NAME = "Осінь: повернення"


def api(server, path: str, **params) -> httpx.Response:
    answer = httpx.get(
        f"{server.url}{path}",
        params=params,
        headers={"Authorization": f"Bearer {server.shop.tokens['viewer']}"},
    )
    assert answer.status_code == 200, answer.text
    return answer


def test_create_a_campaign_and_preview_a_message(server, artifacts):
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.click("header nav >> text=Campaigns")
        page.click("#new-campaign")
        page.fill("input[name=name]", NAME)
        page.select_option("select[name=channel]", "email")
        page.check("input[name=targets][value='rfm:At Risk']")
        page.fill("input[name=subject]", "{{ name }}, ми сумуємо")
        page.fill(
            "textarea[name=body]",
            "<b>{{ name }}</b>, повертайтеся за {{ favourite_category or 'покупками' }}",
        )
        page.fill("input[name=variants]", "A,B")
        page.fill("input[name=holdout_share]", "20")
        page.screenshot(path=str(artifacts / "campaign-form.png"), full_page=True)
        page.click("#create-campaign")
        page.wait_for_url("**/ui/campaign?name=*")
        assert page.inner_text("#campaign-name").startswith(NAME)

        status = api(server, f"/campaigns/{quote(NAME, safe='')}").json()
        audience = page.inner_text("#audience")
        for arm, n in status["recipients"]["rfm:At Risk"].items():
            assert arm in audience and str(n) in audience.replace("\u202f", "")
        rows = list(
            csv.DictReader(io.StringIO(api(server, f"/campaigns/{quote(NAME, safe='')}/export").text))
        )
        customer = rows[0]["customer_id"]
        expected = api(server, f"/campaigns/{quote(NAME, safe='')}/preview", customer_id=customer).json()

        page.fill(ready(page, "#preview-form input[name=customer_id]"), customer)
        page.click("#preview-button")
        ready(page, "#preview-body")
        assert page.inner_text("#preview-subject") == expected["subject"]
        assert page.inner_text("#preview-body") == expected["body"]  # the HTML source, as text
        assert page.locator("#preview-body b").count() == 0  # never rendered as HTML
        page.screenshot(path=str(artifacts / "campaign.png"), full_page=True)

        page.click("#lang-uk")
        page.wait_for_load_state()
        body = page.inner_text("body")
        assert "Аудиторія" in body and "Перегляд повідомлення" in body
        page.goto("/ui/campaigns")
        assert NAME in page.inner_text("#campaigns") and "чернетка" in page.inner_text("#campaigns")
        page.goto("/ui/triggers")
        assert "Новий тригер" in page.inner_text("body")
    assert watch.console_errors == []
    assert watch.off_loopback() == []
