"""Shared fixtures: a fresh workspace per test, and the real public data sets in ../shared/data."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from segmint import Workspace

REPO = Path(__file__).resolve().parents[1]
# ../shared/data beside the checkout; a clone made elsewhere (CI's clean clone) may name it explicitly.
SHARED_CANDIDATES = [
    Path(os.environ["SEGMINT_SHARED_DATA"]) if os.environ.get("SEGMINT_SHARED_DATA") else None,
    REPO.parent / "shared" / "data",
    Path("/work/shared/data"),
]
SHARED_DATA = next((p for p in SHARED_CANDIDATES if p and p.exists()), REPO.parent / "shared" / "data")


@pytest.fixture(autouse=True)
def _cli_in_english():
    """The CLI's language is module state (cli/wording.py `use`), set by every command that opens a
    workspace: a test running a uk workspace's command in-process left the next test on the same worker
    reading Ukrainian (test_the_audit_lists_dates_in_the_future failed by test order). Each test starts
    in English, as tests/cli.py runs the CLI."""
    from segmint.cli import wording

    wording.use("en")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace.init(tmp_path / "ws")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.fail(f"the public data sets are expected at {SHARED_DATA} (see the developers' brief)")
    return SHARED_DATA


KAGGLE = "marketing_campaign/marketing_campaign.parquet"


@pytest.fixture
def kaggle_customers(tmp_path: Path, shared_data: Path):
    """A workspace folder with the Kaggle "Customer Personality Analysis" file imported as customers through
    the real CLI, and that file as pandas reads it (the answers the tests compare with)."""
    import pandas as pd
    from tests.cli import ok

    source = shared_data / KAGGLE
    folder = tmp_path / "ws"
    ok("init", folder)
    ok("-w", folder, "import", "customers", source)
    return folder, pd.read_parquet(source)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under `--dist loadgroup` (pyproject addopts), also keep the Spark parity tests (tests/parity) in one
    worker, so `pytest -n 2` starts one Spark JVM. The xdist_group marks alone no longer do it: pytest 9.2
    with xdist 3.8 silently drops the group (pytest-xdist#1386), and two JVMs on 2 cores were measured
    1.5x slower than one. Grouping by path works on every version."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class SparkTestsTogether(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "tests/parity" if nodeid.startswith("tests/parity/") else super()._split_scope(nodeid)

    return SparkTestsTogether(config, log)


FILE_SECONDS: Counter[str] = Counter()  # a test file's setup, call and teardown seconds, all its tests


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    FILE_SECONDS[report.nodeid.split("::")[0]] += report.duration


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """With --durations (make test), also the 30 test files that took longest in all: CI's 90 minutes
    go as much to files of many short tests, which --durations' list of single tests never shows. Under
    xdist the workers' reports reach this process, so the sums are the whole run's."""
    if not config.getoption("durations") or not FILE_SECONDS:
        return
    terminalreporter.write_sep("=", "slowest 30 test files (seconds, all phases of all their tests)")
    for path, seconds in FILE_SECONDS.most_common(30):
        terminalreporter.write_line(f"{seconds:8.2f}s {path}")
