"""Run a benchmark step in a fresh process and measure it: wall time, peak memory, CPU time.

Shared by import_bench.py and refresh_bench.py (imported from beside them: a script's folder is on
sys.path). Peak RSS comes from os.wait4() on the child's pid: the kernel's high-water mark of resident
memory for exactly that child, DuckDB's native memory included (RUSAGE_CHILDREN would give the maximum
over every child so far). The child prints one JSON document on stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time


def run_measured(command: list[str], what: str) -> dict:
    """{"output": the child's JSON, "process_seconds", "peak_rss_bytes", "cpu_seconds"}; SystemExit with
    the end of its stderr when it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}

    def drain(stream, into: list[bytes]) -> None:  # read the pipes while waiting, so the child never blocks
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            into.append(chunk)

    threads = [
        threading.Thread(target=drain, args=(process.stdout, chunks["out"])),
        threading.Thread(target=drain, args=(process.stderr, chunks["err"])),
    ]
    for thread in threads:
        thread.start()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        error = b"".join(chunks["err"]).decode(errors="replace")[-3000:]
        raise SystemExit(f"{what} failed ({process.returncode}):\n{error}")
    return {
        "output": json.loads(b"".join(chunks["out"])),
        "process_seconds": wall,
        "peak_rss_bytes": usage.ru_maxrss * 1024,  # Linux reports KiB
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
    }
