"""Import speed and peak memory: orders from Parquet and CSV, 1M and 10M rows.

    .venv/bin/python benchmarks/import_bench.py                                  # 1M and 10M, both formats
    .venv/bin/python benchmarks/import_bench.py --rows 1000000 --formats parquet --reimport

Input files come from benchmarks/generate.py (the demo shop's generator, one customer per ten orders) and
are cached in --data-dir (default /tmp/segmint-bench), outside the repository; a folder is reused only if
its generation finished. Each measurement imports into a fresh workspace that already knows the customers
(their ids are loaded with one INSERT beforehand, as if the CRM export had been imported first), by running
the real command `python -m segmint import orders FILE -w WS --json` in a fresh process.

- rows/s = rows read / the import's own time (the `seconds` of the JSON summary: read, check, quarantine,
  store, commit); "process s" adds interpreter start-up and opening the workspace.
- peak RSS = the ru_maxrss of that import process, read with os.wait4() on its pid (the kernel's high-water
  mark of resident memory for exactly that child, DuckDB's native memory included).
- CPU s = user + system time of the process; with the load average it shows when other work on the machine
  slowed a run down.

Targets (issue #2, this 2-core machine): Parquet >= 1.5M rows/s, CSV >= 500k rows/s, peak <= 2 GiB at 10M.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))  # generate.py, beside this script
from generate import write_dataset
from segmint import Workspace

TARGET_ROWS_PER_S = {"parquet": 1_500_000, "csv": 500_000}
TARGET_PEAK_BYTES = 2 * 2**30  # at 10M rows
ORDERS_PER_CUSTOMER = 10
SEED = 42


def dataset(data_dir: Path, rows: int, formats: list[str]) -> dict[str, Path]:
    """The cached orders files for `rows`, generated (bounded memory) when missing or unfinished."""
    folder = data_dir / f"orders-{rows}-seed{SEED}"
    marker = folder / "complete.json"
    paths = {fmt: folder / f"orders.{fmt}" for fmt in formats}
    done = json.loads(marker.read_text()) if marker.exists() else {}
    if all(fmt in done.get("formats", []) and paths[fmt].exists() for fmt in formats):
        return paths
    shutil.rmtree(folder, ignore_errors=True)
    wanted = sorted(set(formats) | set(done.get("formats", [])))
    print(f"generating {rows:,} orders ({', '.join(wanted)}) into {folder} ...", file=sys.stderr)
    started = time.perf_counter()
    result = write_dataset(
        folder,
        customers=rows // ORDERS_PER_CUSTOMER,
        orders=rows,
        formats=wanted,
        seed=SEED,
        tables=("orders",),
    )
    if result["orders"]["rows"] != rows:
        raise SystemExit(f"the generator wrote {result['orders']['rows']:,} orders, not {rows:,}")
    marker.write_text(json.dumps({"rows": rows, "formats": wanted, "seconds": time.perf_counter() - started}))
    return {fmt: folder / f"orders.{fmt}" for fmt in formats}


def fresh_workspace(path: Path, orders_file: Path) -> None:
    """A new workspace that knows every customer the orders name (ids only; not part of the timing)."""
    shutil.rmtree(path, ignore_errors=True)
    with Workspace.init(path) as ws:
        parquet = orders_file.with_suffix(".parquet")
        source = "read_parquet($p)" if parquet.exists() else "read_csv($p, header = true, all_varchar = true)"
        ws.raw.execute(
            "INSERT INTO customers (customer_id, imported_at) SELECT DISTINCT customer_id, now() "
            f"FROM {source} WHERE customer_id IS NOT NULL",
            {"p": str(parquet if parquet.exists() else orders_file)},
        )


def run_import(workspace: Path, file: Path) -> dict:
    """`segmint import orders FILE --json` in a fresh process; its summary, wall time, peak RSS, CPU."""
    command = [sys.executable, "-m", "segmint", "import", "orders", str(file), "-w", str(workspace), "--json"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait4 gives the resource usage of exactly this child (RUSAGE_CHILDREN would accumulate a maximum
    # over every child so far). The pipes are read meanwhile, so a chatty child cannot block.
    chunks_out: list[bytes] = []
    chunks_err: list[bytes] = []

    def drain(stream, chunks):
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            chunks.append(chunk)

    readers = [
        threading.Thread(target=drain, args=(process.stdout, chunks_out)),
        threading.Thread(target=drain, args=(process.stderr, chunks_err)),
    ]
    for reader in readers:
        reader.start()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    wall = time.perf_counter() - started
    out, err = b"".join(chunks_out), b"".join(chunks_err)
    if process.returncode != 0:
        raise SystemExit(f"import failed ({process.returncode}): {err.decode(errors='replace')[-2000:]}")
    summary = json.loads(out)
    return {
        "summary": summary,
        "process_seconds": wall,
        "peak_rss_bytes": usage.ru_maxrss * 1024,  # Linux reports KiB
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
    }


def measure(fmt: str, rows: int, file: Path, workspace: Path, reimport: bool) -> list[dict]:
    fresh_workspace(workspace, file)
    results = []
    for label in ("import", "re-import") if reimport else ("import",):
        load = os.getloadavg()[0]
        run = run_import(workspace, file)
        s = run["summary"]
        if label == "import" and (s["inserted"] != rows or s["quarantined"] != 0):
            raise SystemExit(f"{file}: expected {rows:,} new orders, got {s}")
        if label == "re-import" and s["unchanged"] != rows:
            raise SystemExit(f"{file}: a re-import should change nothing, got {s}")
        seconds = s["seconds"]
        results.append(
            {
                "format": fmt,
                "run": label,
                "rows": rows,
                "import_seconds": seconds,
                "rows_per_second": rows / seconds,
                "process_seconds": run["process_seconds"],
                "peak_rss_bytes": run["peak_rss_bytes"],
                "cpu_seconds": run["cpu_seconds"],
                "load_average": load,
                "inserted": s["inserted"],
                "unchanged": s["unchanged"],
                "quarantined": s["quarantined"],
            }
        )
    shutil.rmtree(workspace, ignore_errors=True)
    return results


def verdict(r: dict) -> str:
    misses = []
    if r["run"] == "import" and r["rows_per_second"] < TARGET_ROWS_PER_S[r["format"]]:
        misses.append("speed")
    if r["rows"] >= 10_000_000 and r["peak_rss_bytes"] > TARGET_PEAK_BYTES:
        misses.append("memory")
    return "MISS " + "+".join(misses) if misses else "ok"


def print_table(results: list[dict]) -> None:
    header = (
        f"{'format':8} {'run':10} {'rows':>11} {'import s':>9} {'rows/s':>11} {'target':>10} "
        f"{'peak RSS':>10} {'CPU s':>7} {'process s':>10} {'load':>5}  result"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        target = f"{TARGET_ROWS_PER_S[r['format']]:,}" if r["run"] == "import" else "-"
        print(
            f"{r['format']:8} {r['run']:10} {r['rows']:>11,} {r['import_seconds']:>9.2f} "
            f"{r['rows_per_second']:>11,.0f} {target:>10} {r['peak_rss_bytes'] / 2**20:>6,.0f} MiB "
            f"{r['cpu_seconds']:>7.1f} {r['process_seconds']:>10.2f} {r['load_average']:>5.1f}  {verdict(r)}"
        )
    print(
        f"targets: parquet >= {TARGET_ROWS_PER_S['parquet']:,} rows/s, csv >= {TARGET_ROWS_PER_S['csv']:,} "
        f"rows/s, peak RSS <= {TARGET_PEAK_BYTES / 2**30:.0f} GiB at 10M rows; {os.cpu_count()} cores, "
        f"duckdb {duckdb.__version__}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--formats", nargs="+", default=["parquet", "csv"], choices=["parquet", "csv"])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/segmint-bench"))
    parser.add_argument("--reimport", action="store_true", help="also time a second import of the same file")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON document")
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for rows in args.rows:
        files = dataset(args.data_dir, rows, args.formats)
        for fmt in args.formats:
            print(f"importing {rows:,} orders from {fmt} ...", file=sys.stderr)
            workspace = args.data_dir / f"ws-{fmt}-{rows}"
            results += measure(fmt, rows, files[fmt], workspace, args.reimport)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
