"""tests/cli.py forks each `segmint` from a warm process (tests/warm_cli.py) to save the ~1.7 s of imports
every cold start pays; what a command prints and returns must be what a cold `python -m segmint` gives."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from tests import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers_uk.csv"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = tmp_path_factory.mktemp("warm") / "ws"
    cli.ok("init", ws, "--language", "uk", warm=False)
    cli.ok("-w", ws, "import", "customers", EXAMPLES, warm=False)
    return ws


@pytest.mark.parametrize(
    "line",
    [
        ["--help"],
        ["segments", "list"],
        ["segments", "list", "--json"],
        ["segments", "show", "Nope"],
        ["segments", "create", "X", "--rule", "total_spnt > 1"],
        ["refresh", "--as-of", "31.02.2024"],
        ["segmnts"],
    ],
)
@pytest.mark.parametrize("language", ["en", None])
def test_a_warm_command_gives_what_a_cold_one_gives(workspace, line, language):
    args = line if line == ["--help"] else ["-w", workspace, *line]
    warm = cli.segmint(*args, language=language, wide=True)
    cold = cli.segmint(*args, language=language, wide=True, warm=False)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert warm.stdout or warm.stderr


def test_the_commands_here_are_warm(workspace):
    """Else the comparison above compares two cold starts: the warm process serves this environment."""
    process = cli._warm_process()
    assert process is not None and process.serves(os.environ | {"COLUMNS": "1000", "SEGMINT_LANGUAGE": "uk"})
    assert not process.serves(os.environ | {"SEGMINT_TEST_HOOK_SECRET": "x"})


def test_a_command_past_its_timeout_is_killed_and_the_next_one_runs(workspace, tmp_path):
    with pytest.raises(subprocess.TimeoutExpired):
        cli.segmint("demo", tmp_path / "demo", timeout=0.5)
    assert cli.ok("-w", workspace, "segments", "list", "--json").stdout.startswith("{")


def test_a_warm_process_that_cannot_start_says_why(tmp_path):
    """A preloaded library that fails to import (renamed, broken) is quoted, not only 'it ended'."""
    (tmp_path / "yaml.py").write_text("raise ImportError('yaml broken on purpose')\n")
    with pytest.raises(RuntimeError, match="yaml broken on purpose"):
        cli._WarmProcess(os.environ | {"PYTHONPATH": str(tmp_path)})
