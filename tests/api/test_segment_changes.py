"""Changing a segment over the API as a script does: a PATCH is all or nothing, and its answer is the
segment as stored (the same document a GET right after gives)."""

from __future__ import annotations

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
