"""The README's examples are run as written, so they never drift from the code."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    """The `segmint …` lines of the README's 'Using it' bash block, comments stripped."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using it", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    commands = []
    for line in block.splitlines():
        line = line.split("  #", 1)[0].strip()
        if line.startswith("segmint "):
            commands.append(line)
    return commands


def test_readme_has_two_commands_and_ci_runs_the_test_one():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    two = re.search(r"## Two commands.*?```bash\n(.*?)```", text, re.S).group(1)
    lines = [line.split("#", 1)[0].strip() for line in two.splitlines() if line.strip()]
    assert lines == ["make demo", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_readme_examples_run(tmp_path: Path):
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    commands = readme_commands()
    assert len(commands) >= 5
    for command in commands:
        argv = shlex.split(command)
        result = subprocess.run(
            [sys.executable, "-m", "segmint", *argv[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"`{command}` failed:\n{result.stderr}"


def test_readme_python_example_runs(tmp_path: Path):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    subprocess.run(
        [sys.executable, "-m", "segmint", "demo", "my-shop", "--customers", "500"],
        cwd=tmp_path, check=True, capture_output=True, timeout=600,
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
