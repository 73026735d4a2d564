"""benchmarks/refresh_bench.py runs end to end at a tiny size and prints every figure (not the targets:
speed targets are for the full-size run on the benchmark machine)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "refresh_bench.py"


@pytest.mark.slow  # about 2 minutes on a quiet machine (a dataset, 50 segments, four refreshes)
def test_the_refresh_benchmark_prints_its_figures(tmp_path):
    command = [
        sys.executable,
        str(SCRIPT),
        *("--customers", "2000", "--orders", "16000", "--new-orders", "40", "--repeat", "1"),
        *("--data", str(tmp_path)),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "2,000 customers, 16,000 orders, 50 segments" in out
    full = float(re.search(r"full refresh +([\d.]+) s +peak RSS +([\d,]+) MiB", out).group(1))
    rfm = float(re.search(r"bare RFM query +([\d.]+) s", out).group(1))
    ratio = float(re.search(r"ratio full / RFM +([\d.]+) x", out).group(1))
    assert full > 0 and rfm > 0 and ratio > 0  # rfm is printed rounded: no exact ratio check
    # the same RFM over the order lines (COUNT DISTINCT), for reference: timed and compared too
    assert re.search(r"RFM from the lines +[\d.]+ s +\(COUNT DISTINCT", out), out
    assert float(re.search(r"ratio full / that +([\d.]+) x +for reference", out).group(1)) > 0, out
    assert re.search(r"peak memory +[\d.]+ GiB .*(PASS|MISS)", out)
    after = re.search(r"refresh after 40 new orders +([\d.]+) s \(incremental: ([\d,]+) customers", out)
    assert after, out
    # the new orders' customers are what that refresh recomputes (an import that refreshed by itself left
    # the timed refresh nothing to do)
    assert int(after.group(2).replace(",", "")) > 0, out
    share = float(re.search(r"as % of full +([\d.]+) %", out).group(1))
    after_s = float(after.group(1))
    # every figure is printed rounded (seconds to 0.005, the share to 0.05 %): allow exactly that error
    rounding = 0.05 + 100 * 0.005 * (1 / full + after_s / full**2) * 1.01
    assert abs(share - 100 * after_s / full) <= rounding
    assert "same history: yes" in out
    # the data and the base workspace are cached in --data: a rerun does not rebuild them
    assert (tmp_path / "shop-c2000-o16000-s42" / "complete.json").exists()
    assert (tmp_path / "ws-c2000-o16000-base" / "complete.json").exists()
