"""`segmint clv fit` and `segmint clv validate`, run as the real CLI."""

from __future__ import annotations

import json

import pytest
from tests.cli import segmint


def test_fit_json_is_one_document_with_parameters_and_sizes(demo_shop):
    path, truth = demo_shop
    done = segmint("clv", "fit", "-w", str(path), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)  # exactly one JSON document: json.loads refuses trailing data
    assert document["time_unit"] == "weeks"
    assert document["purchases"]["model"] == "bg_nbd" and document["purchases"]["converged"]
    assert set(document["purchases"]["params"]) == {"r", "alpha", "a", "b"}
    assert set(document["spend"]["params"]) == {"p", "q", "gamma"}
    assert document["purchases"]["log_likelihood"] < 0
    data = document["data"]
    assert data["customers"] > data["repeat_buyers"] > 0
    assert data["purchases"] > data["customers"]
    assert document["purchases"]["params"]["r"] == pytest.approx(truth["bg_nbd"]["r"], rel=0.1)


def test_fit_prints_tables_on_stderr(demo_shop):
    path, _ = demo_shop
    done = segmint("clv", "fit", "-w", str(path), "--model", "pareto_nbd", "--unit", "days")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "pareto_nbd: log-likelihood" in done.stderr and "time unit days" in done.stderr
    for name in ("r", "alpha", "s", "beta", "gamma"):
        assert f" {name} " in done.stderr


def test_validate_writes_the_chart(demo_shop, tmp_path):
    path, _ = demo_shop
    chart = tmp_path / "holdout.html"
    done = segmint(
        "clv", "validate", "-w", str(path), "--calibration-end", "2024-12-31", "-o", str(chart), "--json"
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["chart"] == str(chart) and chart.stat().st_size > 1_000_000
    assert document["predicted_purchases"] == pytest.approx(document["actual_purchases"], rel=0.05)


def test_too_little_data_is_a_clear_error(tmp_path):
    assert segmint("init", str(tmp_path / "empty")).returncode == 0
    done = segmint("clv", "fit", "-w", str(tmp_path / "empty"), "--json")
    assert done.returncode == 1 and done.stdout == ""
    message = " ".join(done.stderr.split())  # Rich wraps long lines
    assert "Error: too little data for the CLV models" in message
    assert "0 customers with a purchase, 0 of them with a repeat purchase" in message
