"""A family's group a rule names must exist (`rfm.group = "Champs"` used to be saved and previewed as a
rule that matches nobody): validate, preview, create and change answer the rule error with its place."""

from __future__ import annotations

import shutil

from fastapi.testclient import TestClient

from segmint import Workspace, segments
from segmint.api import create_app

from .conftest import BIG_SPENDERS, BIG_SPENDERS_RULE, Api

RULE = 'total_spent > 100 and\n  rfm.group in ("At Risk", "Champs")'


def _problem(body: dict) -> dict:
    assert body["error"]["code"] == "invalid_rule", body
    return {"message": body["error"]["message"], **body["error"]["details"]}


def _is_the_champs_error(problem: dict) -> None:
    assert problem["message"].startswith("family 'rfm' has no group 'Champs'; did you mean 'Champions'?")
    assert "(its groups: Champions, Loyal, " in problem["message"]
    assert (problem["line"], problem["column"]) == (2, 28)
    assert problem["caret"].splitlines()[-1].index("^") == 2 + 27


def test_validate_says_which_group_is_missing(client):
    response = client.client.post("/segments/validate", json={"rule": RULE}, headers=client.as_("viewer"))
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is False and body["rule"] is None
    (problem,) = body["errors"]
    _is_the_champs_error(problem)
    fine = client.client.post(
        "/segments/validate", json={"rule": 'lifecycle.stage = "LAPSED"'}, headers=client.as_("viewer")
    )
    assert fine.json() == {"ok": True, "rule": 'lifecycle.stage = "LAPSED"', "errors": []}


def test_preview_refuses_a_missing_group(client):
    response = client.client.post("/segments/preview", json={"rule": RULE}, headers=client.as_("viewer"))
    assert response.status_code == 400
    _is_the_champs_error(_problem(response.json()))


def test_create_and_change_refuse_a_missing_group_and_store_nothing(fresh):
    editor = fresh.as_("editor")
    made = fresh.client.post("/segments", json={"name": "Typo", "rule": RULE}, headers=editor)
    assert made.status_code == 400
    _is_the_champs_error(_problem(made.json()))
    assert fresh.client.get("/segments/Typo", headers=editor).status_code == 404
    changed = fresh.client.patch(
        f"/segments/{BIG_SPENDERS}", json={"rule": 'temperature = "warmish"'}, headers=editor
    )
    assert changed.status_code == 400
    assert _problem(changed.json())["message"].startswith(
        "family 'temperature' has no group 'warmish'; did you mean 'warm'?"
    )
    assert fresh.client.get(f"/segments/{BIG_SPENDERS}", headers=editor).json()["rule"] == BIG_SPENDERS_RULE


def test_a_stored_rule_whose_group_is_gone_is_read_with_a_warning(template, tmp_path):
    """GET /segments/{name} and GET /segments list `warnings` for a stored rule naming a group the RFM
    map no longer has (as `segmint segments show --json` does); a segment without one has []."""
    path, tokens = template
    shutil.copytree(path, tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as ws:
        segments.create(ws, "Risky", 'rfm.group = "At Risk" or total_spent > 9000')
    toml = tmp_path / "ws" / "segmint.toml"
    text = toml.read_text(encoding="utf-8")
    assert '{ name = "At Risk",' in text
    toml.write_text(text.replace('{ name = "At Risk",', '{ name = "Slipping",'), encoding="utf-8")
    api = Api(TestClient(create_app(tmp_path / "ws"), raise_server_exceptions=False), tokens)
    with api.client:
        got = api.client.get("/segments/Risky", headers=api.as_("viewer"))
        assert got.status_code == 200
        body = got.json()
        (warning,) = body["warnings"]
        assert warning.startswith("family 'rfm' has no group 'At Risk'; ") and "Slipping" in warning
        assert body["rule"] == 'rfm.group = "At Risk" or total_spent > 9000'  # the other fields as they were
        fields = {"name", "kind", "rule", "description", "size", "as_of", "created_at", "updated_at"}
        assert fields < set(body)
        big = api.client.get(f"/segments/{BIG_SPENDERS}", headers=api.as_("viewer")).json()
        assert big["warnings"] == [] and big["rule"] == BIG_SPENDERS_RULE
        listed = api.client.get("/segments", headers=api.as_("viewer")).json()["segments"]
        assert {s["name"]: s["warnings"] for s in listed} == {BIG_SPENDERS: [], "Risky": [warning]}
