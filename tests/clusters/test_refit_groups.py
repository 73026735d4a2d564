"""A clustering fitted again without a refresh (`segmint clusters fit --no-refresh`): the stored features
still hold the earlier clustering's clusters, while a rule's `cluster` and `cluster.name` values are
checked against the new one's. A rule read the stored features anyway: `cluster.name = "<a new name>"`
passed the check and selected nobody, `cluster = 1` selected the earlier clustering's cluster 1, and a
cluster number only the earlier clustering had was refused although the features held its members. It
is evaluated on the new clustering now, as the next refresh will (segments.store.stored_features_hold)."""

from __future__ import annotations

import shutil

import pytest

from segmint import RuleError, Workspace, refresh
from segmint.api.preview import preview
from segmint.models.clusters import fit_clusters
from segmint.rules import select_members


def test_a_rule_reads_the_new_clustering_before_the_next_refresh(fitted, tmp_path):
    path = tmp_path / "ws"
    shutil.copytree(fitted[0], path)
    _, before = fitted
    with Workspace.open(path) as ws:
        k = 3 if before.k > 3 else 4
        run = fit_clusters(ws, k_min=k, k_max=k, seed=5)  # no refresh after it
        assignment = run.assignment
        for cluster in run.clusters:
            number, name = cluster["cluster"], cluster["name"]
            expected = set(assignment[assignment == number].index)
            by_number = select_members(ws, f"cluster = {number}").to_pyarrow().column(0).to_pylist()
            by_name = select_members(ws, f'cluster.name = "{name}"').to_pyarrow().column(0).to_pylist()
            assert set(by_number) == set(by_name) == expected, number
            assert preview(ws, f"cluster = {number}")["count"] == len(expected)
        if before.k > k:  # a number of the earlier clustering only is no cluster now
            with pytest.raises(RuleError, match=f"family 'cluster' has no group '{before.k}'"):
                select_members(ws, f"cluster = {before.k}")
        sizes = refresh(ws).families["cluster"]  # the refresh agrees
        assert sizes == {str(c["cluster"]): c["size"] for c in run.clusters}
