"""A warm `python -m segmint` for the CLI tests: a process that has imported the libraries the commands
load (Ibis, pandas, SciPy, PyArrow, pydantic, Typer, Rich, scikit-learn: PRELOADED) and forks per
command. The child takes the command's working folder, environment, argv and output files, then runs
`segmint` as `-m` runs it (runpy) and exits as an interpreter does, so its exit code, stdout and stderr are
the command's own.

Why: the suite starts `segmint` well over a thousand times, and each start spent ~1.7 of its ~2.5 s
importing those libraries (`python -X importtime`), CI's 90 minutes nearly all used. segmint's own modules
are never imported here, so what a command loads (tests/test_startup.py) and its module-level state are
those of a fresh process. tests/cli.py falls back to a real subprocess wherever the environment differs
from this process's in more than the variables set per command (tests/cli.py's PER_COMMAND). Not
multiprocessing's "forkserver": it runs a Python function in the child, which then leaves by os._exit
(skipping atexit and finalizers, so a DuckDB connection would not close as in a real run), and it gives
no child its own folder, environment and stdout/stderr files.

Protocol, one JSON line each way: a request {"args", "cwd", "env", "stdout", "stderr"} on stdin; the reply
{"pid"} once forked, then {"returncode"} once the child has exited."""

from __future__ import annotations

import gc
import importlib
import json
import os
import runpy
import sys
import time

# what the commands import (`segments list` too, through segmint.models' CLV features; scikit-learn and
# Plotly for `clusters` and `report`), never segmint itself. Not DuckDB: its import starts a thread, and a
# child forked after it hangs or aborts at exit ("terminate called without an active exception"); nor splink
# or ibis.backends.duckdb, which import it.
PRELOADED = ("ibis", "ibis.backends.sql.compilers", "lark", "numpy", "pandas", "pyarrow", "pydantic",
             "rich.console", "scipy.optimize", "scipy.special", "typer", "yaml", "phonenumbers", "pycountry",
             "babel.dates", "babel.numbers", "babel.units", "jinja2.sandbox", "plotly.graph_objects",
             "plotly.offline", "sklearn.cluster", "sklearn.decomposition", "sklearn.metrics",
             "sklearn.mixture", "sklearn.tree")  # fmt: skip


def _serve(replies) -> dict | None:
    """Fork for each request; the parent answers, the child returns its request to run it."""
    for line in sys.stdin:
        request = json.loads(line)
        # the preloaded objects out of the child's collections: collecting them at its exit wrote to every
        # page they share with this process, ~1 s of copying per command (Python's docs advise it for fork)
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            replies.close()
            return request
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()
        _, status = os.waitpid(pid, 0)
        replies.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}) + "\n")
        replies.flush()
    return None


def _become(request: dict) -> None:
    """This child as `subprocess.run([python, -m, segmint, *args], cwd=..., env=...)` would start it."""
    if request["cwd"]:
        os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(opened, fd)
        os.close(opened)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    sys.path[0] = os.getcwd()  # where `-m` puts the working folder
    sys.argv = ["-m", *request["args"]]


if __name__ == "__main__":
    # the replies go to a copy of stdout, and fd 1 to /dev/null until a child takes its own file
    replies = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    for name in PRELOADED:
        importlib.import_module(name)
    assert "duckdb" not in sys.modules, "a preloaded module imports DuckDB: see PRELOADED"
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    request = _serve(replies)
    if request is None:
        sys.exit(0)
    _become(request)
    runpy.run_module("segmint", run_name="__main__", alter_sys=True)
