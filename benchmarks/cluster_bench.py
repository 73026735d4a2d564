"""Cluster a million customers with k chosen automatically: seconds per step and peak memory.

    .venv/bin/python benchmarks/cluster_bench.py                          # 1,000,000 customers, k-means
    .venv/bin/python benchmarks/cluster_bench.py --customers 200000 --method gmm --json
    .venv/bin/python benchmarks/cluster_bench.py --workspace /tmp/demo1m  # end to end on a real workspace

Where the customers come from:
- by default, the feature matrix is drawn from the demo generator: a demo shop of --base customers
  (50,000; built once and cached in --cache) gives the real per-customer feature matrix (segmint's own
  rule-field computation in DuckDB), and --customers rows are resampled from it with replacement, every
  value jittered by +-10% (counts stay whole numbers), so the million customers have the demo's joint
  distribution. The timed part is everything after the matrix: model features, standardising, choosing k
  (silhouette on a sample for k-means, BIC for the mixture), the MiniBatchKMeans fit on all rows,
  assigning every customer, profiles with effect sizes, persona cards and the decision-tree rules.
  Checking the rules with the rule compiler needs a workspace, so it is timed only with --workspace.
- with --workspace, a workspace's customers are clustered end to end as `segmint clusters fit` does
  (features computed in DuckDB, rule precision and recall measured), without storing the result.

The timed work runs in a child process, so its peak resident memory (os.wait4) is its own.
Target (issue #4): 1M customers, k chosen automatically, <= 60 s and <= 4 GiB on this 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

TARGET_SECONDS, TARGET_GIB = 60.0, 4.0


def base_matrix(cache: Path, base: int, seed: int) -> tuple[pd.DataFrame, dict]:
    """The raw feature matrix of a demo shop of `base` customers (cached as Parquet) and its spec."""
    from segmint import Workspace, build_demo
    from segmint.models.clusters import features
    from segmint.rules.context import reference_date

    matrix_file, spec_file = cache / f"raw_{base}_{seed}.parquet", cache / f"spec_{base}_{seed}.json"
    if not matrix_file.exists():
        demo = cache / f"demo_{base}_{seed}"
        if not demo.exists():
            build_demo(demo, n_customers=base, seed=seed)
        with Workspace.open(demo) as ws:
            ctx = features.context(ws, reference_date(ws))
            spec = features.discover_spec(ctx)
            features.raw_matrix(ctx, spec).to_parquet(matrix_file)
            spec_file.write_text(spec.to_json(), encoding="utf-8")
    return pd.read_parquet(matrix_file), json.loads(spec_file.read_text(encoding="utf-8"))


def resample(raw: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """n customers drawn from the base matrix with replacement, each value jittered by +-10%."""
    from segmint.models.clusters.approximate import _is_integer

    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(raw), n)
    out = {}
    for column in raw.columns:
        values = raw[column].to_numpy()[rows] * rng.uniform(0.9, 1.1, n)
        out[column] = np.round(values) if _is_integer(column) else values
    index = pd.Index([f"B{i:07d}" for i in range(n)], name="customer_id")
    return pd.DataFrame(out, index=index)


def worker(args) -> dict:
    """The timed part (run in a child process)."""
    from segmint.models.clusters import approximate, features, persona, profile
    from segmint.models.clusters.fit import LARGE, fit

    timings = {}
    clock = time.perf_counter()
    ws = None
    if args.workspace:
        from segmint import Workspace
        from segmint.rules.context import reference_date

        ws = Workspace.open(args.workspace, read_only=True)
        ctx = features.context(ws, reference_date(ws))
        spend = features.category_spend(ctx)
        spec = features.discover_spec(ctx, spend=spend)
        raw = features.raw_matrix(ctx, spec, spend=spend)
        timings["features (DuckDB)"] = time.perf_counter() - clock
    else:
        raw = pd.read_parquet(args.matrix)
        spec = features.FeatureSpec.from_json(Path(args.spec).read_text(encoding="utf-8"))
        timings["read matrix"] = time.perf_counter() - clock
    start = time.perf_counter()
    matrix = features.model_matrix(raw, spec)
    model = fit(matrix, method=args.method, k_min=args.k_min, k_max=args.k_max, seed=args.seed)
    labels = model.assign(matrix)
    timings["choose k + fit + assign"] = time.perf_counter() - start
    start = time.perf_counter()
    values = profile.profile_frame(raw, spec)
    effects = profile.effect_sizes(values, labels)
    people = pd.DataFrame({"gender": "f", "city": "—", "age": raw["age"]}, index=raw.index)
    for cluster in sorted(effects):
        inside = labels == cluster
        persona.persona(cluster, values[inside], people[inside], effects[cluster], values, "UAH")
    timings["profiles + personas"] = time.perf_counter() - start
    start = time.perf_counter()
    rules = approximate.tree_rules(raw, labels, spec, args.seed)
    timings["decision-tree rules"] = time.perf_counter() - start
    if ws is not None:
        start = time.perf_counter()
        approximate.evaluate(ctx, rules, pd.Series(labels, index=raw.index))
        timings["rule precision/recall (DuckDB)"] = time.perf_counter() - start
    timings["total"] = time.perf_counter() - clock
    return {
        "customers": len(raw),
        "method": args.method,
        "k_range": [args.k_min, args.k_max],
        "k": model.k,
        "k_scores": model.scores,
        "sizes": np.bincount(labels)[1:].tolist(),
        "minibatch": args.method == "kmeans" and len(raw) > LARGE,
        "seconds": {name: round(value, 2) for name, value in timings.items()},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=50_000, help="customers of the demo shop resampled")
    parser.add_argument("--method", default="kmeans", choices=("kmeans", "gmm"))
    parser.add_argument("--k-min", type=int, default=3)
    parser.add_argument("--k-max", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workspace", help="cluster this workspace end to end instead")
    parser.add_argument("--cache", default="/tmp/segmint-cluster-bench")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--matrix", help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        sys.stdout.write(json.dumps(worker(args)) + "\n")
        return 0

    child = [sys.executable, __file__, "--worker", "--method", args.method, "--seed", str(args.seed)]
    child += ["--k-min", str(args.k_min), "--k-max", str(args.k_max)]
    source = f"workspace {args.workspace}"
    if args.workspace:
        child += ["--workspace", args.workspace]
    else:
        cache = Path(args.cache)
        cache.mkdir(parents=True, exist_ok=True)
        raw, _ = base_matrix(cache, args.base, args.seed)
        matrix = cache / f"resampled_{args.customers}_{args.base}_{args.seed}.parquet"
        if not matrix.exists():
            resample(raw, args.customers, args.seed).to_parquet(matrix)
        child += ["--matrix", str(matrix), "--spec", str(cache / f"spec_{args.base}_{args.seed}.json")]
        source = f"demo shop of {args.base:,} customers resampled to {args.customers:,}"
    process = subprocess.Popen(child, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        print(f"the benchmark worker failed (status {status})", file=sys.stderr)
        return 1
    result = json.loads(output)
    result["source"] = source
    result["peak_rss_gib"] = round(usage.ru_maxrss / 2**20, 3)
    result["load_average"] = [round(x, 1) for x in os.getloadavg()]
    total = result["seconds"]["total"]
    result["within_targets"] = total <= TARGET_SECONDS and result["peak_rss_gib"] <= TARGET_GIB
    if args.json:
        print(json.dumps(result))
        return 0
    k_range = f"{args.k_min}..{args.k_max}"
    print(f"clustering {result['customers']:,} customers ({source}), {args.method}, k in {k_range}")
    for name, seconds in result["seconds"].items():
        print(f"  {name:<32} {seconds:8.2f} s")
    print(f"  chosen k = {result['k']}  scores {result['k_scores']}  sizes {result['sizes']}")
    print(
        f"  peak RSS {result['peak_rss_gib']:.2f} GiB (target <= {TARGET_GIB:.0f}), total {total:.1f} s "
        f"(target <= {TARGET_SECONDS:.0f}), load average {result['load_average']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
