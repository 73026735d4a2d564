"""The rule language's field names as member columns over the API (GET /segments/{name}/members?columns=):
named as asked, sortable, valued as a rule reads them (compared with pandas over the orders); a function
of the rules is a 400 with its code."""

from __future__ import annotations

import csv
import io

import pytest
from tests.purchases import by_pandas

from segmint import Workspace
from segmint.rules.context import reference_date

from .conftest import BIG_SPENDERS
from .test_errors import assert_error


def test_members_with_rule_fields_as_columns(client, template):
    params = {"columns": "total_spent,orders_count,rfm.group", "sort": "total_spent", "order": "desc"}
    headers = client.as_("viewer")
    page = client.client.get(
        f"/segments/{BIG_SPENDERS}/members", params={**params, "page_size": 1000}, headers=headers
    )
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["columns"] == ["customer_id", "total_spent", "orders_count", "rfm.group"]
    rows = body["members"]
    assert len(rows) == body["total"] > 5
    spent = [float(r["total_spent"]) for r in rows]
    assert spent == sorted(spent, reverse=True) and min(spent) > 5000  # the segment's own rule holds
    with Workspace.open(template[0], read_only=True) as ws:
        expected = by_pandas(ws, reference_date(ws))
        groups = ws.table("features").to_pandas().set_index("customer_id").rfm_group
    for row in rows:
        assert float(row["total_spent"]) == pytest.approx(expected.total_spent[row["customer_id"]])
        assert row["orders_count"] == expected.orders_count[row["customer_id"]]
        assert row["rfm.group"] == groups[row["customer_id"]]
    download = client.client.get(
        f"/segments/{BIG_SPENDERS}/members", params={**params, "format": "csv"}, headers=headers
    )
    read = list(csv.DictReader(io.StringIO(download.text)))
    assert list(read[0]) == body["columns"] and [r["customer_id"] for r in read] == [
        r["customer_id"] for r in rows
    ]


def test_a_function_of_the_rules_is_refused_with_its_code(client):
    response = client.client.get(
        f"/segments/{BIG_SPENDERS}/members",
        params={"columns": "customer_id,spent"},
        headers=client.as_("viewer"),
    )
    error = assert_error(response, 400, "bad_request")
    assert error["details"]["code"] == "column.not_a_value.field"
    assert error["details"]["params"]["field"] == "total_spent"
    assert "'spent' is not one value per customer" in error["message"]
