"""The pages on a phone-sized screen (390 px) in real headless Chromium: the page never scrolls sideways (a
wide table scrolls inside its card, the builder's three columns stack). Before, every page but the
clusters' was wider than the screen (the segment page 756 px, the builder 1028 px): the header, the KPIs
and the buttons scrolled away with the table."""

from __future__ import annotations

import pytest
from tests.web.browser import browser_page
from tests.web.conftest import BIG_SPENDERS
from tests.web.test_browser import login

pytestmark = pytest.mark.xdist_group("web-browser")

WIDTH = 390

# page -> an element drawn when it is ready
PAGES = {
    "/ui/": "#insights",
    "/ui/segments": "#segments",
    f"/ui/segment?name={BIG_SPENDERS}": "#segment-kpis",
    "/ui/builder": "#builder",
    "/ui/customers": "main table",
    "/ui/campaigns": "main",
    "/ui/triggers": "main",
}


def test_no_page_is_wider_than_a_phone_screen(server, artifacts):
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["admin"])
        page.set_viewport_size({"width": WIDTH, "height": 800})
        wider = {}
        for path, ready in PAGES.items():
            page.goto(f"{path}{'&' if '?' in path else '?'}lang=ru")
            page.wait_for_selector(ready)
            page.wait_for_load_state("networkidle")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                wider[path] = width
        assert wider == {}
        # the members' table is still all there: its card scrolls sideways to the last column
        page.goto(f"/ui/segment?name={BIG_SPENDERS}")
        card = page.locator("#members").locator("xpath=ancestor::section[1]")
        assert card.evaluate("e => e.scrollWidth > e.clientWidth")
        card.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        assert page.locator("#members th").last.is_visible()
        page.screenshot(path=artifacts / "segment-narrow.png", full_page=True)
        assert watch.console_errors == []
