"""`segmint demo` as a user runs it: the real CLI in a subprocess."""

from __future__ import annotations

import json

from tests.cli import segmint

from segmint.demo.events import EVENT_TYPES


def test_default_demo_as_json_then_refuses_to_overwrite(tmp_path):
    target = tmp_path / "shop"
    done = segmint("demo", str(target), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)  # exactly one JSON document, nothing else on stdout
    assert summary["customers"] >= 20_000
    assert summary["orders"] > 40_000 and summary["order_items"] > summary["orders"]
    assert len(summary["categories"]) >= 8
    assert set(summary["events_by_type"]) == set(EVENT_TYPES)
    assert summary["guest_orders"] > 0 and summary["duplicate_records"] >= 200
    assert summary["truth"]["bg_nbd"]["r"] > 0 and summary["truth"]["gamma_gamma"]["p"] > 0
    assert summary["seconds"] > 0
    assert (target / "demo_truth.json").exists() and (target / "segmint.toml").exists()

    database = target / "segmint.duckdb"
    before = (database.stat().st_size, database.stat().st_mtime_ns)
    again = segmint("demo", str(target), "--json")
    assert again.returncode == 1
    message = "".join(again.stderr.split())  # Rich wraps long lines
    assert "existsandisnotempty" in message and str(target) in message
    assert again.stdout == ""
    assert (database.stat().st_size, database.stat().st_mtime_ns) == before


def test_human_summary_goes_to_stderr(tmp_path):
    done = segmint("demo", "--customers", "400", "--seed", "9", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    for text in [
        "customers",
        "guest orders",
        "near-duplicate records",
        "True parameters",
        "BG/NBD",
        "Gamma-Gamma",
        "survey_answer",
        "Built in",
    ]:
        assert text.replace(" ", "") in "".join(done.stderr.split()), text
    assert (tmp_path / "demo-workspace" / "segmint.duckdb").exists()  # the default folder


def test_rejects_a_too_small_shop(tmp_path):
    done = segmint("demo", str(tmp_path / "x"), "--customers", "5")
    assert done.returncode != 0
    assert "--customers" in done.stderr
    assert not (tmp_path / "x").exists()
