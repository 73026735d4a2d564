"""Run the real `segmint` command in a process of its own, as a shell would: the one helper the CLI tests
share. The process is forked from a warm one that has imported the heavy libraries (tests/warm_cli.py), or
is a cold `python -m segmint` where it cannot be ($SEGMINT_TEST_COLD=1 makes every one cold)."""

from __future__ import annotations

import atexit
import functools
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# the variables that differ from command to command (segmint() sets the first two, pytest the third); any
# other difference from the warm process's environment (a test's monkeypatch.setenv) runs a cold subprocess
PER_COMMAND = ("COLUMNS", "SEGMINT_LANGUAGE", "PYTEST_CURRENT_TEST")


def segmint(
    *args,
    cwd=None,
    timeout: float = 600,
    wide: bool = False,
    columns: int | None = None,
    language: str | None = "en",
    warm: bool = True,
) -> subprocess.CompletedProcess:
    """`python -m segmint ARGS`, its output captured as text. `wide`: a 1000-column console, for tests that
    read long messages Rich would otherwise wrap at 80 columns on a pipe (where it breaks depends on the
    length of pytest's temporary path); `columns`: a console of that width; `language`: the language of the
    human output ($SEGMINT_LANGUAGE; English, as tests read it, though a new workspace is Ukrainian), None
    for the workspace's own (tests/test_cli_wording.py); `warm`: False for a cold start whatever the
    environment (tests/test_warm_cli.py compares the two)."""
    width = 1000 if wide else columns
    env = {key: value for key, value in os.environ.items() if key != "SEGMINT_LANGUAGE"}
    env.update({"COLUMNS": str(width)} if width else {})
    env.update({"SEGMINT_LANGUAGE": language} if language else {})
    command = [sys.executable, "-m", "segmint", *map(str, args)]
    process = _warm_process() if warm else None
    if process is not None and process.serves(env):
        return process.run(command, cwd or os.getcwd(), env, timeout)
    return subprocess.run(
        command,
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


def refused(done, json_asked: bool = True) -> str:
    """What a refused command said on stderr, checked against stdout: with --json, one JSON document, its
    error in the API's shape with the same message (cli/common.py print_json_refusal); else nothing."""
    assert done.returncode != 0, done.stdout
    if not json_asked:
        assert not done.stdout, done.stdout
        return done.stderr
    document = json.loads(done.stdout)
    assert list(document) == ["error"] and list(document["error"]) == ["code", "message", "details"]
    message = document["error"]["message"]
    said = done.stderr if isinstance(done.stderr, str) else done.stderr.decode()
    assert "".join(message.split()) in "".join(said.split()), (message, said)  # Rich wraps stderr
    return done.stderr


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


class _WarmProcess:
    """tests/warm_cli.py, started once per test process: `segmint` forked from a process that has imported
    the heavy libraries, so `segments list` takes ~0.75 s instead of ~2.5 s (that file says why and how)."""

    def __init__(self, env=None) -> None:
        self.env = _base(os.environ if env is None else env)
        # its own messages (a preload's ImportError) kept to be quoted if it ends; a command's go to its files
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the process; close())
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("warm_cli.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=self.env,
            bufsize=0,
        )
        self.pending = b""
        self.lock = threading.Lock()
        self._reply(timeout=300)  # {"ready": true}

    def serves(self, env: dict) -> bool:
        return self.process.poll() is None and _base(env) == self.env

    def run(self, command: list[str], cwd, env: dict, timeout: float) -> subprocess.CompletedProcess:
        with self.lock, tempfile.TemporaryDirectory(prefix="segmint-cli-") as folder:
            out, err = Path(folder, "stdout"), Path(folder, "stderr")
            request = {"args": command[3:], "cwd": str(cwd), "env": env}
            request |= {"stdout": str(out), "stderr": str(err)}
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            pid = self._reply(timeout=60)["pid"]
            try:
                returncode = self._reply(timeout=timeout)["returncode"]
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                self._reply(timeout=60)
                raise subprocess.TimeoutExpired(command, timeout, _text(out), _text(err)) from None
            return subprocess.CompletedProcess(command, returncode, _text(out), _text(err))

    def _reply(self, timeout: float) -> dict:
        """The next JSON line, read from the pipe itself so a line already read is never waited for."""
        fd = self.process.stdout.fileno()
        while b"\n" not in self.pending:
            if not select.select([fd], [], [], timeout)[0]:
                raise TimeoutError
            chunk = os.read(fd, 65536)
            if not chunk:
                self.process.wait(timeout=60)
                self.stderr.seek(0)
                said = self.stderr.read().decode("utf-8", "replace").strip()
                raise RuntimeError(f"tests/warm_cli.py ended (exit {self.process.returncode}): {said}")
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.stderr.close()


@functools.cache
def _warm_process() -> _WarmProcess | None:
    """This test process's warm process; None where it cannot run (no fork, or $SEGMINT_TEST_COLD set)."""
    if not hasattr(os, "fork") or os.environ.get("SEGMINT_TEST_COLD"):
        return None
    process = _WarmProcess()
    atexit.register(process.close)
    return process


# What the preloaded libraries set in their process's environment (sklearn's __init__, os.environ.setdefault):
# the warm process has them, so a test process that has imported sklearn since (an in-process API test's
# create_app) is still served warm; it went cold for the rest of its tests, and test_warm_cli failed.
SET_BY_PRELOADS = {"KMP_DUPLICATE_LIB_OK": "True", "KMP_INIT_AT_FORK": "FALSE"}


def _base(env) -> dict:
    return {
        key: value
        for key, value in env.items()
        if key not in PER_COMMAND and SET_BY_PRELOADS.get(key) != value
    }


def _text(path: Path) -> str:
    """What subprocess.run(text=True, encoding='utf-8') gives: universal newlines."""
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
