"""A customer's profile names the currency of every order (hunt-web, s22)."""

from __future__ import annotations

import re
from html import unescape

from tests.web.test_import_errors import log_in, upload
from tests.web.test_import_refresh import wait_for_state


def test_an_order_without_a_currency_of_its_own_is_shown_in_the_workspaces(client, shop):
    """Old code: an order imported from a file without a currency column (the common case: the amounts
    are in the shop's currency, docs/import.md) was shown as a bare "2 310,00", beside the demo's orders
    written "3 377,01 UAH"."""
    log_in(client, shop.tokens["editor"])
    ws = client.app.state.workspace.ws
    (customer,) = ws.raw.execute("SELECT customer_id FROM customers ORDER BY 1 LIMIT 1").fetchone()
    orders = f"Номер замовлення;Код клієнта;Дата;Сума\nIMP-1;{customer};03.02.2025;2 310,00\n"
    answer = upload(client, "uk", "замовлення.csv", orders.encode("cp1251"), entity="orders")
    assert answer.status_code == 303, answer.text
    wait_for_state(client, answer.headers["location"].split("id=")[1])
    profile = unescape(client.get("/ui/customer", params={"id": customer, "lang": "uk"}).text)
    row = re.search(r"<td>IMP-1</td>.*?</tr>", profile, re.S)
    assert row, profile.split('id="orders"')[1][:1500]
    amount = re.search(r'<td class="num">([^<]*)</td>', row[0])[1]
    amount = amount.replace("\u202f", " ").replace("\u00a0", " ")
    assert amount == f"2 310,00 {ws.settings.currency}", amount
