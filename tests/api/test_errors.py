"""Every error has one JSON shape, {"error": {"code", "message", "details"}}, with no traceback in it."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from segmint.api import create_app

SHAPE = {"error"}
INNER = {"code", "message", "details"}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == SHAPE and set(body["error"]) == INNER
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in response.text
    return body["error"]


def test_not_found(client):
    error = assert_error(
        client.client.get("/segments/nobody", headers=client.as_("viewer")), 404, "not_found"
    )
    assert "nobody" in error["message"]
    assert_error(client.client.get("/customers/NO-SUCH", headers=client.as_("viewer")), 404, "not_found")
    assert_error(
        client.client.get("/families/nope/transitions", headers=client.as_("viewer")), 404, "not_found"
    )
    assert_error(client.client.get("/no/such/route", headers=client.as_("viewer")), 404, "not_found")


def test_validation_error_lists_each_problem(client):
    response = client.client.post(
        "/segments", json={"name": 5, "kind": "sometimes"}, headers=client.as_("editor")
    )
    error = assert_error(response, 422, "validation_error")
    where = {tuple(item["location"]) for item in error["details"]}
    assert {("body", "name"), ("body", "kind")} <= where
    assert all(set(item) == {"location", "message", "type"} for item in error["details"])
    bad_query = client.client.get("/segments/Big spenders/members?page=0", headers=client.as_("viewer"))
    assert_error(bad_query, 422, "validation_error")
    not_json = client.client.post(
        "/segments/validate",
        content=b"{not json",
        headers={**client.as_("viewer"), "content-type": "application/json"},
    )
    assert_error(not_json, 422, "validation_error")


def test_auth_errors(client):
    assert_error(client.client.get("/segments"), 401, "unauthorized")
    assert_error(client.client.post("/refresh", headers=client.as_("viewer")), 403, "forbidden")


def test_method_not_allowed(client):
    assert_error(client.client.put("/segments", headers=client.as_("admin")), 405, "method_not_allowed")


def test_a_rule_error_gives_line_and_column(fresh):
    response = fresh.client.post(
        "/segments",
        json={"name": "broken", "rule": 'city = "Київ" and\n  totl_spent > 5'},
        headers=fresh.as_("editor"),
    )
    error = assert_error(response, 400, "invalid_rule")
    assert (error["details"]["line"], error["details"]["column"]) == (2, 3)
    assert "total_spent" in error["message"]  # the nearest known field is suggested
    assert fresh.client.get("/segments/broken", headers=fresh.as_("viewer")).status_code == 404


def test_a_rule_error_carries_its_code_and_params(fresh):
    """A client can word a rule error in its own language from its code and params (as the web UI does),
    instead of matching the English message; the message and the other details stay as they were."""
    rule = 'city = "Київ" and\n  totl_spent > 5'
    error = assert_error(
        fresh.client.post("/segments", json={"name": "broken", "rule": rule}, headers=fresh.as_("editor")),
        400,
        "invalid_rule",
    )
    assert error["message"] == "unknown field 'totl_spent'; did you mean 'total_spent'?"
    assert error["details"] == {
        "line": 2,
        "column": 3,
        "caret": "    totl_spent > 5\n    ^",
        "code": "unknown_name.hint",
        "params": {"kind": "field", "name": "totl_spent", "hint": "total_spent"},
    }
    checked = fresh.client.post("/segments/validate", json={"rule": rule}, headers=fresh.as_("viewer")).json()
    assert checked["errors"][0]["code"] == "unknown_name.hint"
    assert checked["errors"][0]["params"] == error["details"]["params"]


def test_a_refused_library_operation_is_a_bad_request(fresh):
    response = fresh.client.post(
        "/segments", json={"name": "Big spenders", "rule": "orders > 1"}, headers=fresh.as_("editor")
    )
    error = assert_error(response, 400, "bad_request")
    assert "already exists" in error["message"]


def test_a_segment_error_gives_its_code_and_params(fresh):
    """A refused segment operation and an unknown segment give the error's code and params in `details`,
    as invalid_rule does, so a client words them in its language; the status, code and message are as
    they were (the 404's message was matched by a regex in web/messages.py, details were null)."""
    headers = fresh.as_("editor")
    taken = fresh.client.post(
        "/segments", json={"name": "Big spenders", "rule": "orders > 1"}, headers=headers
    )
    error = assert_error(taken, 400, "bad_request")
    assert error["details"] == {"code": "name.taken", "params": {"name": "Big spenders"}}
    unknown = fresh.client.post(
        "/segments", json={"name": "Few", "kind": "static", "members": ["NO-SUCH"]}, headers=headers
    )
    error = assert_error(unknown, 400, "bad_request")
    assert error["details"] == {"code": "ids.unknown", "params": {"ids": ["NO-SUCH"]}}
    missing = fresh.client.get("/segments/Nobody", headers=headers)
    error = assert_error(missing, 404, "not_found")
    assert error["message"] == "no segment named 'Nobody'; known: Big spenders"
    assert error["details"] == {
        "code": "segment.unknown",
        "params": {"name": "Nobody", "known": ["Big spenders"]},
    }
    typo = assert_error(fresh.client.get("/segments/Big spender", headers=headers), 404, "not_found")
    said = "no segment named 'Big spender' (did you mean 'Big spenders'?); known: Big spenders"
    assert typo["message"] == said
    assert typo["details"]["params"]["hint"] == "Big spenders"
    for path in ("/segments/Nobody/members", "/segments/Nobody/kpis"):
        assert fresh.client.get(path, headers=headers).json()["error"]["details"]["code"] == "segment.unknown"
    deleted = fresh.client.delete("/segments/Nobody", headers=headers)
    assert assert_error(deleted, 404, "not_found")["details"]["params"]["name"] == "Nobody"


def test_an_unexpected_exception_is_logged_not_shown(template, tmp_path, caplog):
    import shutil

    shutil.copytree(template[0], tmp_path / "ws")
    app = create_app(tmp_path / "ws")

    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    app.add_api_route("/boom", boom)
    with (
        TestClient(app, raise_server_exceptions=False) as client,
        caplog.at_level(logging.ERROR, "segmint.api"),
    ):
        response = client.get("/boom")
    error = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text and error["details"] is None
    assert any("secret internals" in (r.exc_text or "") or r.exc_info for r in caplog.records)


@pytest.mark.parametrize("path", ["/openapi.json"])
def test_the_openapi_document_declares_the_error_shape(client, path):
    spec = client.client.get(path).json()
    assert "ErrorResponse" in spec["components"]["schemas"]
    members = spec["paths"]["/segments/{name}/members"]["get"]["responses"]
    assert members["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


def test_validate_refuses_an_unknown_segment_as_the_save_does(fresh):
    """POST /segments/validate answered ok for in_segment("<no such segment>"), which the preview and the
    save refuse (hunt-web W16): it now gives the save's error, with its line, column, code and params."""
    rule = 'city = "Київ" and\n  in_segment("Big spendrs")'
    saved = assert_error(
        fresh.client.post("/segments", json={"name": "broken", "rule": rule}, headers=fresh.as_("editor")),
        400,
        "invalid_rule",
    )
    checked = fresh.client.post("/segments/validate", json={"rule": rule}, headers=fresh.as_("viewer")).json()
    assert checked["ok"] is False
    (problem,) = checked["errors"]
    expected = "unknown segment 'Big spendrs'; did you mean 'Big spenders'?"
    assert problem["message"] == saved["message"] == expected
    assert {key: problem[key] for key in saved["details"] if key != "segment"} == {
        key: value
        for key, value in saved["details"].items()
        if key != "segment"  # the save names it
    }
    assert (problem["line"], problem["column"], problem["code"]) == (2, 3, "segment.unknown.hint")
    fine = fresh.client.post(
        "/segments/validate", json={"rule": 'in_segment("Big spenders")'}, headers=fresh.as_("viewer")
    ).json()
    assert fine["ok"] is True


def test_unknown_ids_are_a_json_list_of_the_ids(fresh):
    """ids.unknown's params.ids is the list of the ids no customer has (the first 5, sorted, as the message
    names them; `more`: how many more, when there are), each exactly as sent whatever it holds: a client
    finds the ids to fix without parsing the message's quoted text, which params.ids was
    ("'NOPE1', 'NOPE2'")."""
    editor = fresh.as_("editor")
    odd = ['it\'s, "odd"', "Клієнт 7", "NOPE1"]
    made = fresh.client.post(
        "/segments", json={"name": "Few", "kind": "static", "members": ["C0000001", *odd]}, headers=editor
    )
    error = assert_error(made, 400, "bad_request")
    assert error["details"] == {"code": "ids.unknown", "params": {"ids": sorted(odd)}}
    many = [f"Z{i}" for i in range(9)]
    made = fresh.client.post(
        "/segments", json={"name": "Few", "kind": "static", "members": many}, headers=editor
    )
    error = assert_error(made, 400, "bad_request")
    assert error["details"]["params"] == {"ids": many[:5], "more": 4}
    assert error["message"] == "no customer has the id 'Z0', 'Z1', 'Z2', 'Z3', 'Z4' and 4 more"
    fresh.client.post(
        "/segments", json={"name": "Few", "kind": "static", "members": ["C0000001"]}, headers=editor
    )
    for change in ({"add": ["NOPE1"]}, {"remove": ["NOPE1"]}):
        error = assert_error(
            fresh.client.patch("/segments/Few", json=change, headers=editor), 400, "bad_request"
        )
        assert error["details"] == {"code": "ids.unknown", "params": {"ids": ["NOPE1"]}}


def test_an_unknown_campaign_or_trigger_is_a_404_with_its_code(fresh):
    """A campaign or trigger that does not exist is a 404 with the library's code and params, as an
    unknown segment's is (campaign.unknown: name, known; campaign.unknown.none before any; trigger.unknown:
    name): they had details null, so a client could word them only from the English message. So had the
    409 of a campaign's results before its first send (results.not_sent, the CLI's code)."""
    editor = fresh.as_("editor")
    none = assert_error(fresh.client.get("/campaigns/Nope", headers=editor), 404, "not_found")
    assert none["details"] == {"code": "campaign.unknown.none", "params": {"name": "Nope"}}
    message = {"target": "rfm:At Risk", "subject": "Hi", "body": "Hello"}
    made = fresh.client.post("/campaigns", json={"name": "Back", "messages": [message]}, headers=editor)
    assert made.status_code == 201, made.text
    for method, path in (("get", "/campaigns/Bak"), ("get", "/campaigns/Bak/preview?customer_id=C0000001")):
        error = assert_error(fresh.client.request(method, path, headers=editor), 404, "not_found")
        params = {"name": "Bak", "known": ["Back"], "hint": "Back"}  # the nearest name, as a segment's
        assert error["details"] == {"code": "campaign.unknown", "params": params}
        assert error["message"] == "no campaign named 'Bak' (did you mean 'Back'?); known campaigns: Back"
    assert fresh.client.get("/campaigns/Back", headers=editor).status_code == 200
    early = assert_error(fresh.client.get("/campaigns/Back/results", headers=editor), 409, "conflict")
    assert early["details"] == {"code": "results.not_sent", "params": {"name": "Back"}}  # the CLI's code
    for method, path in (("delete", "/triggers/nope"), ("get", "/triggers/nope/firings")):
        error = assert_error(fresh.client.request(method, path, headers=editor), 404, "not_found")
        assert error["details"] == {"code": "trigger.unknown", "params": {"name": "nope"}}


def test_a_body_that_is_not_json_says_where_it_breaks(client):
    """A body that is not JSON is a 422 saying so, where the decoder stopped and why. It said "invalid
    request: body.22: JSON decode error", the position as if it were a key of the body and no reason."""
    headers = {**client.as_("viewer"), "Content-Type": "application/json"}
    cut = client.client.post("/segments/validate", content=b'{"rule": ', headers=headers)
    error = assert_error(cut, 422, "validation_error")
    said = "the body is not valid JSON after 9 characters: Expecting value"
    assert error["message"] == f"invalid request: body: {said}"
    assert error["details"] == [{"location": ["body", 9], "message": said, "type": "json_invalid"}]
