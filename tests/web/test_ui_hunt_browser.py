"""Web UI bugs from the API/UI bug hunt (notes hunt-api B20, B15, B25), in real headless Chromium against a
real uvicorn server on loopback: each test is a user's path that broke."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from tests.web.browser import browser_page

pytestmark = pytest.mark.xdist_group("web-browser")


def login(page, token: str, landing: str = "**/ui/") -> None:
    page.goto("/ui/login")
    page.fill("input[name=token]", token)
    page.click("#login")
    page.wait_for_url(landing)


def api(server, method: str, path: str, role: str = "admin", **kwargs) -> httpx.Response:
    headers = {"Authorization": f"Bearer {server.shop.tokens[role]}"}
    return httpx.request(method, f"{server.url}{path}", headers=headers, timeout=120, **kwargs)


def test_segment_empty_on_both_dates_draws_no_sankey(server):
    """B20: a segment with nobody in it on its first and last computed dates made plotly throw
    'RangeError: Invalid array length' (a Sankey whose flows are all zero); the page now says so in words."""
    created = api(server, "POST", "/segments", json={"name": "Nobody", "rule": "total_spent > 99999999"})
    assert created.status_code == 201, created.text
    latest = api(server, "GET", "/segments/Nobody/history").json()["sizes"][-1]["date"]
    day = dt.date.fromisoformat(latest) - dt.timedelta(days=30)
    assert api(server, "POST", "/refresh", json={"as_of": day.isoformat()}).is_success
    sizes = api(server, "GET", "/segments/Nobody/history").json()["sizes"]
    assert len(sizes) >= 2 and all(row["size"] == 0 for row in sizes)
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["viewer"])
        page.goto("/ui/segment?name=Nobody")
        page.wait_for_selector("#segment-charts-panel")
        page.wait_for_function("() => document.querySelector('#chart-sizes .main-svg')")  # plotly drew it
        page.wait_for_load_state("networkidle")
        errors = list(watch.console_errors)
        assert page.locator("#chart-sankey").count() == 0
        assert "Nobody was in the segment" in page.inner_text("#segment-charts-panel")
    assert errors == []
