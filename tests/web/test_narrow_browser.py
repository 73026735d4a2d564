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
        # the members' table is still all there: it scrolls sideways to the last column on its own, the
        # card's heading and search stay where they are (the whole card scrolled before: test below)
        page.goto(f"/ui/segment?name={BIG_SPENDERS}")
        table = page.locator("#members .table-scroll")
        assert table.evaluate("e => e.scrollWidth > e.clientWidth")
        table.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        assert page.locator("#members th").last.is_visible()
        page.screenshot(path=artifacts / "segment-narrow.png", full_page=True)
        assert watch.console_errors == []


# a card scrolled as a whole (`.card { overflow-x: auto }` on every card): on a phone the members' heading,
# search and pager scrolled away with the table, and at 1280 px the family page's transitions card showed
# a scrollbar under its heading and date choice
CARD_SCROLLS = """() => [...document.querySelectorAll('.card')]
    .filter(c => c.scrollWidth > c.clientWidth || getComputedStyle(c).overflowX !== 'visible')
    .map(c => c.id || c.className)"""


@pytest.mark.parametrize("width", [WIDTH, 1280])
def test_only_wide_tables_scroll_sideways_never_a_card_or_the_page(server, width):
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["admin"])
        page.set_viewport_size({"width": width, "height": 800})
        found = {}
        for path, ready in {**PAGES, "/ui/family?name=rfm": "#transition-matrix"}.items():
            page.goto(f"{path}{'&' if '?' in path else '?'}lang=uk")
            page.wait_for_selector(ready)
            page.wait_for_load_state("networkidle")
            cards = page.evaluate(CARD_SCROLLS)
            width_now = page.evaluate("document.documentElement.scrollWidth")
            if cards or width_now > width:
                found[path] = (cards, width_now)
        assert found == {}
        if width == WIDTH:  # the members' heading and search stay in view while the table scrolls
            page.goto(f"/ui/segment?name={BIG_SPENDERS}&lang=uk")
            page.wait_for_selector("#members th")
            page.locator("#members .table-scroll").evaluate("e => { e.scrollLeft = e.scrollWidth; }")
            for part in ("#member-total", "#member-search", "#export-csv"):
                box = page.locator(part).bounding_box()
                assert box is not None and 0 <= box["x"] < width, (part, box)
        assert watch.console_errors == []
