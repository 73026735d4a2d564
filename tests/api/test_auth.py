"""Every route but GET /health refuses a missing or wrong token; roles limit what a token may do.

The routes are read from the app, so a route added later is covered without touching this file.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from segmint import Workspace
from segmint.api import create_app

PUBLIC = {("GET", "/health")}


METHODS = ("get", "post", "put", "patch", "delete")


def api_operations() -> list[tuple[str, str]]:
    """(method, path template) of every operation in the app's OpenAPI document."""
    with tempfile.TemporaryDirectory() as folder:
        Workspace.init(Path(folder) / "ws").close()
        app = create_app(Path(folder) / "ws")
        spec = app.openapi()
        app.state.workspace.close()
    return [
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
        if method in METHODS
    ]


OPERATIONS = api_operations()
ROUTES = [(method, re.sub(r"\{[^}]+\}", "x", path)) for method, path in OPERATIONS]  # parameters filled in
PROTECTED = [route for route in ROUTES if route not in PUBLIC]


@pytest.fixture(params=PROTECTED, ids=[f"{m} {p}" for m, p in PROTECTED])
def route(request):
    return request.param


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer sgm_not-a-real-token"}, {"Authorization": "Basic dXNlcjpwYXNz"}],
    ids=["missing", "wrong", "not-bearer"],
)
def test_every_route_refuses_a_missing_or_wrong_token(client, route, headers):
    method, path = route
    response = client.client.request(method, path, headers=headers, json={})
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"


def test_the_route_list_covers_the_api():
    """Guards the parametrisation above: it must see the real routes, not an empty list."""
    assert {("GET", "/customers"), ("POST", "/segments"), ("GET", "/segments/x/members")} <= set(ROUTES)
    assert {("POST", "/refresh"), ("DELETE", "/tokens/x"), ("GET", "/families/x/transitions")} <= set(ROUTES)
    assert {("GET", "/clusters"), ("POST", "/clusters/fit"), ("POST", "/imports")} <= set(ROUTES)
    assert {("GET", "/imports/x"), ("GET", "/imports/x/quarantine")} <= set(ROUTES)
    assert {("POST", "/campaigns"), ("POST", "/campaigns/x/send"), ("GET", "/campaigns/x/results")} <= set(
        ROUTES
    )
    assert {("POST", "/triggers"), ("POST", "/triggers/run"), ("DELETE", "/triggers/x")} <= set(ROUTES)
    assert ("GET", "/health") in ROUTES


def test_health_needs_no_token(client):
    response = client.client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


WRITES = [
    ("POST", "/segments", {"name": "new one", "rule": "total_spent > 1"}),
    ("PATCH", "/segments/Big spenders", {"description": "changed"}),
    ("DELETE", "/segments/Big spenders", None),
    ("POST", "/refresh", {}),
    ("POST", "/clusters/fit", {}),
    ("POST", "/campaigns", {"name": "c", "messages": [{"target": "rfm:At Risk", "body": "hi"}]}),
    (
        "POST",
        "/triggers",
        {"name": "t", "on": "enter", "target": "rfm:Lost", "action": "tag", "params": {"tag": "x"}},
    ),
    ("POST", "/triggers/run", {}),
]


@pytest.mark.parametrize("method,path,body", WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_a_viewer_cannot_write(client, method, path, body):
    before = client.client.get("/segments", headers=client.as_("viewer")).json()
    response = client.client.request(method, path, json=body, headers=client.as_("viewer"))
    assert response.status_code == 403, response.text
    assert response.json()["error"]["code"] == "forbidden"
    assert client.client.get("/segments", headers=client.as_("viewer")).json() == before


def test_a_viewer_reads_and_an_editor_writes(fresh):
    assert fresh.client.get("/segments", headers=fresh.as_("viewer")).status_code == 200
    made = fresh.client.post(
        "/segments", json={"name": "Frequent", "rule": "orders >= 3"}, headers=fresh.as_("editor")
    )
    assert made.status_code == 201, made.text
    assert made.json()["size"] > 0


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_an_admin_manages_tokens(client, role):
    response = client.client.get("/tokens", headers=client.as_(role))
    assert response.status_code == 403
    assert client.client.get("/tokens", headers=client.as_("admin")).status_code == 200


def test_a_revoked_token_is_refused_and_tokens_are_stored_hashed(fresh):
    made = fresh.client.post("/tokens", json={"role": "viewer", "name": "temp"}, headers=fresh.as_("admin"))
    assert made.status_code == 201
    secret, token_id = made.json()["token"], made.json()["token_id"]
    assert fresh.client.get("/segments", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    ws = fresh.client.app.state.workspace.ws
    stored = [row[0] for row in ws.raw.execute("SELECT token_hash FROM api_tokens").fetchall()]
    assert secret not in stored and all(len(h) == 64 for h in stored)
    listed = fresh.client.get("/tokens", headers=fresh.as_("admin")).text
    assert secret not in listed
    assert fresh.client.delete(f"/tokens/{token_id}", headers=fresh.as_("admin")).status_code == 200
    refused = fresh.client.get("/segments", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 401
