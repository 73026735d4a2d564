"""Web UI bugs from the API/UI bug hunt (notes hunt-api B16, B25, B13/B24, B12, B14, B21) through TestClient:
pages answer pages (never the API's JSON), paging, the Ukrainian texts."""

from __future__ import annotations

import re

from tests.web.conftest import BIG_SPENDERS, log_in


def rows_of(html_text: str, table_id: str) -> int:
    """Data rows (not the header) of the table with this id."""
    table = html_text.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return table.count("<tr") - 1


def test_bad_query_parameters_answer_an_html_page(client, shop):
    """B16: /ui/customer without ?id= and a member page 0 answered the API's raw JSON 422."""
    log_in(client, shop.tokens["viewer"])
    for path in ("/ui/customer", "/ui/segment/members?name=Big%20spenders&page=0", "/ui/customers?page=x"):
        answer = client.get(path)
        assert answer.status_code == 400, path
        assert answer.headers["content-type"].startswith("text/html"), path
        assert 'role="alert"' in answer.text
    assert "id" in client.get("/ui/customer").text.split('role="alert">', 1)[1].split("</p>", 1)[0]
    ukrainian = client.get("/ui/customer?lang=uk")
    assert "У посиланні бракує значення" in ukrainian.text
    # the API keeps its JSON errors
    api = client.get("/customers/NOPE/x", headers={"Authorization": f"Bearer {shop.tokens['viewer']}"})
    assert api.headers["content-type"].startswith("application/json")


def test_an_address_that_is_no_page_answers_an_html_page(client, shop):
    log_in(client, shop.tokens["viewer"])
    for path, status in (("/ui/builder/save", 405), ("/ui/no-such-page", 404)):
        answer = client.get(path)
        assert answer.status_code == status
        assert answer.headers["content-type"].startswith("text/html")


def test_a_page_past_the_last_shows_the_last_page_everywhere(client, shop):
    """B16: /ui/customers?page=99999 said "page 99999 of 20" over an empty table (with a link back to page
    99998), and the segment's members said "page N of N" over an empty table too."""
    log_in(client, shop.tokens["viewer"])
    customers = client.get("/ui/customers?page=99999")
    assert customers.status_code == 200
    last = re.search(r"page (\d+) of (\d+)", customers.text)
    assert last and last.group(1) == last.group(2)
    assert rows_of(customers.text, "results") > 0
    members = client.get("/ui/segment/members", params={"name": BIG_SPENDERS, "page": 999})
    last = re.search(r"page (\d+) of (\d+)", members.text)
    assert last and last.group(1) == last.group(2)
    assert rows_of(members.text, "members") > 0
    bearer = {"Authorization": f"Bearer {shop.tokens['viewer']}"}
    size = client.get("/segments/Big%20spenders", headers=bearer).json()["size"]
    assert rows_of(members.text, "members") == size - (int(last.group(2)) - 1) * 25
