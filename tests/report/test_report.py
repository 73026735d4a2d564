"""`segmint report`: one self-contained HTML file that opens offline in a real browser.

The workspace is the demo shop, refreshed at two dates (so movement has something to show), with a user
segment whose name is hostile HTML. The page must open in headless Chromium with no console error and
no request but the file itself, draw every chart, and show the name as text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from tests.report.browser import visit

import segmint
from segmint import Workspace, build_demo, segments
from segmint.report import write_report

HOSTILE = "<script>alert('x')</script> Сплячі VIP"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "shop"
    build_demo(path, n_customers=1500, seed=11)
    with Workspace.open(path) as ws:
        segmint.refresh(ws, dt.date(2025, 9, 30))
        segments.create(ws, HOSTILE, 'rfm.group in ("At Risk", "Can\'t Lose Them") and total_spent > 3000')
        segmint.refresh(ws)
    return path


@pytest.fixture(scope="module")
def written(shop, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "звіт.html"
    with Workspace.open(shop) as ws:
        summary = write_report(ws, out)
    return out, summary


def test_the_report_opens_offline_with_no_errors_and_draws_every_chart(written):
    path, summary = written
    seen = visit(path)
    assert seen.console_errors == []
    assert seen.requests == [path.resolve().as_uri()]  # plotly.js embedded: nothing fetched
    assert seen.charts >= 6 and seen.drawn_charts == seen.charts
    assert seen.dialogs == []  # the hostile segment name did not run
    assert HOSTILE in seen.text  # ... it is shown as text
    for key in ("summary", "rfm", "families", "segments", "transitions", "clv"):
        assert key in summary.sections, summary.empty


def test_the_headline_numbers_are_the_stores(shop, written):
    path, _ = written
    text = visit(path).text
    with Workspace.open(shop) as ws:
        customers, orders = ws.raw.execute(
            "SELECT (SELECT count(*) FROM customers), "
            "(SELECT count(*) FROM orders WHERE status = 'completed' "
            "AND ordered_at::DATE <= DATE '2026-01-01')"
        ).fetchone()
    assert f"{customers:,}".replace(",", " ") in text and f"{orders:,}".replace(",", " ") in text


def test_a_workspace_without_a_refresh_gets_a_report_that_says_what_to_run(tmp_path):
    with Workspace.init(tmp_path / "empty") as ws:
        summary = write_report(ws, tmp_path / "empty.html")
    assert summary.sections == ["summary"]
    assert "segmint refresh" in summary.empty["rfm"]
    seen = visit(tmp_path / "empty.html")
    assert seen.console_errors == [] and "segmint refresh" in seen.text


def test_cli_report_json_is_one_document(shop, tmp_path):
    out = tmp_path / "r.html"
    done = subprocess.run(
        [sys.executable, "-m", "segmint", "report", "-w", str(shop), "-o", str(out), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["path"] == str(out) and document["bytes"] == out.stat().st_size > 1_000_000
    assert "transitions" in document["sections"]


def test_cli_report_into_a_missing_folder_says_so(shop, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "segmint", "report", "-w", str(shop), "-o", str(tmp_path / "nope" / "r.html")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "400"},  # Rich's error box would wrap the long path
    )
    assert done.returncode != 0 and "does not exist" in done.stderr
