"""The builder's field search finds the fields by the words the pages' own KPI cards use, in the forms a
Ukrainian or Russian marketer types them: "чек" (Середній чек) found nothing, "відтік" not "Ризик
відтоку", "витрати" not total_spent, "замовлення" not orders_count (TestClient, GET /ui/builder/fields)."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import log_in


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("чек", {"avg_order_value", "avg_order"}),
        ("середній чек", {"avg_order_value", "avg_order"}),
        ("відтік", {"churn_risk", "churn_probability"}),
        ("витрати", {"total_spent", "spent"}),
        ("замовлення", {"orders_count"}),
        ("отток", {"churn_risk", "churn_probability"}),
        ("траты", {"total_spent", "spent"}),
        ("средний чек", {"avg_order_value", "avg_order"}),
    ],
)
def test_kpi_words_find_their_fields(client, shop, typed, found):
    log_in(client, shop.tokens["viewer"])
    answer = client.get("/ui/builder/fields", params={"q": typed})
    assert answer.status_code == 200
    listed = set(re.findall(r'data-field="([^"]+)"', answer.text))
    assert found <= listed, listed


def test_a_word_of_nothing_still_finds_nothing(client, shop):
    log_in(client, shop.tokens["viewer"])
    answer = client.get("/ui/builder/fields", params={"q": "абракадабра"})
    assert re.findall(r'data-field="([^"]+)"', answer.text) == []
