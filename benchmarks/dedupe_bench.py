"""Dedupe quality and speed on the labelled Latin + Cyrillic test set (segmint.quality.labelled).

    .venv/bin/python benchmarks/dedupe_bench.py                 # 10,000 records
    .venv/bin/python benchmarks/dedupe_bench.py --size 100000 --threshold 0.95 --seed 3

Prints pairwise precision, recall and F1 of the clusters find_duplicates would merge, and the runtime.
Targets (issue #2): precision >= 0.95, recall >= 0.90.
"""

from __future__ import annotations

import argparse
import json
import time

from segmint.quality.dedupe import DEFAULT_THRESHOLD, find_duplicates_in_frame
from segmint.quality.labelled import generate, score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, nargs="+", default=[10_000], help="records (several allowed)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="one JSON document instead of a table")
    args = parser.parse_args()

    results = []
    for size in args.size:
        frame = generate(size, seed=args.seed)
        started = time.perf_counter()
        report = find_duplicates_in_frame(frame.drop(columns="entity_id"), threshold=args.threshold)
        seconds = time.perf_counter() - started
        results.append(
            {
                "records": size,
                "people": int(frame.entity_id.nunique()),
                "threshold": args.threshold,
                "seed": args.seed,
                **score(frame, report.clusters),
                "seconds": round(seconds, 2),
                "records_per_second": round(size / seconds),
                "trained": report.trained,
            }
        )
        if not args.json:
            r = results[-1]
            print(
                f"{r['records']:>9,} records ({r['people']:,} people, {r['true_pairs']:,} true pairs)  "
                f"precision {r['precision']:.4f}  recall {r['recall']:.4f}  F1 {r['f1']:.4f}  "
                f"{r['seconds']:.1f} s ({r['records_per_second']:,} records/s)  threshold {r['threshold']}",
                flush=True,
            )
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
