"""An import is stamped on the workspace's clock (its time zone, Workspace.now), as refreshes, campaign sends
and the orders themselves are: the import page showed an import at 23:06 (the machine's UTC) next to the
refresh it started at 01:06 (Europe/Kyiv).

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


def test_an_import_and_its_rows_are_stamped_on_the_workspaces_clock(tmp_path):
    """Old code: imports.started_at, finished_at and every row's imported_at were the machine's time."""
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
        stamps = con.execute(
            "SELECT (SELECT max(imported_at) FROM customers), (SELECT min(imported_at) FROM orders)"
        ).fetchone()
    assert [entity for entity, *_ in imports] == ["customers", "orders"]
    for _, started, finished in imports:
        assert _on_workspace_clock(started) and _on_workspace_clock(finished), imports
        assert started <= finished
    assert all(_on_workspace_clock(stamp) for stamp in stamps), stamps
    # the rows of the later import are stamped after those of the earlier one: an incremental refresh
    # tells the rows imported since it by imported_at
    assert stamps[0] < stamps[1]
