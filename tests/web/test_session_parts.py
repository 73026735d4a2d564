"""A part of a page asked for after the session ended (the members' next page or sort, the KPIs, a poll of an
import's refresh) sends the browser to sign in and then back to the page it was part of (hunt-web, s22)."""

from __future__ import annotations

from urllib.parse import quote

from tests.web.browser import browser_page
from tests.web.conftest import BIG_SPENDERS
from tests.web.test_browser import login

SEGMENT_PAGE = "/ui/segment?name=" + quote(BIG_SPENDERS)


def test_a_part_of_a_page_asked_for_without_a_session_signs_in_back_to_its_page(client):
    """Old code: next= was the part's own address, so after signing in the browser showed the members
    table (or a KPI card) alone, without the page, its navigation or its styles."""
    members = f"/ui/segment/members?name={quote(BIG_SPENDERS)}&sort=city&order=asc"
    shown = {"HX-Request": "true", "HX-Current-URL": "http://testserver" + SEGMENT_PAGE}
    answer = client.get(members, headers=shown)
    assert answer.headers["HX-Redirect"] == "/ui/login?next=" + quote(SEGMENT_PAGE, safe="/")
    polled_from = {"HX-Request": "true", "Referer": "http://testserver/ui/import?id=abc"}
    poll = client.get("/ui/import/refresh?id=abc", headers=polled_from)
    assert poll.headers["HX-Redirect"] == "/ui/login?next=" + quote("/ui/import?id=abc", safe="/")
    foreign = client.get(members, headers={"HX-Request": "true", "HX-Current-URL": "http://evil.example/ui/x"})
    assert foreign.headers["HX-Redirect"] == "/ui/login?next=" + quote(members, safe="/")  # as before
    plain = client.get(members, follow_redirects=False)  # a link opened by itself: its own address
    assert plain.headers["location"] == "/ui/login?next=" + quote(members, safe="/")


def test_sorting_members_after_signing_out_in_another_tab_comes_back_to_the_segment_page(server):
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["viewer"])
        page.goto(SEGMENT_PAGE)
        other = page.context.new_page()  # another tab of the same browser signs out
        other.goto("/ui/")
        other.click("form[action='/ui/logout'] button")
        other.wait_for_url("**/ui/login**")
        page.click("#members a.sort[data-column='city']")
        page.wait_for_url("**/ui/login?next=**")
        page.fill("input[name=token]", server.shop.tokens["viewer"])
        page.click("#login")
        page.wait_for_url("**/ui/segment?name=**")
        assert page.query_selector("header form[action='/ui/logout']") is not None  # the whole page
        assert page.query_selector("#members table") is not None
        assert watch.console_errors == [] or all("401" in e or "403" in e for e in watch.console_errors)
