"""Run the real `segmint` command in a subprocess, as a shell would: the one helper the CLI tests share."""

from __future__ import annotations

import os
import subprocess
import sys


def segmint(
    *args, cwd=None, timeout: float = 600, wide: bool = False, columns: int | None = None
) -> subprocess.CompletedProcess:
    """`python -m segmint ARGS`, its output captured as text. `wide`: a 1000-column console, for tests that
    read long messages Rich would otherwise wrap at 80 columns on a pipe (where it breaks depends on the
    length of pytest's temporary path); `columns`: a console of that width."""
    width = 1000 if wide else columns
    env = {**os.environ, "COLUMNS": str(width)} if width else None
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
