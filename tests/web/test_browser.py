"""The web UI in real headless Chromium against a real uvicorn server on loopback: log in, read the
dashboard, build a segment visually (three filters, a nested OR group, a time-window aggregate) while the
live count follows and equals the API's preview, save it, open its page, export the CSV and check it
against the API's members, switch to Ukrainian. Screenshots go to tests/web/artifacts/."""

from __future__ import annotations

import codecs
import csv
import io
from urllib.parse import quote

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
        # the click posts the form and the refusal is a new page: wait for it (is_visible does not wait,
        # and read the old login page once in a fresh-clone CI run)
        page.locator("[role=alert]").wait_for(state="visible")
        assert page.locator("[role=alert]").is_visible()
        login(page, server.shop.tokens["viewer"])
        page.wait_for_selector("#insights")  # the KPIs and insights load after the page
        body = page.inner_text("body")
        for expected in ("Dashboard", "Families", "Insights", "Champions"):
            assert expected in body
        page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
        page.click("#lang-uk")
        page.wait_for_load_state()
        assert "Родини сегментів" in page.inner_text("body")
        page.goto("/ui/")  # the choice is remembered
        page.wait_for_selector("#insights")
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


RULE = (
    'orders_count >= 1 and (city = "Київ" or city = "Львів") and bought(category = "fashion", within = 365d)'
)


def count_after(page, previous: str) -> str:
    """Wait until the live count shows a number other than `previous` and no request is left to redraw
    it, and return it. Read in the same check that saw it: an edit's count request swaps in an empty
    count first, and a separate read after the check once got that '' (a CI run at load)."""
    shown = (
        "prev => { const c = document.querySelector('#count');"
        " return c && c.dataset.count !== '' && c.dataset.count !== prev && c.dataset.count; }"
    )
    page.wait_for_function(shown, arg=previous)
    page.wait_for_load_state("networkidle")  # a later edit's request, if any, has answered
    return page.wait_for_function(shown, arg=previous).json_value()


def csv_ids(text: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [row["customer_id"] for row in rows]


def api_member_ids(server, name: str) -> list[str]:
    answer = httpx.get(
        f"{server.url}/segments/{quote(name, safe='')}/members",
        params={"page_size": 1000},
        headers={"Authorization": f"Bearer {server.shop.tokens['viewer']}"},
    )
    assert answer.status_code == 200, answer.text
    return [row["customer_id"] for row in answer.json()["members"]]


def within_is(page, amount: str) -> None:
    page.wait_for_function(
        "amount => document.querySelector(\"input[name='r.2.kw.within.n']\").value === amount", arg=amount
    )


def api_preview(server, rule: str) -> int:
    answer = httpx.post(
        f"{server.url}/segments/preview",
        json={"rule": rule, "sample": 0},
        headers={"Authorization": f"Bearer {server.shop.tokens['editor']}"},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["count"]


def text_shows(page, part: str) -> None:
    """Wait until the rule text has `part`."""
    page.wait_for_function("part => document.querySelector('#rule-text').value.includes(part)", arg=part)


def ready(page, selector: str) -> str:
    """Wait for `selector` to be on the page and for htmx to have finished with the content it came in
    (htmx wires new content up after a short settle delay; a real user is never that fast)."""
    page.wait_for_selector(selector)
    page.wait_for_function("() => !document.querySelector('.htmx-added, .htmx-settling, .htmx-swapping')")
    return selector


def build_segment(page) -> list[str]:
    """Three filters: a purchase count, a nested OR group of two cities, a time-window aggregate
    (added from the searchable field list). Returns the counts seen after each step."""
    counts = [""]
    page.select_option(ready(page, "select[name='r.0.field']"), "orders_count")
    page.fill(ready(page, "input[name='r.0.value']"), "1")
    counts.append(count_after(page, counts[-1]))
    page.click(ready(page, "[data-path='r'] > .group-actions > .add-group"))
    page.select_option(ready(page, "select[name='r.1.0.field']"), "city")
    page.fill(ready(page, "input[name='r.1.0.value']"), "Київ")  # not in the rule until typed
    text_shows(page, 'city = "Київ"')
    counts.append(count_after(page, counts[-1]))
    page.click(ready(page, "[data-path='r.1'] > .group-actions > .add-cond"))
    page.select_option(ready(page, "select[name='r.1.1.field']"), "city")
    page.fill(ready(page, "input[name='r.1.1.value']"), "Львів")
    counts.append(count_after(page, counts[-1]))
    page.fill("#field-search", "bought")
    page.wait_for_function("() => document.querySelectorAll('.field-pick').length < 5")  # the search answered
    page.click(ready(page, ".field-pick[data-field='bought']"))
    page.fill(ready(page, "input[name='r.2.kw.category']"), "fashion")
    page.fill(ready(page, "input[name='r.2.kw.within.n']"), "365")
    counts.append(count_after(page, counts[-1]))
    return counts


def test_build_save_and_open_a_segment(server, artifacts):
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.goto("/ui/builder")
        counts = build_segment(page)
        text = page.input_value("#rule-text")
        assert text == RULE
        assert int(counts[-1]) == api_preview(server, text)
        assert int(counts[2]) < int(counts[3])  # OR-ing in a second city adds members
        page.screenshot(path=str(artifacts / "builder.png"), full_page=True)

        # text -> form: a shorter window redraws the form from the parsed rule
        page.fill("#rule-text", text.replace("365d", "90d"))
        within_is(page, "90")
        narrower = count_after(page, counts[-1])
        assert int(narrower) == api_preview(server, text.replace("365d", "90d"))
        # a broken rule shows where it breaks, and the form stays as it was
        page.fill("#rule-text", 'city = "Київ" and (')
        page.wait_for_selector("#rule-error")
        assert "Line 1, column" in page.inner_text("#rule-error")
        assert page.input_value("input[name='r.1.1.value']") == "Львів"
        page.fill("#rule-text", text)
        within_is(page, "365")
        count_after(page, "")

        page.fill("#segment-name", "Fashion in Kyiv or Lviv")
        page.click("#save")
        page.wait_for_url("**/ui/segment?name=*")
        assert "Fashion in Kyiv or Lviv" in page.inner_text("h1")
        assert page.inner_text("#segment-rule") == RULE
        page.screenshot(path=str(artifacts / "segment-new.png"), full_page=True)

        with page.expect_download() as download:
            page.click("#export-csv")
        saved = download.value.path().read_bytes()
        assert saved.startswith(codecs.BOM_UTF8)  # for Excel on a Cyrillic Windows (hunt-web W13)
        exported = saved.decode("utf-8-sig")
        assert sorted(csv_ids(exported)) == sorted(api_member_ids(server, "Fashion in Kyiv or Lviv"))
        assert len(csv_ids(exported)) == int(counts[-1])

        page.click("#lang-uk")
        page.wait_for_load_state()
        assert "Учасники" in page.inner_text("body") and "Експорт CSV" in page.inner_text("body")
        page.screenshot(path=str(artifacts / "segment-new-uk.png"), full_page=True)
    assert watch.console_errors == []
    assert watch.off_loopback() == []


def test_segment_page_with_history(server, artifacts):
    """The demo segment was refreshed a year ago and now: both charts draw; members sort, page and search."""
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["viewer"])
        page.goto("/ui/segments")
        page.click("text=Big spenders")
        page.wait_for_url("**/ui/segment?name=*")
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-figure]')]"
            ".filter(d => d._fullLayout && d.querySelector('.main-svg')).length === 2"
        )
        first = page.inner_text("#members tr:nth-child(2) td:first-child")
        page.click("#members th a[data-column='customer_id']")  # now descending
        page.wait_for_function(
            "prev => document.querySelector('#members tr:nth-child(2) td').innerText !== prev", arg=first
        )
        total = page.inner_text("#member-total")
        page.fill("#member-search", first)
        page.wait_for_function(
            "prev => document.querySelector('#member-total').innerText !== prev", arg=total
        )
        assert page.locator("#members tr").count() == 2  # the header and the one customer
        assert "▼" in page.inner_text("#members th a[data-column='customer_id']")  # the search kept the order
        page.screenshot(path=str(artifacts / "segment-history.png"), full_page=True)
    assert watch.console_errors == []
    assert watch.off_loopback() == []


def test_customer_clusters_and_import_pages(server, artifacts, tmp_path):
    with browser_page(server.url) as (page, watch):
        login(page, server.shop.tokens["editor"])
        page.goto("/ui/customers")
        page.fill("#customer-search", "Бондар")
        page.wait_for_function(
            "() => document.querySelectorAll('#results tr').length > 1"
            " && [...document.querySelectorAll('#results td')].some(td => td.innerText.includes('Бондар'))"
        )
        page.click("#results tr:nth-child(2) td:first-child a")
        page.wait_for_url("**/ui/customer?id=*")
        for section in ("#attributes", "#orders", "#events", "#predictions", "#segment-history"):
            assert page.locator(section).is_visible()
        page.screenshot(path=str(artifacts / "customer.png"), full_page=True)

        page.goto("/ui/clusters")
        assert page.locator("article.persona").count() >= 3
        page.screenshot(path=str(artifacts / "clusters.png"), full_page=True)
        page.click("article.persona >> nth=0 >> text=Open in the segment builder")
        page.wait_for_url("**/ui/builder?rule=*")
        count_after(page, "")  # the cluster's rule counts members

        upload = tmp_path / "клієнти.csv"
        upload.write_bytes(
            "customer_id;full_name;birth_date\nW1;Олена Коваль;31.01.1990\n;Без коду;01.02.1991\n".encode(
                "cp1251"
            )
        )
        page.goto("/ui/imports")
        page.set_input_files("input[name=file]", str(upload))
        page.select_option("select[name=entity]", "customers")
        page.wait_for_selector("#column-choices")  # the file's columns and the fields they fill
        assert page.input_value("select[data-source='full_name']") == "full_name"
        page.screenshot(path=str(artifacts / "import-columns.png"), full_page=True)
        page.click("#upload")
        page.wait_for_url("**/ui/import?id=*")
        assert page.inner_text("#import-state") == "finished"
        assert "missing customer_id" in page.inner_text("#quarantine")
        assert "клієнти.csv" in page.inner_text("body")
        page.click("#lang-uk")
        page.wait_for_load_state()
        assert "Карантин" in page.inner_text("#quarantine")
        page.screenshot(path=str(artifacts / "import-uk.png"), full_page=True)
    assert watch.console_errors == []
    assert watch.off_loopback() == []
