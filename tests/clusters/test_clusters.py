"""Clustering on the demo shop: planted structure recovered, stable labels, personas, rules, history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from segmint import Workspace
from segmint.history import refresh
from segmint.models.clusters import ClusterError, current, fit_clusters
from segmint.models.clusters.fit import fit
from segmint.rules import parse_rule, select_members

PLANTED_SQL = """
SELECT a.customer_id, a.cluster,
       t.customer_id IS NULL AS never_bought,          -- the generator's non-buyers (no buying process)
       coalesce(t.dropped_out, false) AS dropped_out,  -- left the shop in the buying process
       c.acquisition_source = 'store' AS from_store    -- acquired in a store: a quarter of orders online
FROM cluster_assignments a JOIN customers c USING (customer_id)
LEFT JOIN demo_customer_truth t USING (customer_id)
"""


def _cluster_led_by(run, feature: str) -> int:
    """The cluster whose profile has the largest positive effect size on `feature`."""

    def effect(cluster):
        return next((p["effect_size"] for p in cluster["profile"] if p["feature"] == feature), -np.inf)

    return max(run.clusters, key=effect)["cluster"]


def test_the_planted_structure_of_the_demo_is_recovered(fitted, fitted_ws):
    # The demo plants non-buyers (10% never buy), store-acquired customers (25% of their orders online
    # against 62-99% for the rest) and dropouts of the BG/NBD process. Measured on this 6,000-customer
    # demo (and the same on 20,000): the non-buyers are exactly one cluster (ARI 1.0), the in-store
    # cluster holds 4.3x the base share of store-acquired customers, the lapsed one 2.3x the dropouts.
    _, run = fitted
    planted = fitted_ws.raw.execute(PLANTED_SQL).df()
    prospects = [c["cluster"] for c in run.clusters if c["persona"]["behaviour"]["buyers_share"] == 0]
    assert len(prospects) == 1
    ari = adjusted_rand_score(planted.never_bought, planted.cluster == prospects[0])
    assert ari >= 0.99
    in_store = planted[planted.cluster == _cluster_led_by(run, "channel:pos")]
    assert in_store.from_store.mean() >= 3.0 * planted.from_store.mean()
    lapsed = planted[planted.cluster == _cluster_led_by(run, "days_since_last_order")]
    assert lapsed.dropped_out.mean() >= 1.8 * planted.dropped_out.mean()
    assert 3 <= run.k <= 8 and run.model.scores[run.k] == max(run.model.scores.values())


def test_same_data_and_seed_give_the_same_labels_and_numbering(demo_template):
    with Workspace.open(demo_template, read_only=True) as ws:
        first = fit_clusters(ws, k_min=3, k_max=4, seed=7, save=False)
        second = fit_clusters(ws, k_min=3, k_max=4, seed=7, save=False)
    assert first.assignment.index.equals(second.assignment.index)
    assert np.array_equal(first.assignment.to_numpy(), second.assignment.to_numpy())
    assert [c["name"] for c in first.clusters] == [c["name"] for c in second.clusters]
    sizes = [c["size"] for c in first.clusters]
    assert sizes == sorted(sizes, reverse=True)  # numbered by size, largest first
    assert sizes == list(np.bincount(first.assignment.to_numpy())[1:])


def test_persona_cards_are_filled_from_the_data(fitted, fitted_ws):
    _, run = fitted
    names = [c["name"] for c in run.clusters]
    assert len(set(names)) == len(names)
    for cluster in run.clusters:
        card = cluster["persona"]
        assert set(card["five_w"]) == {"who", "what", "why", "when", "where"}
        assert all(len(text) >= 15 for text in card["five_w"].values())
        # the most common city and age band of the cluster, computed here from the stored tables
        city, _ = fitted_ws.raw.execute(
            "SELECT c.city, count(*) AS n FROM cluster_assignments a JOIN customers c USING (customer_id) "
            "WHERE a.cluster = ? AND c.city IS NOT NULL GROUP BY 1 ORDER BY n DESC, c.city LIMIT 1",
            [cluster["cluster"]],
        ).fetchone()
        assert card["demographics"]["city"] == city and city in cluster["name"]
        assert card["demographics"]["age_band"] in cluster["name"]
        assert f"{cluster['size']:,} customers" in card["five_w"]["who"]
        if card["behaviour"]["buyers_share"] > 0:
            assert card["favourite_category"] in cluster["name"]
            assert card["preferred_channel"]["purchase_channel"] in card["five_w"]["where"]
        top = cluster["profile"][0]
        assert abs(top["effect_size"]) == max(abs(p["effect_size"]) for p in cluster["profile"])


def test_rules_parse_and_their_precision_and_recall_are_measured_by_evaluating_them(fitted, fitted_ws):
    _, run = fitted
    members = dict(
        fitted_ws.raw.execute(
            "SELECT cluster, list(customer_id) FROM cluster_assignments GROUP BY 1"
        ).fetchall()
    )
    for cluster in run.clusters:
        parse_rule(cluster["rule"])
        selected = set(select_members(fitted_ws, cluster["rule"]).to_pyarrow()["customer_id"].to_pylist())
        actual = set(members[cluster["cluster"]])
        hits = len(selected & actual)
        assert cluster["precision"] == pytest.approx(hits / len(selected), abs=1e-4)
        assert cluster["recall"] == pytest.approx(hits / len(actual), abs=1e-4)
    assert np.mean([c["recall"] for c in run.clusters]) >= 0.8
    assert np.mean([c["precision"] for c in run.clusters]) >= 0.5


def test_the_cluster_is_a_family_with_history_and_a_rule_field(fitted, tmp_path):
    path = tmp_path / "ws"
    shutil.copytree(fitted[0], path)
    _, run = fitted
    with Workspace.open(path) as ws:
        sizes = {c["cluster"]: c["size"] for c in run.clusters}
        assert select_members(ws, "cluster = 2").count().execute() == sizes[2]
        name = run.clusters[0]["name"]
        assert (
            select_members(ws, f"cluster.name = {json.dumps(name, ensure_ascii=False)}").count().execute()
            == sizes[1]
        )
        open_rows = dict(
            ws.raw.execute(
                "SELECT group_name, count(*) FROM membership_history WHERE kind = 'family' "
                "AND ref = 'cluster' AND valid_to IS NULL GROUP BY 1"
            ).fetchall()
        )
        assert open_rows == {str(c): n for c, n in sizes.items()}
        # half a year earlier the model assigns the customers as they were then: history moves
        earlier = refresh(ws, run.as_of - dt.timedelta(days=183))
        assert sum(earlier.families["cluster"].values()) < run.customers
        moved = ws.raw.execute(
            "SELECT count(DISTINCT customer_id) FROM membership_history "
            "WHERE ref = 'cluster' AND valid_to IS NOT NULL"
        ).fetchone()[0]
        assert moved > 0


def test_gaussian_mixture_chooses_k_by_bic(demo_template):
    from segmint.models.clusters import FittedModel, features

    with Workspace.open(demo_template, read_only=True) as ws:
        run = fit_clusters(ws, method="gmm", k_min=2, k_max=4, seed=0, save=False)
        raw = features.raw_matrix(features.context(ws, run.as_of), run.spec)
    assert run.method == "gmm" and run.model.scores[run.k] == min(run.model.scores.values())
    assert sum(c["size"] for c in run.clusters) == run.customers
    # the model as stored (JSON numbers) assigns every customer to the same cluster again
    stored = FittedModel.from_dict(json.loads(json.dumps(run.model.to_dict())))
    again = stored.assign(features.model_matrix(raw, run.spec))
    assert np.array_equal(again, run.assignment.reindex(raw.index).to_numpy())


def test_bad_options_and_too_little_data_are_refused():
    import pandas as pd

    tiny = pd.DataFrame({"a": np.arange(20.0), "b": np.arange(20.0) % 3})
    with pytest.raises(ClusterError, match="too few"):
        fit(tiny, k_min=3, k_max=8)
    with pytest.raises(ClusterError, match="kmeans, gmm"):
        fit(tiny, method="dbscan")
    with pytest.raises(ClusterError, match="k-min"):
        fit(tiny, k_min=5, k_max=3)


def test_of_two_fits_in_one_second_the_later_is_current(demo_template, tmp_path, monkeypatch):
    """The current clustering is the latest fitted. Stamped to the second, two fits in one second tied and
    their random run ids chose: here the first one's id sorts last, so it stayed current."""
    import segmint.models.clusters as clusters

    ids = iter(["f" * 32, "0" * 32])
    monkeypatch.setattr(clusters, "uuid", SimpleNamespace(uuid4=lambda: SimpleNamespace(hex=next(ids))))
    shutil.copytree(demo_template, tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as ws:
        moment = dt.datetime(2026, 1, 2, 10, 30, 15)
        monkeypatch.setattr(ws, "now", lambda whole_seconds=True: moment)  # both in the same second
        first = fit_clusters(ws, k_min=3, k_max=3, seed=0)
        second = fit_clusters(ws, k_min=3, k_max=3, seed=1)
        assert (first.run_id, second.run_id) == ("f" * 12, "0" * 12)
        assert current(ws).run_id == second.run_id
        assert current(ws).fitted_at > first.fitted_at


def test_no_clustering_yet(workspace):
    assert current(workspace) is None


def test_customers_imported_after_the_fit_are_assigned_by_the_next_refresh(fitted, tmp_path):
    path = tmp_path / "ws"
    shutil.copytree(fitted[0], path)
    customers, orders = tmp_path / "customers.csv", tmp_path / "orders.csv"
    customers.write_text(
        "customer_id,first_name,city,signup_date\nNEW1,Олена,Львів,2025-12-01\nNEW2,Іван,Київ,2025-12-02\n",
        encoding="utf-8",
    )
    orders.write_text(
        "order_id,customer_id,ordered_at,total,status,channel\nNO1,NEW1,2025-12-10,1200,completed,online\n",
        encoding="utf-8",
    )
    for entity, file in (("customers", customers), ("orders", orders)):  # each import refreshes after
        done = subprocess.run(
            [sys.executable, "-m", "segmint", "import", entity, str(file), "-w", str(path)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
    with Workspace.open(path, read_only=True) as ws:
        rows = dict(
            ws.raw.execute(
                "SELECT customer_id, cluster FROM features WHERE customer_id LIKE 'NEW%'"
            ).fetchall()
        )
    run = fitted[1]
    prospects = next(c["cluster"] for c in run.clusters if c["persona"]["behaviour"]["buyers_share"] == 0)
    assert rows["NEW2"] == prospects  # signed up, never bought
    assert rows["NEW1"] not in (None, prospects)  # bought once: a buyers' cluster


def test_rules_checked_on_a_sample_agree_with_the_whole_base(fitted, monkeypatch):
    from segmint.models.clusters import approximate, features

    path, run = fitted
    rules = {c["cluster"]: c["rule"] for c in run.clusters}
    monkeypatch.setattr(approximate, "EVALUATION_ROWS", 2_000)
    with Workspace.open(path, read_only=True) as ws:
        sampled = approximate.evaluate(features.context(ws, run.as_of), rules, run.assignment, seed=1)
    for cluster in run.clusters:
        got = sampled[cluster["cluster"]]
        assert got["measured_on"] == 2_000
        assert got["precision"] == pytest.approx(cluster["precision"], abs=0.08)
        assert got["recall"] == pytest.approx(cluster["recall"], abs=0.08)


def test_cutting_the_events_to_the_engagement_window_changes_no_value(demo_template):
    from segmint.models.clusters import features

    with Workspace.open(demo_template, read_only=True) as ws:
        ctx = features.context(ws, dt.date(2025, 6, 30))
        spec = features.discover_spec(ctx)
        whole = features.raw_matrix(ctx, spec, prefilter=False)
        cut = features.raw_matrix(ctx, spec)
    pd.testing.assert_frame_equal(whole, cut)
    assert whole["events:site_visit"].sum() > 0 and whole["orders_count"].sum() > 0


def test_category_columns_equal_the_rule_compilers_spent_on(demo_template):
    """raw_matrix reads category spend from one GROUP BY (customer, category); every value must be what
    `spent_on(category = ...)` gives the rules, and the rows in the same (sorted) order."""
    from segmint.models.clusters import features

    with Workspace.open(demo_template, read_only=True) as ws:
        ctx = features.context(ws, dt.date(2025, 6, 30))
        spec = features.discover_spec(ctx)
        fast = features.raw_matrix(ctx, spec)
        by_rules = features.raw_expression(ctx, spec).to_pandas().set_index("customer_id").sort_index()
    assert len(spec.categories) >= 5 and fast.index.is_monotonic_increasing
    assert fast.index.equals(by_rules.index)
    for category in spec.categories:
        column = f"spent_on:{category}"
        expected = by_rules[column].astype(float).to_numpy()
        np.testing.assert_allclose(fast[column].to_numpy(), expected, rtol=1e-12)
        assert (expected > 0).sum() > 10
    others = [c.name for c in spec.columns() if not c.name.startswith("spent_on:")]
    pd.testing.assert_frame_equal(fast[others], by_rules[others].astype(float), check_dtype=False)


def test_age_bands():
    from segmint.models.clusters.persona import age_bands

    ages = pd.Series([17, 18, 24, 25, 44, 45, 64, 65, 90, np.nan])
    expected = [None, "18–24", "18–24", "25–34", "35–44", "45–54", "55–64", "65+", "65+", None]
    assert age_bands(ages).tolist() == expected
