"""A refresh that cannot fit the CLV model (too few customers or repeat buyers) stores the historical average
instead; the report leaves it out, as docs/clv.md says, rather than show it as "Predicted CLV for the next
12 months" (the Ukrainian example files: 17 677 predicted for a customer who had spent 3 560 in all)."""

from __future__ import annotations

import html
from pathlib import Path

from tests.cli import ok

from segmint import Workspace
from segmint.report import write_report
from segmint.report.texts import text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_historical_average_is_not_shown_as_a_predicted_clv(tmp_path):
    path = tmp_path / "crm"
    ok("init", path)
    ok("-w", path, "import", "customers", EXAMPLES / "customers_uk.csv")
    ok("-w", path, "import", "orders", EXAMPLES / "orders_uk.csv")
    with Workspace.open(path) as ws:
        methods = {m for (m,) in ws.raw.execute("SELECT DISTINCT clv_method FROM features").fetchall() if m}
        assert methods == {"historical_average"}  # the model was not fitted on these files
        summary = write_report(ws, tmp_path / "crm.html", lang="uk")
    page = html.unescape((tmp_path / "crm.html").read_text(encoding="utf-8"))
    assert "clv" not in summary.sections and summary.empty["clv"] == text("clv_fallback", "uk")
    assert text("clv_chart", "uk") not in page
    assert page.count(text("clv_fallback", "uk")) == 2  # the CLV section and the KPI table's note
