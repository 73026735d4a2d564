"""The segment page's "size over time" chart in real Chromium (hunt-web W6): its date axis is written as
dates (2025-12-31) in every language, one tick per computed date when there are few. Plotly's own ticks
were English month names on Ukrainian and Russian pages ("Jan 2026"), and for a segment computed on one
date a run of sub-millisecond times ("23:59:59.9995", "00:00:00.0005") around it."""

from __future__ import annotations

import re

import httpx
import pytest
from tests.web.browser import browser_page
from tests.web.conftest import BIG_SPENDERS
from tests.web.test_browser import login

pytestmark = pytest.mark.xdist_group("web-browser")

ONE_DATE = "Нові в Києві"


def size_dates(server, name: str) -> list[str]:
    answer = httpx.get(
        f"{server.url}/segments/{name}/history",
        headers={"Authorization": f"Bearer {server.shop.tokens['viewer']}"},
    )
    assert answer.status_code == 200, answer.text
    return sorted({str(row["date"])[:10] for row in answer.json()["sizes"]})


def test_the_size_chart_labels_its_dates_as_dates_in_every_language(server):
    made = httpx.post(
        f"{server.url}/segments",
        json={"name": ONE_DATE, "rule": 'city = "Київ" and orders_count >= 1'},
        headers={"Authorization": f"Bearer {server.shop.tokens['editor']}"},
    )
    assert made.status_code in (200, 201), made.text
    ticks = {}
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["viewer"])
        for name in (BIG_SPENDERS, ONE_DATE):
            for lang in ("uk", "ru", "en"):
                page.goto(f"/ui/segment?name={name.replace(' ', '+')}&lang={lang}")
                page.wait_for_selector("#chart-sizes .main-svg .xtick text")
                ticks[name, lang] = page.eval_on_selector_all(
                    "#chart-sizes .xtick text", "nodes => nodes.map(n => n.textContent)"
                )
    assert watch.console_errors == []
    for (name, lang), texts in ticks.items():
        assert texts and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) for text in texts), (name, lang, texts)
        assert set(size_dates(server, name)) <= set(texts), (name, lang, texts)
    assert len(size_dates(server, ONE_DATE)) == 1


def test_the_size_chart_of_an_empty_segment_counts_whole_members(server):
    """A segment with no members drew its size axis as 0, 0,2, 0,4 … 1 (helper 88): members are whole."""
    made = httpx.post(
        f"{server.url}/segments",
        json={"name": "Нікого", "rule": "total_spent > 1000000000000"},
        headers={"Authorization": f"Bearer {server.shop.tokens['editor']}"},
    )
    assert made.status_code in (200, 201), made.text
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["viewer"])
        page.goto("/ui/segment?name=%D0%9D%D1%96%D0%BA%D0%BE%D0%B3%D0%BE&lang=uk")
        page.wait_for_selector("#chart-sizes .main-svg .ytick text")
        texts = "nodes => nodes.map(n => n.textContent)"
        ticks = page.eval_on_selector_all("#chart-sizes .ytick text", texts)
    assert watch.console_errors == []
    assert ticks and all(re.fullmatch(r"\d+", text) for text in ticks), ticks
