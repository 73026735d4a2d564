"""A JSON body with a key its endpoint does not know is refused with a 422 that names the key (a typo such
as "descripton" used to be ignored: 200, and nothing changed)."""

from __future__ import annotations

import pytest

from .conftest import BIG_SPENDERS
from .test_errors import assert_error


def test_a_misspelt_key_in_a_segment_change_is_refused_and_nothing_changes(fresh):
    editor = fresh.as_("editor")
    before = fresh.client.get(f"/segments/{BIG_SPENDERS}", headers=editor).json()
    response = fresh.client.patch(f"/segments/{BIG_SPENDERS}", json={"descripton": "x"}, headers=editor)
    error = assert_error(response, 422, "validation_error")
    assert "'descripton'" in error["message"] and "did you mean 'description'" in error["message"]
    assert [item["location"] for item in error["details"]] == [["body", "descripton"]]
    assert error["details"][0]["type"] == "extra_forbidden"
    kind = fresh.client.patch(f"/segments/{BIG_SPENDERS}", json={"kind": "static"}, headers=editor)
    assert "'kind'" in assert_error(kind, 422, "validation_error")["message"]
    assert fresh.client.get(f"/segments/{BIG_SPENDERS}", headers=editor).json() == before


def test_an_unknown_key_in_a_new_segment_is_refused_and_nothing_is_made(fresh):
    editor = fresh.as_("editor")
    rule = {"and": [{"op": ">", "left": {"field": "total_spent"}, "right": 5000}]}
    response = fresh.client.post("/segments", json={"name": "j", "rule_json": rule}, headers=editor)
    error = assert_error(response, 422, "validation_error")
    assert "'rule_json'" in error["message"]
    assert fresh.client.get("/segments/j", headers=editor).status_code == 404


@pytest.mark.parametrize(
    "path,body,key",
    [
        ("/segments/preview", {"rule": "total_spent > 100", "as_of": "2025-01-01"}, "as_of"),
        ("/segments/validate", {"rule": "total_spent > 100", "rules": "x"}, "rules"),
        ("/refresh", {"asof": "2025-01-01"}, "asof"),
        ("/clusters/fit", {"kmin": 3}, "kmin"),
        ("/tokens", {"role": "viewer", "nmae": "x"}, "nmae"),
        (
            "/triggers",
            {"name": "t", "on": "enter", "target": BIG_SPENDERS, "action": "tag", "parms": {"tag": "x"}},
            "parms",
        ),
    ],
)
def test_every_request_body_refuses_an_unknown_key(client, path, body, key):
    response = client.client.post(path, json=body, headers=client.as_("admin"))
    error = assert_error(response, 422, "validation_error")
    assert f"unknown field {key!r}" in error["message"]
    assert error["details"][0]["location"] == ["body", key]


def test_an_unknown_key_inside_a_list_of_objects_is_named_where_it_is(client):
    body = {"name": "c", "messages": [{"target": BIG_SPENDERS, "subjct": "Hi", "body": "Hello"}]}
    response = client.client.post("/campaigns", json=body, headers=client.as_("editor"))
    error = assert_error(response, 422, "validation_error")
    assert error["details"][0]["location"] == ["body", "messages", 0, "subjct"]
    assert "did you mean 'subject'" in error["message"], error
