"""The command line as a user runs it: a real subprocess, real exit codes, real stdout/stderr."""

import json
from pathlib import Path

from tests.cli import ok, segmint


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


def test_help_texts_keep_their_brackets():
    """Typer renders help as Rich markup: an unescaped `[playbook]` vanished from `playbook --help`."""
    import click
    import typer
    from rich.text import Text

    from segmint.cli.main import _register_command_groups, app

    _register_command_groups()

    def texts(command: click.Command, path: str):
        yield path, command.help or ""
        for param in command.params:
            yield f"{path} {param.name}", getattr(param, "help", None) or ""
        for name, sub in getattr(command, "commands", {}).items():
            yield from texts(sub, f"{path} {name}")

    shown = {where: text for where, text in texts(typer.main.get_command(app), "segmint")}
    assert len(shown) > 100  # every command group is registered, not only `init`
    meant = {where: text.replace("\\[", "[") for where, text in shown.items()}  # `\\[` is Rich's escape
    eaten = {where: text for where, text in shown.items() if Text.from_markup(text).plain != meant[where]}
    assert not eaten


def test_command_summaries_are_reflowed_not_broken_at_the_docstrings_line_ends():
    """In a commands list each command's summary is its docstring's first paragraph, which Typer's rich
    help printed with the docstring's own line ends: `demo`'s read "… and" / "refresh it, so …" on a
    terminal of any width. On a wide one, every summary is one line."""
    groups = ["", "segments", "campaigns", "clusters", "clv", "triggers", "experiments", "tokens"]
    broken = {}
    for group in groups:
        shown = segmint(*group.split(), "--help", columns=400).stdout
        panel = shown.split("─ Commands ", 1)[1].split("╰", 1)[0]
        rows = [line for line in panel.splitlines() if line.startswith("│")]
        assert rows, shown
        # a row whose command column is empty continues the summary above it
        broken[group] = [row for row in rows if row.startswith("│ " + " " * 4)]
    assert broken == {group: [] for group in groups}


def test_init_and_demo_take_the_folder_from_the_root_workspace_option(tmp_path: Path):
    """The README says -w goes before the command: `segmint -w X demo` built ./demo-workspace and
    `segmint -w X init` said the folder argument was missing. The root -w is their folder when none is
    given; both, naming different folders, is a usage error (status 2) naming the two."""
    made = ok("-w", tmp_path / "shop", "init", "--json", cwd=tmp_path)
    assert json.loads(made.stdout)["workspace"] == str(tmp_path / "shop")
    assert (tmp_path / "shop" / "segmint.toml").exists()
    ok("-w", tmp_path / "demo", "demo", "--customers", "100", "--no-refresh", "--json", cwd=tmp_path)
    assert (tmp_path / "demo" / "segmint.toml").exists()
    assert not (tmp_path / "demo-workspace").exists()
    twice = segmint("-w", tmp_path / "a", "init", tmp_path / "b", cwd=tmp_path, wide=True)
    assert twice.returncode == 2
    assert f"the folder is given twice, as {tmp_path / 'b'} and as -w {tmp_path / 'a'}" in twice.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    missing = segmint("init", cwd=tmp_path)
    assert missing.returncode == 2 and "directory" in missing.stderr.lower()
