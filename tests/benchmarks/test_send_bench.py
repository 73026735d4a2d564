"""benchmarks/send_bench.py runs end to end at a tiny size and prints every figure (not the target: speed
targets are for the full-size run on the benchmark machine)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "send_bench.py"


def test_the_send_benchmark_prints_its_figures(tmp_path):
    command = [sys.executable, str(SCRIPT), "--customers", "600", "--members", "200", "--deliver", "20"]
    done = subprocess.run([*command, "--data", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "600 customers, a 200-member segment" in out
    seconds = float(re.search(r"render \+ queue 200 messages +([\d.]+) s", out).group(1))
    rate = float(re.search(r"messages/s rendered and queued +([\d,]+)", out).group(1).replace(",", ""))
    assert seconds > 0
    # both figures are printed rounded (seconds to 0.005, the rate to 0.5): allow exactly that error
    assert abs(rate - 200 / seconds) <= 0.5 + 200 * 0.005 / seconds**2 * 1.01
    assert re.search(r"target >= 5,000: (PASS|MISS)", out)
    assert re.search(r"deliver 20 over SMTP \(loopback\) +[\d.]+ s +[\d,]+ messages/s", out)
    # the refreshed demo shop is cached in --data: a rerun does not rebuild it
    assert (tmp_path / "demo-c600-s42" / "complete.json").exists()
