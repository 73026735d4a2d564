"""GET /kpis measures what `segmint kpis` measures, over HTTP: family groups (rfm:Champions), whole
families, comparisons, cohorts and insights, answering the CLI's --json document; its kpi.* refusals are
400s with their code. Only GET /segments/{name}/kpis existed (one user segment, no insights): the family
groups the CLI and docs/metrics.md measure could not be asked for, and the kpi.* codes the doc promised the
API could not happen there."""

from __future__ import annotations

import json
import shutil

import httpx
from tests.cli import segmint

from segmint.api import create_app

from .conftest import BIG_SPENDERS
from .served import serving


def test_the_api_answers_the_clis_kpi_document(template, tmp_path):
    """Over a real uvicorn: a family group, a user segment, a family, --compare, --cohorts and --insights
    give the document `segmint kpis ... --json` prints for them."""
    path, tokens = template
    for copy in ("cli", "api"):
        shutil.copytree(path, tmp_path / copy)
    run = segmint(
        "-w", tmp_path / "cli", "kpis", "rfm:champions", BIG_SPENDERS, "--family", "lifecycle",
        "--compare", "rfm:Champions", BIG_SPENDERS, "--cohorts", "--insights", "--days", "180", "--json",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    query = [
        ("segment", "rfm:champions"), ("segment", BIG_SPENDERS), ("family", "lifecycle"),
        ("compare", "rfm:Champions"), ("compare", BIG_SPENDERS), ("cohorts", "true"), ("insights", "true"),
        ("days", "180"),
    ]  # fmt: skip
    headers = {"Authorization": f"Bearer {tokens['viewer']}"}
    with serving(create_app(tmp_path / "api"), threads=4) as url:
        answer = httpx.get(f"{url}/kpis", params=query, headers=headers, timeout=120)
    assert answer.status_code == 200, answer.text
    document = answer.json()
    assert document == json.loads(run.stdout)
    names = [s["name"] for s in document["segments"]]
    assert names[-2:] == ["rfm:Champions", BIG_SPENDERS] and document["segments"][0]["family"] == "lifecycle"
    assert {"compare", "cohorts", "insights", "size_changes"} <= set(document)


def test_a_family_and_a_group_without_options(client):
    """No name is every RFM group, as `segmint kpis` is; a group's row carries its playbook entry, in the
    language asked for."""
    headers = client.as_("viewer")
    every = client.client.get("/kpis", headers=headers)
    assert every.status_code == 200, every.text
    rows = every.json()["segments"]
    assert {row["family"] for row in rows} == {"rfm"} and "Champions" in [row["name"] for row in rows]
    capitals = client.client.get("/kpis", params={"family": "RFM"}, headers=headers)  # was a 400
    assert capitals.status_code == 200, capitals.text
    assert capitals.json()["segments"] == rows
    one = client.client.get("/kpis", params={"segment": "rfm:Champions", "lang": "en"}, headers=headers)
    (row,) = one.json()["segments"]
    champions = next(r for r in rows if r["name"] == "Champions")
    assert (row["group"], row["size"]) == ("Champions", champions["size"])
    assert one.json()["language"] == "en" and row["playbook"]["strategy"]


def test_a_request_the_kpis_cannot_answer_is_a_400_with_its_code(client):
    """The codes docs/metrics.md lists, as `segmint kpis` refuses the same names."""
    headers = client.as_("viewer")
    cases = [
        ({"segment": "rfm:Champs"}, "kpi.unknown_group.hint", {"family": "rfm", "group": "Champs"}),
        ({"segment": "rfm"}, "kpi.is_a_family", {"name": "rfm"}),
        ({"family": BIG_SPENDERS}, "kpi.not_a_family", {"name": BIG_SPENDERS}),
        ({"family": "rfmm"}, "family.unknown", {"name": "rfmm", "hint": "rfm"}),  # was segment.unknown
        ({"segment": "Nobody"}, "segment.unknown", {"name": "Nobody"}),
        ({"segment": [BIG_SPENDERS, BIG_SPENDERS]}, "kpi.named_twice", {"name": BIG_SPENDERS}),
        ({"family": "rfm", "compare": ["Champions", "Nobody"]}, "segment.unknown", {"name": "Nobody"}),
        ({"days": 4000}, "kpi.period.long", {"days": 4000}),
        ({"as_of": "2000-01-01"}, "kpi.no_membership_on", {"name": "rfm"}),
    ]
    for query, code, params in cases:
        answer = client.client.get("/kpis", params=query, headers=headers)
        assert answer.status_code == 400, (query, answer.text)
        details = answer.json()["error"]["details"]
        assert details["code"] == code, (query, details)
        assert params.items() <= details["params"].items(), (query, details)
    one = client.client.get("/kpis", params={"compare": "Champions"}, headers=headers)
    assert one.status_code == 422 and one.json()["error"]["details"][0]["location"] == ["query", "compare"]
