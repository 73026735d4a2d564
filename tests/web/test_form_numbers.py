"""The builder and the campaign form read a typed number as an import reads an amount (web/numbers.py over
segmint.ingest.normalise.parse_amount): each had a reader of its own, and neither took all of what the
import takes (TestClient for the form)."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from tests.web.conftest import ORIGIN, log_in
from tests.web.test_campaign_pages import FORM, post, ws_of
from tests.web.test_pages import csrf_of

from segmint.campaigns import all_campaigns
from segmint.web.builder.draft import Problem, literal

# as files write 1234.5: space, no-break space or narrow no-break space thousands, a decimal comma or point,
# dot thousands with a decimal comma, comma thousands with a decimal point
WRITTEN = ["1 234,5", "1\u00a0234,5", "1\u202f234,5", "1234.5", "1234,5", "1.234,5", "1,234.5"]


@pytest.mark.parametrize("text", WRITTEN)
def test_the_builder_reads_a_number_as_an_import_does(text):
    """Old code: '1.234,5' and '1,234.5' were 'not a number' (the builder replaced commas by points)."""
    assert literal(text, "number", "total_spent") == "1234.5"


@pytest.mark.parametrize("text", ["abc", "1 234 грн", "nan", "1,2,3.4.5"])
def test_the_builder_refuses_what_an_import_refuses(text):
    with pytest.raises(Problem):
        literal(text, "number", "total_spent")


def test_the_campaign_form_reads_its_numbers_as_an_import_does(client, shop):
    """Old code: a cost typed "1 234,5" (or "1.234,5", "1,234.5") was refused, "впишіть число": the form
    read float(text with the comma as a point)."""
    log_in(client, shop.tokens["editor"])
    for n, text in enumerate(WRITTEN):
        form = {**FORM, "name": f"Осінь {n}", "cost_per_message": text, "holdout_share": "12,5"}
        made = post(client, "/ui/campaigns", form)
        assert made.status_code == 303, (text, made.text.split('id="campaign-error">')[-1][:200])
    costs = {c.name: c.cost_per_message for c in all_campaigns(ws_of(client))}
    assert set(costs.values()) == {Decimal("1234.5")}, costs
    assert {c.holdout_share for c in all_campaigns(ws_of(client))} == {0.125}
    refused = post(client, "/ui/campaigns", {**FORM, "name": "x", "cost_per_message": "1 234 $"})
    assert refused.status_code == 400 and "1 234 $" in refused.text  # not the workspace's currency


# an amount written with the workspace's currency (UAH), as the import takes it in a file
IN_CURRENCY = ["1 234,5 ₴", "₴1 234,50", "1 234,5 грн", "UAH 1234.5"]


def builder_text(client, headers: dict, field: str, value: str) -> str:
    form = {"r.kind": "group", "r.0.kind": "cond", "r.0.field": field, "r.0.op": ">", "r.0.value": value}
    answer = client.post("/ui/builder/update", data={**form, "mode": "sync"}, headers=headers)
    assert answer.status_code == 200
    return html.unescape(answer.text)


def test_the_builder_reads_an_amount_in_the_workspace_s_currency_as_the_import_does(client, shop):
    """Old code: the import landed `1 234,5 ₴` as 1234.5, but the builder said `'1 234,5 ₴' — не число`
    and left the condition out (findings-web.md, 3): web/numbers.py ran the import's reader without the
    currency step."""
    bearer = {"Authorization": f"Bearer {shop.tokens['editor']}"}
    lines = [f'W{n},C{n},2025-12-01,"{text}"' for n, text in enumerate(IN_CURRENCY)]
    content = "\n".join(["order_id,customer_id,ordered_at,total", *lines]).encode()
    data = {"entity": "orders", "create_missing_customers": "true"}
    answer = client.post("/imports", data=data, files={"file": ("o.csv", content)}, headers=bearer)
    assert answer.status_code == 201 and answer.json()["inserted"] == len(IN_CURRENCY), answer.text
    totals = (
        ws_of(client).raw.execute("SELECT DISTINCT total FROM orders WHERE order_id LIKE 'W_'").fetchall()
    )
    assert totals == [(Decimal("1234.5"),)]
    log_in(client, shop.tokens["viewer"])
    headers = {**ORIGIN, "x-csrf-token": csrf_of(client, "/ui/builder")}
    for text in IN_CURRENCY:
        shown = builder_text(client, headers, "total_spent", text)
        assert "total_spent > 1234.5" in shown and "не число" not in shown and "not a number" not in shown, (
            text
        )
    # another currency, or a currency beside a count, is no number for the builder as for the import
    for field, text in (("total_spent", "1 234,5 $"), ("total_spent", "5 EUR"), ("orders_count", "5 грн")):
        shown = builder_text(client, headers, field, text)
        assert "not a number" in shown and f"{field} >" not in shown, (field, text)


def test_the_campaign_form_reads_a_cost_in_the_workspace_s_currency(client, shop):
    """Old code: "Вартість повідомлення" = `0,5 грн` was refused, 400 `не вдається прочитати '0,5 грн'`."""
    log_in(client, shop.tokens["editor"])
    for n, text in enumerate(["0,5 грн", "₴0,50", "0.5 UAH", "0,5 ₴"]):
        made = post(client, "/ui/campaigns", {**FORM, "name": f"Зима {n}", "cost_per_message": text})
        assert made.status_code == 303, (text, made.text.split('id="campaign-error">')[-1][:200])
    costs = {c.name: c.cost_per_message for c in all_campaigns(ws_of(client)) if c.name.startswith("Зима")}
    assert set(costs.values()) == {Decimal("0.5")}, costs
    # a share is no amount: a currency beside it is refused
    refused = post(client, "/ui/campaigns", {**FORM, "name": "y", "holdout_share": "10 грн"})
    assert refused.status_code == 400 and "10 грн" in refused.text
