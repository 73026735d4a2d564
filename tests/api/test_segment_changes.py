"""Changing a segment over the API as a script does: a PATCH is all or nothing, and its answer is the
segment as stored (the same document a GET right after gives)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from segmint import Workspace
from segmint.api import create_app
from segmint.api.tokens import create_token

from .conftest import BIG_SPENDERS, BIG_SPENDERS_RULE
from .test_errors import assert_error


def _static(api, name: str, ids: list[str]) -> dict:
    response = api.client.post(
        "/segments", json={"name": name, "kind": "static", "members": ids}, headers=api.as_("editor")
    )
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api, name: str) -> list[str]:
    response = api.client.get(
        f"/segments/{name}/members", params={"page_size": 1000}, headers=api.as_("viewer")
    )
    return [row["customer_id"] for row in response.json()["members"]]


def test_a_refused_patch_changes_nothing(fresh):
    """A PATCH renaming a static segment and adding an id no customer has is a 400, and the rename and the
    new description are not kept either (they were: the retried PATCH then answered 404 for the old name)."""
    editor = fresh.as_("editor")
    _static(fresh, "Picked", ["C0000001", "C0000002"])
    response = fresh.client.patch(
        "/segments/Picked",
        json={"name": "Picked 2", "description": "renamed", "add": ["NO-SUCH-ID"]},
        headers=editor,
    )
    assert_error(response, 400, "bad_request")
    assert response.json()["error"]["details"]["code"] == "ids.unknown"
    assert_error(fresh.client.get("/segments/Picked%202", headers=editor), 404, "not_found")
    kept = fresh.client.get("/segments/Picked", headers=editor).json()
    assert (kept["name"], kept["description"], kept["size"]) == ("Picked", None, 2)
    assert _ids(fresh, "Picked") == ["C0000001", "C0000002"]


def test_a_new_rule_with_members_of_a_dynamic_segment_is_not_kept(fresh):
    """`add` on a dynamic segment is refused (members.dynamic), and the rule sent with it stays unsaved."""
    editor = fresh.as_("editor")
    before = fresh.client.get(f"/segments/{BIG_SPENDERS}", headers=editor).json()
    response = fresh.client.patch(
        f"/segments/{BIG_SPENDERS}", json={"rule": "total_spent > 1", "add": ["C0000001"]}, headers=editor
    )
    assert_error(response, 400, "bad_request")
    assert response.json()["error"]["details"]["code"] == "members.dynamic"
    after = fresh.client.get(f"/segments/{BIG_SPENDERS}", headers=editor).json()
    assert after["rule"] == BIG_SPENDERS_RULE
    assert (after["size"], after["updated_at"]) == (before["size"], before["updated_at"])


def test_the_answer_of_a_patch_is_the_segment_as_stored(fresh):
    """Adding and removing members moves `updated_at`; the PATCH answered the time from before them."""
    editor = fresh.as_("editor")
    made = _static(fresh, "Picked", ["C0000001", "C0000002"])
    response = fresh.client.patch(
        "/segments/Picked", json={"add": ["C0000003"], "remove": ["C0000001"]}, headers=editor
    )
    assert response.status_code == 200, response.text
    answered = response.json()
    assert answered == fresh.client.get("/segments/Picked", headers=editor).json()
    assert answered["updated_at"] > made["updated_at"] and answered["size"] == 2
    assert _ids(fresh, "Picked") == ["C0000002", "C0000003"]


# A JSON-form rule whose second condition names a group rfm does not have, and one naming no segment.
NO_GROUP = {
    "and": [
        {"op": ">", "left": {"field": "total_spent"}, "right": 100},
        {"op": "=", "left": {"field": "rfm.group"}, "right": "Champs"},
    ]
}
NO_SEGMENT = {
    "or": [
        {"op": "=", "left": {"field": "city"}, "right": "Київ"},
        {"op": "true", "left": {"call": "in_segment", "args": ["Big spendrs"]}},
    ]
}


def _located_by_path(problem: dict, path: str, code: str) -> None:
    """An error of a JSON-form rule: at its JSON path (message and params), no line, column or caret."""
    assert problem["message"].startswith(f"{path}: "), problem
    assert (problem["line"], problem["column"], problem["caret"]) == (None, None, None), problem
    assert problem["code"] == code and problem["params"]["path"] == path, problem


def test_a_json_rule_naming_no_group_is_located_by_its_json_path(fresh):
    """docs/api.md: a JSON-form rule's errors have no line and column and start with the JSON path. A
    value naming no group of its family was located at line 1, column 33 of the text the JSON stands
    for (which the client never wrote), without a path, from validate, preview, POST and PATCH alike."""
    editor = fresh.as_("editor")
    checked = fresh.client.post("/segments/validate", json={"rule": NO_GROUP}, headers=editor).json()
    assert checked["ok"] is False
    (problem,) = checked["errors"]
    _located_by_path(problem, "$.and[1].right", "family.no_group.hint")
    assert problem["params"]["hint"] == "Champions"
    made = fresh.client.post("/segments", json={"name": "J", "rule": "total_spent > 1"}, headers=editor)
    assert made.status_code == 201
    for method, url, body in (
        ("post", "/segments/preview", {"rule": NO_GROUP}),
        ("post", "/segments", {"name": "K", "rule": NO_GROUP}),
        ("patch", "/segments/J", {"rule": NO_GROUP}),
    ):
        response = getattr(fresh.client, method)(url, json=body, headers=editor)
        details = assert_error(response, 400, "invalid_rule")["details"]
        _located_by_path(
            {"message": response.json()["error"]["message"], **details},
            "$.and[1].right",
            "family.no_group.hint",
        )
    assert fresh.client.get("/segments/J", headers=editor).json()["rule"] == "total_spent > 1"


def test_a_json_rule_naming_no_segment_is_located_by_its_json_path(fresh):
    """As a group: validate (which had it), preview, POST and PATCH (which gave the text's line 1, column
    21); a rule reading the segment being made is still the library's cycle error."""
    editor = fresh.as_("editor")
    checked = fresh.client.post("/segments/validate", json={"rule": NO_SEGMENT}, headers=editor)
    (problem,) = checked.json()["errors"]
    _located_by_path(problem, "$.or[1].left", "segment.unknown.hint")
    assert problem["params"]["hint"] == BIG_SPENDERS
    for method, url, body in (
        ("post", "/segments/preview", {"rule": NO_SEGMENT}),
        ("post", "/segments", {"name": "K", "rule": NO_SEGMENT}),
        ("patch", f"/segments/{BIG_SPENDERS}", {"rule": NO_SEGMENT}),
    ):
        response = fresh.client.request(method, url, json=body, headers=editor)
        details = assert_error(response, 400, "invalid_rule")["details"]
        message = response.json()["error"]["message"]
        _located_by_path({"message": message, **details}, "$.or[1].left", "segment.unknown.hint")
    itself = {"op": "true", "left": {"call": "in_segment", "args": ["K"]}}
    response = fresh.client.post("/segments", json={"name": "K", "rule": itself}, headers=editor)
    assert assert_error(response, 400, "invalid_rule")["details"]["code"] == "segment.cycle"


def test_the_apis_own_refusals_carry_a_code_and_params(fresh, tmp_path):
    """Every refusal of user input has a stable code and the values it quotes in `details` (docs/api.md:
    a client words it from them), as the library's do; these four, the API's own, had `details: null`."""
    viewer, editor = fresh.as_("viewer"), fresh.as_("editor")
    sort = fresh.client.get(f"/segments/{BIG_SPENDERS}/members", params={"sort": "monetary"}, headers=viewer)
    details = assert_error(sort, 400, "bad_request")["details"]
    columns = ["customer_id", "full_name", "email", "phone", "city"]
    assert details == {"code": "sort.not_a_column", "params": {"sort": "monetary", "columns": columns}}
    family = fresh.client.get("/families/rfmm/transitions", headers=viewer)
    details = assert_error(family, 404, "not_found")["details"]
    assert details["code"] == "family.unknown" and details["params"]["name"] == "rfmm"
    assert "rfm" in details["params"]["known"]
    early = fresh.client.post("/refresh", json={"as_of": "1990-01-01"}, headers=editor)
    details = assert_error(early, 400, "bad_request")["details"]
    assert details["code"] == "refresh.before_customers"
    assert details["params"]["as_of"] == "1990-01-01" and details["params"]["first"] > "1990-01-01"
    with Workspace.init(tmp_path / "empty") as ws:  # never refreshed: no history to compare
        token = create_token(ws, "viewer", "script")[1]
    with TestClient(create_app(tmp_path / "empty"), raise_server_exceptions=False) as empty:
        none = empty.get("/families/rfm/transitions", headers={"Authorization": f"Bearer {token}"})
    details = assert_error(none, 400, "bad_request")["details"]
    assert details == {"code": "history.none", "params": {"name": "rfm"}}


def test_a_description_set_to_null_is_removed(fresh):
    """PATCH {"description": null} removes the description, as "" does; a key left out keeps it. It was a
    200 that kept the old text (the library reads None as "unchanged"), so a JSON client could not clear
    it the way JSON says "nothing"."""
    editor = fresh.as_("editor")
    made = fresh.client.post(
        "/segments", json={"name": "D", "rule": "total_spent > 100", "description": "опис"}, headers=editor
    )
    assert made.status_code == 201 and made.json()["description"] == "опис"
    kept = fresh.client.patch("/segments/D", json={"rule": "total_spent > 200"}, headers=editor)
    assert kept.status_code == 200 and kept.json()["description"] == "опис"
    cleared = fresh.client.patch("/segments/D", json={"description": None}, headers=editor)
    assert cleared.status_code == 200 and cleared.json()["description"] is None
    assert fresh.client.get("/segments/D", headers=editor).json()["description"] is None
    assert cleared.json()["rule"] == "total_spent > 200"


def test_a_static_segment_patched_with_its_own_rule_keeps_its_hand_made_members(fresh):
    """A PATCH with the rule it has (as a script that sends back what it read, or the builder) re-froze
    the list from it: the member added by hand was gone. `"refreeze": true` asks for that."""
    editor = fresh.as_("editor")
    made = fresh.client.post(
        "/segments",
        json={"name": "Focus", "kind": "static", "rule": BIG_SPENDERS_RULE},
        headers=editor,
    )
    assert made.status_code == 201, made.text
    frozen = _ids(fresh, "Focus")
    outsider = next(f"C{n:07d}" for n in range(1, 600) if f"C{n:07d}" not in frozen)
    assert fresh.client.patch("/segments/Focus", json={"add": [outsider]}, headers=editor).status_code == 200
    spelt = BIG_SPENDERS_RULE.replace(" ", "")  # total_spent>5000: the same rule
    for rule in (BIG_SPENDERS_RULE, spelt):
        response = fresh.client.patch(
            "/segments/Focus", json={"rule": rule, "description": "new words"}, headers=editor
        )
        assert response.status_code == 200, response.text
        assert _ids(fresh, "Focus") == sorted([*frozen, outsider])
    response = fresh.client.patch("/segments/Focus", json={"refreeze": True}, headers=editor)
    assert response.status_code == 200, response.text
    assert _ids(fresh, "Focus") == frozen
    _static(fresh, "Picked", ["C0000001"])
    refused = fresh.client.patch("/segments/Picked", json={"refreeze": True}, headers=editor)
    assert_error(refused, 400, "bad_request")
    assert refused.json()["error"]["details"]["code"] == "refreeze.no_rule"


def test_a_name_a_path_cannot_address_is_refused(fresh):
    """A segment named '..' or '.' was created (201), and then clients asked for GET / or GET /segments
    instead of it: refused as a name with '/' is."""
    editor = fresh.as_("editor")
    for name in ("..", ".", " .. "):
        response = fresh.client.post(
            "/segments", json={"name": name, "rule": BIG_SPENDERS_RULE}, headers=editor
        )
        assert_error(response, 400, "bad_request")
        assert response.json()["error"]["details"]["code"] == "name.dots"
    renamed = fresh.client.patch(f"/segments/{BIG_SPENDERS}", json={"name": ".."}, headers=editor)
    assert_error(renamed, 400, "bad_request")
    assert renamed.json()["error"]["details"]["code"] == "name.dots"
    names = [s["name"] for s in fresh.client.get("/segments", headers=editor).json()["segments"]]
    assert names == [BIG_SPENDERS]
