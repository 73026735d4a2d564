"""`segmint kpis` as a user runs it: --json prints exactly one JSON document on stdout (the same figures
the library computes), the human output goes to stderr, and errors say what to do."""

from __future__ import annotations

import json
import shutil

from tests.cli import segmint

from segmint.kpis import kpi_report

from .conftest import DISCOUNTERS


def test_json_is_one_document_with_the_library_figures(demo, demo_path, tmp_path):
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    run = segmint(
        "-w", str(copy), "kpis", DISCOUNTERS, "--family", "rfm_simple", "--compare", "VIP", DISCOUNTERS,
        "--cohorts", "--insights", "--lang", "en", "--json",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)  # fails on anything else on stdout
    expected = kpi_report(
        demo, [DISCOUNTERS], "rfm_simple", compare_pair=("VIP", DISCOUNTERS), cohorts=True,
        with_insights=True, lang="en",
    )  # fmt: skip
    assert json.loads(json.dumps(expected, default=str)) == document
    vip = next(s for s in document["segments"] if s["name"] == "VIP")
    assert "rather than discounts" in vip["playbook"]["strategy"]
    assert {"compare", "cohorts", "insights"} <= set(document)

    human = segmint("-w", str(copy), "kpis", "--family", "lifecycle", "--insights")
    assert human.returncode == 0 and human.stdout == ""
    assert "lapsing" in human.stderr and "Insights" in human.stderr and "ROI" in human.stderr

    missing = segmint("-w", str(copy), "kpis", "Nobody")
    assert missing.returncode == 1 and "Nobody" in missing.stderr and missing.stdout == ""
