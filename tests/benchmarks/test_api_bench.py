"""benchmarks/api_bench.py runs end to end on a small demo shop over a real server and prints its figures
(not the targets: speed targets are for the 1M-customer run on the benchmark machine)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from segmint import Workspace

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "api_bench.py"


@pytest.mark.slow  # about a minute: a demo shop, a refresh, a server, 2 x 7 requests
def test_the_api_benchmark_prints_its_figures(tmp_path):
    command = [
        sys.executable,
        str(SCRIPT),
        *(
            "--demo",
            "300",
            "--work",
            str(tmp_path),
            "--requests",
            "5",
            "--warmup",
            "2",
            "--max-seconds",
            "120",
        ),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert out.startswith("API benchmark: 300 customers, ")
    for label, target in (("profile lookup", 100), ("segment preview", 1000)):
        found = re.search(
            rf"{label} +(\d+) requests in +[\d.]+ s +p50 +([\d.]+) ms +p99 +([\d.]+) ms +"
            rf"target p99 <= +{target} ms +(PASS|MISS) +load [\d.]+",
            out,
        )
        assert found, out
        n, p50, p99 = int(found.group(1)), float(found.group(2)), float(found.group(3))
        assert n == 5 and 0 < p50 <= p99
        assert found.group(4) == ("PASS" if p99 <= target else "MISS")
    counts = re.findall(r"preview rule \(([\d,]+) customers\): age between", out)
    assert len(counts) == 4  # every rule variant was sent at least once after the warm-up
    # the server stopped and let the workspace go: it opens again
    (copy,) = tmp_path.glob("demo-300")
    Workspace.open(copy).close()
