"""The customer page in Ukrainian and Russian (hunt-web): the orders table's heading and each order's
status are in the page's language; they were `order_id` and `completed` / `returned` on every page."""

from __future__ import annotations

from html import unescape

import pytest
from tests.web.conftest import log_in

WORDS = {
    "uk": ("<th>Номер замовлення</th>", {"completed": "виконано", "returned": "повернено"}),
    "ru": ("<th>Номер заказа</th>", {"completed": "выполнен", "returned": "возвращён"}),
}


@pytest.mark.parametrize("lang", WORDS)
def test_the_orders_of_a_customer_are_headed_and_stated_in_the_page_language(client, shop, lang):
    log_in(client, shop.tokens["viewer"])
    raw = client.app.state.workspace.ws.raw
    heading, statuses = WORDS[lang]
    for status, worded in statuses.items():
        found = raw.execute(
            "SELECT customer_id FROM orders o WHERE status = ? AND (SELECT count(*) FROM orders p "
            "WHERE p.customer_id = o.customer_id) <= 5 LIMIT 1",
            [status],
        ).fetchone()
        assert found is not None, status  # the demo shop has both
        page = unescape(client.get(f"/ui/customer?id={found[0]}&lang={lang}").text)
        orders = page.split(heading)[1].split("</table>")[0]
        assert f"<td>{worded}</td>" in orders and f"<td>{status}</td>" not in orders, (status, orders)
    assert "<th>order_id</th>" not in page


@pytest.mark.parametrize(("lang", "medium"), [("uk", "Середній (medium)"), ("ru", "Средний (medium)")])
def test_the_churn_risk_prediction_is_named_as_its_family_group(client, shop, lang, medium):
    """Old code: the predictions card showed the churn risk as stored (`medium`) on Ukrainian and Russian
    pages, beside the families card naming the same group `Середній (medium)`."""
    log_in(client, shop.tokens["viewer"])
    raw = client.app.state.workspace.ws.raw
    (customer,) = raw.execute("SELECT min(customer_id) FROM features WHERE churn_risk = 'medium'").fetchone()
    page = unescape(client.get(f"/ui/customer?id={customer}&lang={lang}").text)
    predictions = page.split('id="predictions"')[1].split("</section>")[0]
    assert f'<td class="num">{medium}</td>' in predictions, predictions
    assert '<td class="num">medium</td>' not in predictions


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_probabilities_are_percentages_as_on_other_pages(client, shop, lang):
    """Old code: the predictions card showed the churn probability (and the probability still active) as
    a fraction, 0,41, where the KPI cards write the churn rate as a percentage."""
    from segmint import localize

    log_in(client, shop.tokens["viewer"])
    raw = client.app.state.workspace.ws.raw
    customer, churn, alive = raw.execute(
        "SELECT customer_id, churn_probability, p_alive FROM features "
        "WHERE churn_probability BETWEEN 0.05 AND 0.95 AND p_alive IS NOT NULL ORDER BY customer_id LIMIT 1"
    ).fetchone()
    page = unescape(client.get(f"/ui/customer?id={customer}&lang={lang}").text)
    predictions = page.split('id="predictions"')[1].split("</section>")[0]
    for value in (churn, alive):
        shown = localize.percent(value, 1, lang)
        assert f'<td class="num">{shown}</td>' in predictions, (shown, predictions)
        assert (
            shown.endswith("%")
            and f'<td class="num">{localize.number(value, 2, lang)}</td>' not in predictions
        )
