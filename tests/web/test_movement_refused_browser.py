"""The segment page's movement panel refuses dates in the wrong order with a 422 (the status says it was
refused; it answered 200 before) and Chromium still shows the refusal in the panel: htmx swaps in no 4xx
answer by default, and the pages' htmx-config (base.html) swaps a 422 in."""

from __future__ import annotations

import pytest
from tests.web.browser import browser_page
from tests.web.test_browser import login

pytestmark = pytest.mark.xdist_group("web-browser")


def test_dates_in_the_wrong_order_are_refused_and_said_in_the_panel(server):
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["viewer"])
        page.goto("/ui/segment?name=Big+spenders&lang=uk")
        page.wait_for_selector("#movement-counts")
        dates = page.eval_on_selector_all("#movement-from option", "options => options.map(o => o.value)")
        assert len(dates) == 2
        statuses = []
        page.on("response", lambda r: statuses.append(r.status) if "/ui/segment/movement" in r.url else None)
        with page.expect_response(lambda r: "/ui/segment/movement" in r.url):
            page.select_option("#movement-from", dates[-1])  # from the last date to the last: refused
        error = page.wait_for_selector("#movement-error")
        assert error.inner_text() == "Перша дата має бути раніше за другу."
        assert page.query_selector("#movement-counts") is None  # no lists of the dates before under it
        assert page.input_value("#movement-from") == dates[-1]  # what was chosen stays chosen
        assert statuses == [422]

        with page.expect_response(lambda r: "/ui/segment/movement" in r.url):
            page.select_option("#movement-from", dates[0])  # back to dates in order: the lists again
        page.wait_for_selector("#movement-counts")
        assert page.query_selector("#movement-error") is None
        assert statuses == [422, 200]
    # the browser's own line for a 4xx answer is the only console error (htmx logs none for a 422)
    assert [e for e in watch.console_errors if "422" not in e] == []
