"""Run the real `segmint` command in a subprocess, as a shell would: the one helper the CLI tests share."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def segmint(
    *args,
    cwd=None,
    timeout: float = 600,
    wide: bool = False,
    columns: int | None = None,
    language: str | None = "en",
) -> subprocess.CompletedProcess:
    """`python -m segmint ARGS`, its output captured as text. `wide`: a 1000-column console, for tests that
    read long messages Rich would otherwise wrap at 80 columns on a pipe (where it breaks depends on the
    length of pytest's temporary path); `columns`: a console of that width; `language`: the language of the
    human output ($SEGMINT_LANGUAGE; English, as tests read it, though a new workspace is Ukrainian), None
    for the workspace's own (tests/test_cli_wording.py)."""
    width = 1000 if wide else columns
    env = {key: value for key, value in os.environ.items() if key != "SEGMINT_LANGUAGE"}
    env.update({"COLUMNS": str(width)} if width else {})
    env.update({"SEGMINT_LANGUAGE": language} if language else {})
    return subprocess.run(
        [sys.executable, "-m", "segmint", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=timeout,
        env=env,
        check=False,
    )


def ok(*args, **kwargs) -> subprocess.CompletedProcess:
    """segmint(...) that must succeed: its stderr is the failure message otherwise."""
    done = segmint(*args, **kwargs)
    assert done.returncode == 0, done.stderr
    return done


def member_ids(workspace, name: str, folder) -> list[str]:
    """The customer ids of segment `name`, sorted, as `segments members -o FILE.parquet` exports them."""
    import pyarrow.parquet as pq

    out = Path(folder) / f"{name}.members.parquet"
    ok("-w", workspace, "segments", "members", name, "-o", out, "--columns", "customer_id")
    return sorted(pq.read_table(out).column("customer_id").to_pylist())


def in_order(text: str, words: list[str]) -> bool:
    """Every one of `words` in `text`, each after the one before."""
    at = 0
    for word in words:
        at = text.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True
