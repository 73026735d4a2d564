"""An import's start and end (the imports table the import page lists) are on the workspace's clock (its time
zone, Workspace.now), as refreshes and campaign sends are: the import page showed an import at 23:06 (the
machine's UTC) next to the refresh it started at 01:06 (Europe/Kyiv).

The workspace is set to Pacific/Kiritimati (UTC+14), so the machine's clock, whatever its zone, is hours
off it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
from tests.cli import ok

EXAMPLES = Path(__file__).parents[2] / "examples"
ZONE = "Pacific/Kiritimati"


def _on_workspace_clock(stamp: dt.datetime) -> bool:
    return abs(stamp - dt.datetime.now(ZoneInfo(ZONE)).replace(tzinfo=None)) < dt.timedelta(minutes=10)


def test_an_imports_start_and_end_are_on_the_workspaces_clock(tmp_path):
    """Old code: imports.started_at and finished_at were the machine's time."""
    ws = tmp_path / "ws"
    ok("init", ws)
    config = ws / "segmint.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'(?m)^timezone = ".*"$', f'timezone = "{ZONE}"', text), encoding="utf-8")
    ok("-w", ws, "import", "customers", EXAMPLES / "customers_uk.csv", "--no-refresh")
    ok("-w", ws, "import", "orders", EXAMPLES / "orders_uk.csv", "--no-refresh")
    with duckdb.connect(str(ws / "segmint.duckdb"), read_only=True) as con:
        imports = con.execute(
            "SELECT entity, started_at, finished_at FROM imports ORDER BY started_at"
        ).fetchall()
    assert [entity for entity, *_ in imports] == ["customers", "orders"]
    for _, started, finished in imports:
        assert _on_workspace_clock(started) and _on_workspace_clock(finished), imports
        assert started <= finished
    assert imports[0][2] <= imports[1][1]  # to the microsecond: the second began after the first ended
