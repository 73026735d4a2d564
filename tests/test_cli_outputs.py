"""Every command that writes a file checks its -o before any work (cli/common.output_option): a path that
cannot be written is refused at once with `Error: cannot write …`, not after minutes of work or with a
traceback, and nothing is left behind."""

from __future__ import annotations

import pytest
from tests.cli import segmint
from tests.segments.tinyshop import build


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outputs")
    build(folder).close()
    return folder / "ws"


@pytest.mark.parametrize(
    "command",
    [
        ("report",),
        ("clv", "validate", "--calibration-end", "2024-02-01"),
        ("campaigns", "export", "No such campaign"),  # refused for the -o before the campaign is looked up
    ],
)
def test_an_unwritable_output_is_refused_before_any_work(shop, tmp_path, command):
    (tmp_path / "notes.txt").write_text("a file, not a folder", encoding="utf-8")
    for output, reason in (
        ("nodir/out.html", "the folder nodir does not exist"),
        ("notes.txt/out.html", "notes.txt is not a folder"),
        (".", "it is a folder; name a file in it"),
    ):
        done = segmint("-w", shop, *command, "-o", output, cwd=tmp_path, wide=True)
        assert done.returncode == 1, done.stderr
        assert f"Error: cannot write {output}: {reason}" in done.stderr
        assert "Traceback" not in done.stderr and not done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_dash_as_the_output_is_stdout(shop, tmp_path):
    """`segments members NAME -o -` (and `segments export -o -`) wrote a file named "-" in the current
    folder; `-o -` is stdout, as Unix tools take it, and as without -o."""
    from tests.cli import ok

    members = ("segments", "members", "rfm", "--group", "Champions", "--columns", "customer_id")
    for command in (members, ("segments", "export")):
        dashed = ok("-w", shop, *command, "-o", "-", cwd=tmp_path).stdout
        assert dashed and dashed == ok("-w", shop, *command, cwd=tmp_path).stdout, command
    assert list(tmp_path.iterdir()) == []
