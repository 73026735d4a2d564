"""segmint.import_file refreshes the families and dynamic segments afterwards, as `segmint import` does
(hunt-py B-low-16: a Python import left them stale until segmint.refresh)."""

from __future__ import annotations

import pytest
from tests.segments.tinyshop import BIG, CUSTOMERS, ORDERS

from segmint import Workspace, import_file, segments

HEADER, *LINES = ORDERS.splitlines(keepends=True)
FIRST = HEADER + "".join(line for line in LINES if line.split(",")[0] in ("o1", "o2", "o4", "o5"))
LATER = HEADER + "".join(line for line in LINES if line.split(",")[0] in ("o3", "o6"))  # B 300, D +500


def big(ws) -> list[str]:
    return sorted(segments.members(ws, "Big").to_pyarrow().column(0).to_pylist())


@pytest.fixture
def shop(tmp_path):
    """A workspace with the customers and the first orders imported and the dynamic segment Big (only D),
    and later.csv (B 300, D +500) written beside it, not imported yet."""
    for name, text in (("customers", CUSTOMERS), ("first", FIRST), ("later", LATER)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    with Workspace.init(tmp_path / "ws") as ws:
        import_file(ws, "customers", tmp_path / "customers.csv")
        import_file(ws, "orders", tmp_path / "first.csv")
        segments.create(ws, "Big", BIG)
        assert big(ws) == ["D"]
        yield ws


def test_a_python_import_refreshes_like_the_command_line(shop, tmp_path):
    summary = import_file(shop, "orders", tmp_path / "later.csv")
    assert summary.refresh is not None and summary.refresh.segments == {"Big": 2}
    assert big(shop) == ["B", "D"]
    assert summary.to_dict()["refresh"]["segments"] == {"Big": 2}  # what `segmint import --json` prints
    # nothing changed: no refresh
    assert import_file(shop, "orders", tmp_path / "later.csv").refresh is None


def test_refresh_false_imports_alone(shop, tmp_path):
    """refresh=False is the CLI's --no-refresh."""
    skipped = import_file(shop, "orders", tmp_path / "later.csv", refresh=False)
    assert skipped.inserted == 2 and skipped.refresh is None and skipped.to_dict()["refresh"] is None
    assert big(shop) == ["D"]
