"""Customers imported with separate first and last name columns (Ім'я, Прізвище: the common export layout)
have no full_name (docs/import.md). They were found by nobody searching their name, and shown with an empty
name in the customer search, the segment's member table and the profile's heading (hunt-web)."""

from __future__ import annotations

from html import unescape

from tests.web.test_import_errors import log_in, upload
from tests.web.test_import_refresh import wait_for_state


def test_a_customer_with_first_and_last_name_is_found_and_shown_by_name(client, shop):
    log_in(client, shop.tokens["editor"])
    customers = "Код клієнта;Ім'я;Прізвище;Місто;Email\nN1;Олена;Шевченко-Квітка;Київ;olena.n1@example.com\n"
    answer = upload(client, "uk", "клієнти.csv", customers.encode(), entity="customers")
    assert answer.status_code == 303, answer.text
    assert 'data-state="finished"' in wait_for_state(client, answer.headers["location"].split("id=")[1])
    for q in ("олена шевченко", "Шевченко-Квітка", "ОЛЕНА"):
        found = unescape(client.get("/ui/customers", params={"q": q, "lang": "uk"}).text)
        assert "N1</a>" in found and "<td>Олена Шевченко-Квітка</td>" in found, q
    profile = unescape(client.get("/ui/customer", params={"id": "N1", "lang": "uk"}).text)
    assert "<h1>Олена Шевченко-Квітка <small" in profile

    csrf = client.get("/ui/builder").text.split('name="csrf" value="')[1].split('"')[0]
    saved = client.post(
        "/ui/builder/save",
        data={"csrf": csrf, "name": "Олени", "rule_text": 'city = "Київ"', "kind": "static"},
        headers={"origin": "http://testserver"},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    members = unescape(client.get("/ui/segment/members", params={"name": "Олени", "q": "шевченко"}).text)
    assert "<td>Олена Шевченко-Квітка</td>" in members
