"""A customer's profile lists what is known about the person (hunt-web, s22)."""

from __future__ import annotations

import re
from html import unescape

from tests.web.test_import_errors import log_in, upload
from tests.web.test_import_refresh import wait_for_state


def attributes_of(client, customer: str) -> str:
    profile = unescape(client.get("/ui/customer", params={"id": customer, "lang": "uk"}).text)
    return profile.split('id="attributes"')[1].split("</section>")[0]


def test_a_profile_shows_a_files_other_columns_as_such_and_no_bookkeeping(client, shop):
    """Old code: a customer made by an orders import showed the row 'signup_from_orders | ні/так' (segmint's
    own flag, under its column name), and the columns no field took were one line of JSON,
    {"Улюблений колір":"синій","Розмір":"M"}."""
    log_in(client, shop.tokens["editor"])
    people = "Код клієнта;Повне ім'я;Улюблений колір;Розмір\nP1;Олена Пчілка;синій;M\n"
    answer = upload(client, "uk", "клієнти.csv", people.encode(), entity="customers")
    assert answer.status_code == 303, answer.text
    orders = "order_id,customer_id,ordered_at,total\nP-1,P2,2025-02-03,10\n"
    fields = {"entity": "orders", "create_missing_customers": "1"}
    answer = upload(client, "uk", "замовлення.csv", orders.encode(), **fields)
    assert answer.status_code == 303, answer.text
    wait_for_state(client, answer.headers["location"].split("id=")[1])

    p1 = attributes_of(client, "P1")
    other = re.search(r"<th>Інші атрибути</th><td>(.*?)</td>", p1, re.S)
    assert other, p1
    tags = re.findall(r'<span class="tag">([^<]*)</span>', other[1])
    assert tags == ["Улюблений колір: синій", "Розмір: M"], other[1]
    assert "{" not in other[1]
    p2 = attributes_of(client, "P2")
    assert "Дата реєстрації" in p2 and "signup_from_orders" not in p2
