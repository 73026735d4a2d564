"""`segmint clusters fit` and `segmint clusters show`, run as the real CLI."""

from __future__ import annotations

import json
import shutil

from tests.cli import segmint

from segmint import Workspace


def test_fit_show_and_a_segment_from_a_cluster(demo_template, tmp_path):
    path = tmp_path / "ws"
    shutil.copytree(demo_template, path)
    done = segmint(
        "clusters", "fit", "-w", str(path), "--k-min", "3", "--k-max", "4", "--seed", "3", "--json"
    )
    assert done.returncode == 0, done.stderr
    fitted = json.loads(done.stdout)  # exactly one JSON document: json.loads refuses trailing data
    assert fitted["method"] == "kmeans" and fitted["k"] in (3, 4) and fitted["seed"] == 3
    assert set(fitted["k_scores"]) == {"3", "4"} and fitted["refreshed"] == fitted["as_of"]
    assert sum(c["size"] for c in fitted["clusters"]) == fitted["customers"]
    for cluster in fitted["clusters"]:
        assert cluster["rule"] and 0 <= cluster["precision"] <= 1 and 0 < cluster["recall"] <= 1
        assert set(cluster["persona"]["five_w"]) == {"who", "what", "why", "when", "where"}

    done = segmint("clusters", "show", "-w", str(path), "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["run_id"] == fitted["run_id"] and shown["clusters"] == fitted["clusters"]

    done = segmint("clusters", "show", "-w", str(path))
    assert done.returncode == 0 and done.stdout == ""
    assert fitted["clusters"][0]["name"] in done.stderr and "Who:" in done.stderr

    # the refresh after the fit made `cluster` a rule field: the cluster and its rule become segments
    second = fitted["clusters"][1]
    for name, rule in (("Cluster two", "cluster = 2"), ("Cluster two by rule", second["rule"])):
        done = segmint("segments", "create", name, "-w", str(path), "--rule", rule, "--json")
        assert done.returncode == 0, done.stderr
    with Workspace.open(path, read_only=True) as ws:
        (members,) = ws.raw.execute(
            "SELECT count(*) FROM membership_history h JOIN segments s ON h.ref = s.segment_id "
            "WHERE s.name = 'Cluster two' AND h.valid_to IS NULL"
        ).fetchone()
    assert members == second["size"]


def test_show_without_a_clustering_is_a_clear_error(tmp_path):
    assert segmint("init", str(tmp_path / "empty")).returncode == 0
    done = segmint("clusters", "show", "-w", str(tmp_path / "empty"))
    assert done.returncode != 0 and "segmint clusters fit" in done.stderr and done.stdout == ""


def test_too_few_customers_is_a_clear_error(tmp_path):
    assert segmint("init", str(tmp_path / "empty")).returncode == 0
    done = segmint("clusters", "fit", "-w", str(tmp_path / "empty"))
    assert done.returncode != 0 and "Error:" in done.stderr and done.stdout == ""
