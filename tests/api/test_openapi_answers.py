"""The OpenAPI document describes the answers the API really gives: real requests of an integrator's script
(segments, members, history, families, refresh, tokens), each answer checked by schemathesis against the
operation's documented status codes, content types and response schema."""

from __future__ import annotations

import pytest
import schemathesis

from .conftest import BIG_SPENDERS

# (method, path, path parameters, query, JSON body): each answered as documented
CALLS = [
    ("GET", "/segments", {}, {}, None),
    ("GET", "/segments/{name}", {"name": BIG_SPENDERS}, {}, None),
    ("GET", "/segments/{name}", {"name": "VIP"}, {}, None),
    ("POST", "/segments", {}, {}, {"name": "Made here", "rule": "total_spent > 100"}),
    ("POST", "/segments", {}, {}, {"name": "Bad", "rule": "total_spent >"}),
    ("PATCH", "/segments/{name}", {"name": "Made here"}, {}, {"description": "changed"}),
    ("POST", "/segments/validate", {}, {}, {"rule": 'rfm.group = "Champs"'}),
    ("POST", "/segments/preview", {}, {}, {"rule": "total_spent > 100", "sample": 2}),
    ("GET", "/segments/{name}/members", {"name": BIG_SPENDERS}, {"columns": "full_name,rfm.group"}, None),
    ("GET", "/segments/{name}/members", {"name": BIG_SPENDERS}, {"format": "csv"}, None),
    ("GET", "/segments/{name}/history", {"name": BIG_SPENDERS}, {"from": "2025-01-01"}, None),
    ("GET", "/families", {}, {}, None),
    ("GET", "/families/{name}/transitions", {"name": "rfm"}, {}, None),
    (
        "GET",
        "/families/{name}/transitions",
        {"name": "rfm"},
        {"from": "2020-01-01", "to": "2030-01-01"},
        None,
    ),
    ("GET", "/families/{name}/history", {"name": "rfm"}, {"group": "Lost", "to": "2026-01-01"}, None),
    ("GET", "/segments/{name}/history", {"name": BIG_SPENDERS}, {"to": "2025-06-30"}, None),
    ("GET", "/tokens", {}, {}, None),
    ("POST", "/tokens", {}, {}, {"role": "viewer", "name": "script"}),
    ("DELETE", "/segments/{name}", {"name": "Made here"}, {}, None),
    (
        "POST",
        "/campaigns",
        {},
        {},
        {"name": "Back", "messages": [{"target": "rfm:At Risk", "subject": "Hi", "body": "Hi"}]},
    ),
    ("GET", "/campaigns/{name}", {"name": "Back"}, {}, None),
    ("GET", "/campaigns/{name}/preview", {"name": "Back"}, {"customer_id": "C0000001"}, None),
    ("GET", "/campaigns/{name}/export", {"name": "Back"}, {"layout": "esputnik"}, None),  # CSV
    ("GET", "/campaigns/{name}/export", {"name": "Back"}, {"format": "json"}, None),
    ("GET", "/campaigns/{name}/results", {"name": "Back"}, {}, None),  # 409: not sent yet
]


@pytest.fixture(scope="module")
def operations(fresh_module):
    api = schemathesis.openapi.from_asgi("/openapi.json", fresh_module.client.app)
    return {(op.ok().method.upper(), op.ok().path): op.ok() for op in api.get_all_operations()}


@pytest.fixture(scope="module")
def fresh_module(template, tmp_path_factory):
    from .conftest import _api

    api = _api(template, tmp_path_factory.mktemp("api-openapi"))
    with api.client:
        yield api


def test_every_answer_is_as_the_document_says(fresh_module, operations):
    """Segments' created_at and updated_at, and tokens' created_at, were declared `date-time` (RFC 3339,
    an offset required) but are the workspace's local time without one: a client generated from the
    document could not read them."""
    headers = fresh_module.as_("admin")
    for method, path, parameters, query, body in CALLS:
        kwargs = {"body": body, "media_type": "application/json"} if body is not None else {}
        case = operations[(method, path)].Case(path_parameters=parameters, query=query, **kwargs)
        response = case.call(headers=headers)
        assert response.status_code < 500, response.text
        if (method, path) == ("POST", "/campaigns"):  # the campaign the next calls read
            assert response.status_code == 201, response.text
        case.validate_response(response)


def test_the_conflicts_a_running_refresh_causes_are_documented(operations):
    """409 refresh_running (docs/api.md, "Refresh") answers these while a refresh runs; 413 any request
    with too large a body. Neither was in the document."""
    for key in [
        ("POST", "/segments"),
        ("PATCH", "/segments/{name}"),
        ("DELETE", "/segments/{name}"),
        ("POST", "/refresh"),
        ("POST", "/clusters/fit"),
        ("POST", "/imports"),
        ("POST", "/campaigns/{name}/send"),
    ]:
        assert "409" in operations[key].definition.raw["responses"], key
    for key, operation in operations.items():
        if key != ("GET", "/health"):
            assert "413" in operation.definition.raw["responses"], key


def test_history_and_transitions_answers_are_described_key_by_key(fresh_module):
    """A script's client generated from the document knows every key of these answers: the transition
    matrix and a segment's history were `object` / lists of `object`, so nothing of them was described."""
    document = fresh_module.client.get("/openapi.json").json()

    def resolved(schema: dict) -> dict:
        while "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        if "anyOf" in schema:  # X | None
            schema = next(resolved(s) for s in schema["anyOf"] if s.get("type") != "null")
        return schema

    def described(schema: dict, value, where: str) -> None:
        schema = resolved(schema)
        if isinstance(value, dict):
            assert set(value) <= set(schema.get("properties", {})), (where, sorted(value), schema)
            for key, item in value.items():
                described(schema["properties"][key], item, f"{where}.{key}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            described(schema["items"], value[0], f"{where}[0]")

    viewer = fresh_module.as_("viewer")
    for path, params, operation in [
        ("/families/rfm/transitions", {}, "/families/{name}/transitions"),
        ("/families/rfm/history", {"from": "2025-01-01"}, "/families/{name}/history"),
        (f"/segments/{BIG_SPENDERS}/history", {"from": "2025-01-01"}, "/segments/{name}/history"),
    ]:
        answer = fresh_module.client.get(path, params=params, headers=viewer)
        assert answer.status_code == 200, answer.text
        schema = document["paths"][operation]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ]
        described(schema, answer.json(), path)


def test_both_member_listings_document_the_same_query(client):
    """A segment's members and a family group's take the same paging, sort, columns, format, bom and
    as_of: /openapi.json documents them alike, in the same order (the family's `group` before them).
    They were declared twice and had drifted: the family's `bom` said only "(for Excel)", not why (a
    Ukrainian or Russian Windows reads a CSV without it as cp1251)."""
    paths = client.client.get("/openapi.json").json()["paths"]

    def query(path: str) -> list[dict]:
        return [p for p in paths[path]["get"]["parameters"] if p["in"] == "query"]

    segment, family = query("/segments/{name}/members"), query("/families/{name}/members")
    assert [p["name"] for p in family] == ["group"] + [p["name"] for p in segment]
    assert family[1:] == segment
    names = ["page", "page_size", "sort", "order", "columns", "format", "bom", "as_of"]
    assert [p["name"] for p in segment] == names
    bom = next(p for p in segment if p["name"] == "bom")
    assert "cp1251" in bom["description"] and bom["schema"]["default"] is False


def test_an_imports_times_are_as_the_document_says(fresh_module, operations):
    """An import's started_at and finished_at (GET /imports, GET /imports/{id}) are the workspace's local
    time without an offset, as a segment's and a token's are, but were declared `date-time` (RFC 3339,
    an offset required): a client checking answers against the document refused both listings."""
    file = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    file += "536365,85123A,HEART HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
    uploaded = fresh_module.client.post(
        "/imports",
        files={"file": ("retail.csv", file.encode(), "text/csv")},
        data={"entity": "orders", "preset": "online-retail"},
        headers=fresh_module.as_("editor"),
    )
    assert uploaded.status_code == 201, uploaded.text
    headers = fresh_module.as_("viewer")
    for path, parameters in (
        ("/imports", {}),
        ("/imports/{import_id}", {"import_id": uploaded.json()["import_id"]}),
    ):
        response = operations[("GET", path)].Case(path_parameters=parameters).call(headers=headers)
        assert response.status_code == 200, response.text
        operations[("GET", path)].Case(path_parameters=parameters).validate_response(response)
    listed = fresh_module.client.get("/imports", headers=headers).json()["imports"][0]
    assert listed["started_at"] <= listed["finished_at"] and "+" not in listed["finished_at"]
