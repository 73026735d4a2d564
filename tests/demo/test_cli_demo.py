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
    assert json.loads(again.stdout)["error"]["code"] == "demo.not_empty"
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


def _rfm_sizes(workspace) -> tuple[str | None, int]:
    """The rfm family's date and summed group sizes, as `segments list --json` reports them."""
    listed = segmint("-w", str(workspace), "segments", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (rfm,) = [family for family in json.loads(listed.stdout)["families"] if family["name"] == "rfm"]
    return rfm["as_of"], sum(group["customers"] for group in rfm["groups"])


def test_demo_refreshes_the_new_workspace_unless_told_not_to(tmp_path):
    """A user who stops after `segmint demo` sees filled families, not every group at 0 'as of no refresh
    yet'; --json stays one document, with the refresh's summary added under 'refresh'."""
    done = segmint("demo", str(tmp_path / "shop"), "--customers", "400", "--seed", "9", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["customers"] == 400 and document["truth"]["bg_nbd"]  # the demo's keys are kept
    refreshed = document["refresh"]
    assert refreshed["as_of"] == "2026-01-01" and refreshed["customers"] == 400
    assert sum(refreshed["families"]["rfm"].values()) == 400
    assert _rfm_sizes(tmp_path / "shop") == ("2026-01-01", 400)

    human = segmint("demo", str(tmp_path / "human"), "--customers", "400", "--seed", "9", wide=True)
    assert human.returncode == 0, human.stderr
    assert "Refreshed as of 2026-01-01: 400 customers" in human.stderr
    assert "  rfm: " in human.stderr and "Built in" in human.stderr
    assert _rfm_sizes(tmp_path / "human") == ("2026-01-01", 400)

    bare = segmint("demo", str(tmp_path / "bare"), "--customers", "400", "--no-refresh", "--json")
    assert bare.returncode == 0, bare.stderr
    assert json.loads(bare.stdout)["refresh"] is None  # the key is there: one shape for both
    assert _rfm_sizes(tmp_path / "bare") == (None, 0)
