"""Import speed and peak memory: orders from Parquet and CSV, 1M and 10M rows.

    .venv/bin/python benchmarks/import_bench.py                                  # 1M and 10M, both formats
    .venv/bin/python benchmarks/import_bench.py --rows 1000000 --formats parquet --reimport

Input files come from benchmarks/generate.py (the demo shop's generator, one customer per ten orders) and
are cached in --data-dir (default /tmp/segmint-bench), outside the repository; a folder is reused only if
its generation finished. Each measurement imports into a fresh workspace that already knows the customers
(their ids are loaded with one INSERT beforehand, as if the CRM export had been imported first). Every
import runs in a fresh process of its own: this script started again as a worker, which opens the
workspace and calls `segmint.import_file` (what `segmint import orders FILE` does, without the refresh of
segments the command runs afterwards).

- rows/s = rows read / the import's own time (the `seconds` of its summary: read, check, quarantine,
  store, commit); "process s" adds interpreter start-up and opening the workspace.
- peak RSS = the ru_maxrss of that process, read with os.wait4() on its pid: the kernel's high-water mark
  of resident memory for exactly that child, DuckDB's native memory included (RUSAGE_CHILDREN would give
  the maximum over every child so far).
- CPU s = user + system time of the process; with the load average it shows when other work on the machine
  slowed a run down.
- "plain INSERT" rows (--baseline, on by default) time one `INSERT INTO orders SELECT ... FROM read_*()`
  of the same file into an empty workspace, in a fresh process the same way: DuckDB writing the rows with
  no checks at all, the ceiling any import on this machine can approach.

Targets (issue #2, this 2-core machine): Parquet >= 1.5M rows/s, CSV >= 500k rows/s, peak <= 2 GiB at 10M.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

TARGET_ROWS_PER_S = {"parquet": 1_500_000, "csv": 500_000}
TARGET_PEAK_BYTES = 2 * 2**30  # at 10M rows
ORDERS_PER_CUSTOMER = 10
SEED = 42
BASELINE_INSERT = (
    "INSERT INTO orders (order_id, customer_id, is_guest, ordered_at, total, discount, channel, store, "
    "status, imported_at) SELECT order_id, customer_id, customer_id IS NULL, CAST(ordered_at AS TIMESTAMP), "
    "CAST(total AS DECIMAL(18, 4)), CAST(discount AS DECIMAL(18, 4)), channel, store, status, "
    "CAST(now() AS TIMESTAMP) FROM {source}"
)


def dataset(data_dir: Path, rows: int, formats: list[str]) -> dict[str, Path]:
    """The cached orders files for `rows`, generated (bounded memory) when missing or unfinished."""
    folder = data_dir / f"orders-{rows}-seed{SEED}"
    marker = folder / "complete.json"
    paths = {fmt: folder / f"orders.{fmt}" for fmt in formats}
    done = json.loads(marker.read_text()) if marker.exists() else {}
    if all(fmt in done.get("formats", []) and paths[fmt].exists() for fmt in formats):
        return paths
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # generate.py, beside this script
    from generate import write_dataset

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


def _source(file: Path) -> str:
    if file.suffix == ".parquet":
        return "read_parquet($p)"
    return "read_csv($p, header = true, all_varchar = true)"


def fresh_workspace(path: Path, orders_file: Path, with_customers: bool = True) -> None:
    """A new workspace that knows every customer the orders name (ids only; not part of the timing)."""
    from segmint import Workspace

    shutil.rmtree(path, ignore_errors=True)
    with Workspace.init(path) as ws:
        if with_customers:
            parquet = orders_file.with_suffix(".parquet")
            source = parquet if parquet.exists() else orders_file
            ws.raw.execute(
                "INSERT INTO customers (customer_id, imported_at) SELECT DISTINCT customer_id, now() "
                f"FROM {_source(source)} WHERE customer_id IS NOT NULL",
                {"p": str(source)},
            )


def worker(mode: str, workspace: Path, file: Path) -> None:
    """In the measured process: one import (or the plain INSERT), its summary as JSON on stdout."""
    from segmint import Workspace, import_file

    with Workspace.open(workspace) as ws:
        if mode == "import":
            summary = import_file(ws, "orders", file, refresh=False).to_dict()
        else:
            started = time.perf_counter()
            with ws.transaction() as con:
                (inserted,) = con.execute(
                    BASELINE_INSERT.format(source=_source(file)), {"p": str(file)}
                ).fetchone()
            seconds = time.perf_counter() - started
            summary = {"rows_read": inserted, "inserted": inserted, "unchanged": 0, "quarantined": 0}
            summary["seconds"] = seconds
    print(json.dumps(summary))


def run_worker(mode: str, workspace: Path, file: Path) -> dict:
    """The worker in a fresh process; its summary, wall time, peak RSS and CPU time."""
    from measured import run_measured

    command = [sys.executable, __file__, "--worker", mode, str(workspace), str(file)]
    run = run_measured(command, f"{mode} of {file}")
    return {"summary": run.pop("output"), **run}


def measure(fmt: str, rows: int, file: Path, workspace: Path, reimport: bool, baseline: bool) -> list[dict]:
    runs = [("plain INSERT", "baseline")] if baseline else []
    runs += [("import", "import")] + ([("re-import", "import")] if reimport else [])
    results = []
    for label, mode in runs:
        if label != "re-import":
            fresh_workspace(workspace, file, with_customers=mode == "import")
        load = os.getloadavg()[0]
        run = run_worker(mode, workspace, file)
        s = run["summary"]
        if label != "re-import" and (s["inserted"] != rows or s["quarantined"] != 0):
            raise SystemExit(f"{file}: expected {rows:,} new orders, got {s}")
        if label == "re-import" and s["unchanged"] != rows:
            raise SystemExit(f"{file}: a re-import should change nothing, got {s}")
        results.append(
            {
                "format": fmt,
                "run": label,
                "rows": rows,
                "import_seconds": s["seconds"],
                "rows_per_second": rows / s["seconds"],
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
    if r["run"] == "plain INSERT":
        return "(ceiling)"
    misses = []
    if r["run"] == "import" and r["rows_per_second"] < TARGET_ROWS_PER_S[r["format"]]:
        misses.append("speed")
    if r["rows"] >= 10_000_000 and r["peak_rss_bytes"] > TARGET_PEAK_BYTES:
        misses.append("memory")
    return "MISS " + "+".join(misses) if misses else "ok"


def print_table(results: list[dict]) -> None:
    import duckdb

    header = (
        f"{'format':8} {'run':12} {'rows':>11} {'import s':>9} {'rows/s':>11} {'target':>10} "
        f"{'peak RSS':>10} {'CPU s':>7} {'process s':>10} {'load':>5}  result"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        target = f"{TARGET_ROWS_PER_S[r['format']]:,}" if r["run"] == "import" else "-"
        print(
            f"{r['format']:8} {r['run']:12} {r['rows']:>11,} {r['import_seconds']:>9.2f} "
            f"{r['rows_per_second']:>11,.0f} {target:>10} {r['peak_rss_bytes'] / 2**20:>6,.0f} MiB "
            f"{r['cpu_seconds']:>7.1f} {r['process_seconds']:>10.2f} {r['load_average']:>5.1f}  {verdict(r)}"
        )
    print(
        f"targets: parquet >= {TARGET_ROWS_PER_S['parquet']:,} rows/s, csv >= {TARGET_ROWS_PER_S['csv']:,} "
        f"rows/s, peak RSS <= {TARGET_PEAK_BYTES / 2**30:.0f} GiB at 10M rows; {os.cpu_count()} cores, "
        f"duckdb {duckdb.__version__}; load = 1-minute load average when the run started"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--formats", nargs="+", default=["parquet", "csv"], choices=["parquet", "csv"])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/segmint-bench"))
    parser.add_argument("--reimport", action="store_true", help="also time a second import of the same file")
    parser.add_argument(
        "--no-baseline", dest="baseline", action="store_false", help="skip the plain INSERT ceiling"
    )
    parser.add_argument("--json", action="store_true", help="print the results as one JSON document")
    parser.add_argument("--worker", nargs=3, metavar=("MODE", "WORKSPACE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        mode, workspace, file = args.worker
        worker(mode, Path(workspace), Path(file))
        return
    args.data_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for rows in args.rows:
        files = dataset(args.data_dir, rows, args.formats)
        for fmt in args.formats:
            print(f"importing {rows:,} orders from {fmt} ...", file=sys.stderr)
            workspace = args.data_dir / f"ws-{fmt}-{rows}"
            results += measure(fmt, rows, files[fmt], workspace, args.reimport, args.baseline)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
