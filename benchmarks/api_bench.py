"""REST API latency over a real server on loopback: customer profile lookup and a 5-filter segment preview.

    .venv/bin/python benchmarks/api_bench.py                    # a copy of the 1M-customer workspace
    .venv/bin/python benchmarks/api_bench.py --demo 2000 --work /tmp/api-bench --requests 20

What it does (issue #5's acceptance benchmark):

1. A workspace copy in --work: the 1M-customer / 10M-order base workspace refresh_bench.py builds (copied,
   the original is never opened), or with --demo N a demo shop of N customers (with events). Its features
   are computed by a refresh when they are missing or stale (minutes at 1M; the copy is kept and reused
   by the next run, `--recopy` starts over).
2. A viewer token is made, random existing customer ids are drawn, and the workspace is closed.
3. `segmint serve` runs as a subprocess on a free loopback port (uvicorn, the real app); one httpx client
   with keep-alive sends the requests one after the other, so each latency is one request's own: HTTP on
   loopback, auth, the queries and the JSON.
4. Profile lookups GET /customers/{id} of random ids, then previews POST /segments/preview of 5-filter
   rules (demographic, geographic, RFM group, a behavioural time window, engagement), each phase bounded
   by --requests and --max-seconds; the first --warmup requests of each phase are not counted.

Targets (issue #5): profile p99 <= 100 ms, preview p99 <= 1 s. The machine is shared: the 1-minute load
average is printed with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import numpy as np

TARGET_PROFILE_P99 = 0.100
TARGET_PREVIEW_P99 = 1.0
BASE = Path("/work/bench-data/ws-c1000000-o10000000-base")  # refresh_bench.py's 1M / 10M workspace
SEED = 42

# 5 filters each: age (demographic), city (geographic), RFM group, purchases in the last 90 days
# (behavioural time window) and engagement (email opens in 180 days, or email consent). Variants differ
# in values, so no answer can be a repeat of the one before.
CITIES = ('"Київ", "Львів", "Одеса"', '"Харків", "Дніпро", "Київ"', '"Львів", "Запоріжжя", "Вінниця"')
GROUPS = ('"Champions", "Loyal"', '"Loyal", "Potential Loyalist", "Need Attention"', '"At Risk", "Champions"')
RULES = [
    f"age between {low} and {low + 29} and city in ({cities}) and rfm.group in ({groups}) "
    f"and bought(within = 90d) >= {times} and (opened_email(within = 180d) >= 1 or consent_email)"
    for low, cities, groups, times in [
        (25, CITIES[0], GROUPS[0], 2),
        (30, CITIES[1], GROUPS[1], 1),
        (20, CITIES[2], GROUPS[2], 2),
        (35, CITIES[0], GROUPS[1], 1),
    ]
]


# -- the workspace -------------------------------------------------------------------------------------
def prepare(args) -> Path:
    """The workspace copy in --work, with features for its reference date."""
    work = args.work / ("demo-" + str(args.demo) if args.demo else "ws-" + args.workspace.name)
    marker = work / "api-bench.json"
    if args.recopy or not marker.exists():
        shutil.rmtree(work, ignore_errors=True)
        started = time.perf_counter()
        if args.demo:
            import segmint

            log(f"building a demo shop of {args.demo:,} customers in {work} ...")
            segmint.build_demo(work, n_customers=args.demo, seed=SEED)
        else:
            log(f"copying {args.workspace} to {work} ...")
            shutil.copytree(args.workspace, work)
            if args.events_per_customer:
                add_events(work, args.events_per_customer)
        marker.write_text(
            json.dumps({"source": str(args.workspace), "seconds": time.perf_counter() - started})
        )
    import segmint
    from segmint.history.refresh import features_date
    from segmint.rules.context import reference_date

    with segmint.Workspace.open(work) as ws:
        if "features" not in ws.con.list_tables() or features_date(ws) != reference_date(ws):
            log("refreshing the copy (its features are missing or stale; minutes at 1M customers) ...")
            summary = segmint.refresh(ws)
            log(f"  refreshed in {summary.seconds:.0f} s")
    return work


def add_events(work: Path, per_customer: float) -> None:
    """Engagement events for the copy (the base workspace has none): about `per_customer` per live
    customer (uniform 0..2x), types weighted like an email-heavy shop (sends, opens, clicks, visits, carts,
    a few survey answers), dated over the year before the last order (so the reference date stays) and
    written in time order like an export; they go through the real import (`segmint.import_file`)."""
    import segmint

    events = work.parent / f"events-{work.name}.parquet"
    with segmint.Workspace.open(work) as ws:
        ws.raw.execute(f"SELECT setseed({1 / SEED})")
        (last,) = ws.raw.execute("SELECT max(ordered_at) FROM orders").fetchone()
        log(f"writing ~{per_customer:g} events per customer up to {last} to {events} ...")
        ws.raw.execute(
            f"""COPY (
            WITH drawn AS (
                SELECT customer_id, unnest(range(CAST(floor(random() * (2 * $per + 1)) AS INTEGER))) AS i
                FROM customers WHERE merged_into IS NULL),
            typed AS (
                SELECT customer_id, random() AS r,
                       $last::TIMESTAMP - to_seconds(CAST(random() * 365 * 86400 AS BIGINT)) AS occurred_at
                FROM drawn)
            SELECT 'BENCH-EV-' || row_number() OVER (ORDER BY occurred_at, customer_id) AS event_id,
                   customer_id,
                   CASE WHEN r < 0.40 THEN 'email_sent' WHEN r < 0.62 THEN 'email_open'
                        WHEN r < 0.68 THEN 'email_click' WHEN r < 0.90 THEN 'site_visit'
                        WHEN r < 0.98 THEN 'cart_add' ELSE 'survey_answer' END AS event_type,
                   occurred_at,
                   CASE WHEN r < 0.68 THEN 'newsletter-' || strftime(occurred_at, '%Y-%m') END AS campaign_id,
                   CASE WHEN r < 0.68 THEN 'email' ELSE 'web' END AS channel,
                   CASE WHEN r >= 0.98 THEN CAST(floor(random() * 11) AS INTEGER) END AS nps_score
            FROM typed ORDER BY occurred_at, customer_id
            ) TO '{events}' (FORMAT parquet)""",
            {"per": per_customer, "last": last},
        )
        started = time.perf_counter()
        summary = segmint.import_file(ws, "events", events, refresh=False)
        log(
            f"  imported {summary.inserted:,} events ({summary.quarantined:,} quarantined) "
            f"in {time.perf_counter() - started:.0f} s"
        )
    events.unlink()


def token_and_ids(work: Path, count: int) -> tuple[str, list[str], dict]:
    """A fresh viewer token, `count` random live customer ids, and the workspace's size."""
    import segmint
    from segmint.api.tokens import create_token

    with segmint.Workspace.open(work) as ws:
        _, secret = create_token(ws, "viewer", "api bench")
        ws.raw.execute(f"SELECT setseed({1 / SEED})")
        ids = [
            row[0]
            for row in ws.raw.execute(
                "SELECT customer_id FROM customers WHERE merged_into IS NULL ORDER BY random() LIMIT ?",
                [count],
            ).fetchall()
        ]
        (customers,) = ws.raw.execute("SELECT count(*) FROM customers").fetchone()
        (orders,) = ws.raw.execute("SELECT count(*) FROM orders").fetchone()
        (events,) = ws.raw.execute("SELECT count(*) FROM events").fetchone()
    return secret, ids, {"customers": customers, "orders": orders, "events": events}


# -- the server ----------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(work: Path, port: int, log_path: Path) -> subprocess.Popen:
    """`segmint serve` in a subprocess, once GET /health answers."""
    with open(log_path, "wb") as handle:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(
            [sys.executable, "-m", "segmint", "serve", "-w", str(work), "--port", str(port)],
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"segmint serve exited ({process.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_server(process)
    raise SystemExit(f"segmint serve did not answer within 300 s:\n{log_path.read_text()[-3000:]}")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- the measurement -----------------------------------------------------------------------------------
def timed(requests, args) -> dict:
    """Send requests ((label, callable returning a response) pairs) until --requests or --max-seconds; the
    latency of each after the first --warmup, and the answer to each label."""
    load = os.getloadavg()[0]
    latencies, answers, started = [], {}, time.perf_counter()
    for number, (label, send) in enumerate(requests):
        if number >= args.requests + args.warmup or time.perf_counter() - started > args.max_seconds:
            break
        clock = time.perf_counter()
        response = send()
        seconds = time.perf_counter() - clock
        if response.status_code != 200:
            raise SystemExit(
                f"{response.request.method} {response.request.url}: {response.status_code} "
                f"{response.text[:500]}"
            )
        if number >= args.warmup:
            latencies.append(seconds)
            answers[label] = response.json()
    wall = time.perf_counter() - started
    if not latencies:
        raise SystemExit("no request finished after the warm-up: raise --max-seconds")
    return {
        "n": len(latencies),
        "wall_seconds": wall,
        "p50": float(np.percentile(latencies, 50)),
        "p99": float(np.percentile(latencies, 99)),
        "max": max(latencies),
        "load": load,
        "answers": answers,
    }


def measure(args) -> dict:
    work = prepare(args)
    secret, ids, size = token_and_ids(work, 10_000)
    port = free_port()
    server = start_server(work, port, args.work / "server.log")
    rng = random.Random(SEED)
    try:
        headers = {"Authorization": f"Bearer {secret}"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=600) as client:

            def profiles():
                while True:
                    customer = rng.choice(ids)
                    yield (
                        customer,
                        lambda customer=customer: client.get(f"/customers/{quote(customer, safe='')}"),
                    )

            def previews():
                for number in range(10**9):
                    rule = RULES[number % len(RULES)]
                    yield (
                        rule,
                        lambda rule=rule: client.post("/segments/preview", json={"rule": rule, "sample": 10}),
                    )

            log(f"profile lookups on http://127.0.0.1:{port} ...")
            profile = timed(profiles(), args)
            log("segment previews ...")
            preview = timed(previews(), args)
    finally:
        stop_server(server)
    counts = {rule: answer["count"] for rule, answer in preview.pop("answers").items()}
    profile.pop("answers")
    return {
        **size,
        "workspace": str(work),
        "port": port,
        "profile": profile,
        "preview": preview,
        "counts": counts,
    }


# -- the report ----------------------------------------------------------------------------------------
def report(r: dict) -> None:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    print(
        f"API benchmark: {r['customers']:,} customers, {r['orders']:,} orders, {r['events']:,} events; "
        f"segmint serve (uvicorn) on 127.0.0.1, one keep-alive client, requests one at a time"
    )
    for label, key, target in (
        ("profile lookup", "profile", TARGET_PROFILE_P99),
        ("segment preview", "preview", TARGET_PREVIEW_P99),
    ):
        m = r[key]
        print(
            f"{label:16} {m['n']:5d} requests in {m['wall_seconds']:7.1f} s   "
            f"p50 {1000 * m['p50']:9.1f} ms   "
            f"p99 {1000 * m['p99']:9.1f} ms   target p99 <= {1000 * target:5.0f} ms   "
            f"{verdict(m['p99'] <= target)}   load {m['load']:.1f}"
        )
    for rule, count in r["counts"].items():
        print(f"  preview rule ({count:,} customers): {rule}")
    print(f"{os.cpu_count()} cores; load = 1-minute load average when each phase started")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspace", type=Path, default=BASE, help="workspace to copy (never changed)")
    parser.add_argument("--demo", type=int, default=0, help="use a demo shop of this many customers instead")
    parser.add_argument(
        "--work", type=Path, default=Path("/tmp/segmint-api-bench"), help="folder for the copy"
    )
    parser.add_argument("--recopy", action="store_true", help="copy (or build) the workspace again")
    parser.add_argument(
        "--events-per-customer",
        type=float,
        default=12,
        help="engagement events imported into a new copy of --workspace, on average (0: none)",
    )
    parser.add_argument("--requests", type=int, default=200, help="measured requests per phase, at most")
    parser.add_argument("--max-seconds", type=float, default=120, help="time per phase, at most")
    parser.add_argument("--warmup", type=int, default=2, help="requests per phase sent first, not counted")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON document")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = measure(args)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        report(results)


if __name__ == "__main__":
    main()
