"""The command line as a user runs it: a real subprocess, real exit codes, real stdout/stderr."""

import json
from pathlib import Path

from tests.cli import segmint


def test_init_json_is_one_document(tmp_path: Path):
    result = segmint("init", str(tmp_path / "shop"), "--currency", "eur", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["settings"]["currency"] == "EUR"
    assert (tmp_path / "shop" / "segmint.toml").exists()


def test_errors_are_one_line_and_exit_1(tmp_path: Path):
    segmint("init", str(tmp_path / "shop"))
    result = segmint("init", str(tmp_path / "shop"))
    assert result.returncode == 1
    assert "Error:" in result.stderr and "already a segmint workspace" in result.stderr
    assert "Traceback" not in result.stderr
    bad = segmint("init", str(tmp_path / "other"), "--timezone", "Mars/Base")
    assert bad.returncode == 1 and "unknown time zone" in bad.stderr
