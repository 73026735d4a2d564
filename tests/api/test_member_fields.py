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


@pytest.mark.parametrize(
    ("route", "group"),
    [(f"/segments/{BIG_SPENDERS}/members", {}), ("/families/rfm/members", {"group": "Champions"})],
)
def test_columns_naming_no_column_are_refused_as_the_cli_refuses_them(client, route, group):
    """`columns=,,` answered customer_id alone (200) where `segments members --columns ",,"` is refused;
    `columns=` empty still gives the default columns."""
    for columns in (",,", " , "):
        response = client.client.get(
            route, params={"columns": columns, **group}, headers=client.as_("viewer")
        )
        error = assert_error(response, 400, "bad_request")
        assert error["details"] == {"code": "options.no_columns", "params": {"option": "columns"}}
    empty = client.client.get(route, params={"columns": "", **group}, headers=client.as_("viewer"))
    assert empty.status_code == 200, empty.text
    assert empty.json()["columns"] == ["customer_id", "full_name", "email", "phone", "city"]


@pytest.mark.parametrize(
    ("route", "group"),
    [(f"/segments/{BIG_SPENDERS}/members", {}), ("/families/rfm/members", {"group": "Champions"})],
)
def test_columns_and_sort_match_a_field_name_the_same_way(client, route, group):
    """`columns` and `sort` take a field as the CLI's --columns does: by its exact name, another case
    refused with the one meant. The sort was checked first, against the names as typed, so
    columns=Total_Spent&sort=total_spent said "sort by one of the columns customer_id, Total_Spent"
    (a column the listing refuses), and a sort in another case got no hint."""
    viewer = client.as_("viewer")
    typed = client.client.get(
        route, params={**group, "columns": "Total_Spent", "sort": "total_spent"}, headers=viewer
    )
    details = assert_error(typed, 400, "bad_request")["details"]
    assert details["code"] == "column.unknown"
    assert details["params"]["columns"] == ["Total_Spent"]
    assert details["params"]["hints"] == {"Total_Spent": "total_spent"}
    columns = ["customer_id", "total_spent", "rfm.group"]
    for sort, hint in (("Total_Spent", "total_spent"), ("RFM_GROUP", "rfm.group"), ("monetary", None)):
        params = {**group, "columns": "total_spent,rfm.group", "sort": sort}
        error = assert_error(client.client.get(route, params=params, headers=viewer), 400, "bad_request")
        expected = {"sort": sort, "columns": columns, **({"hint": hint} if hint else {})}
        assert error["details"] == {"code": "sort.not_a_column", "params": expected}
        assert (f"(did you mean {hint!r}?)" in error["message"]) is bool(hint)
    params = {**group, "columns": "total_spent,rfm.group", "sort": "total_spent", "order": "desc"}
    sorted_ = client.client.get(route, params=params, headers=viewer)
    assert sorted_.status_code == 200 and sorted_.json()["columns"] == columns
    spent = [row["total_spent"] for row in sorted_.json()["members"]]
    assert spent == sorted(spent, reverse=True) and spent
