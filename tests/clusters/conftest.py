"""A demo shop fitted once per session; tests that write copy it first."""

from __future__ import annotations

import shutil

import pytest

from segmint import Workspace, build_demo
from segmint.models.clusters import fit_clusters

DEMO_CUSTOMERS = 6_000
K_MIN, K_MAX = 3, 8


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("clusters") / "demo"
    build_demo(path, n_customers=DEMO_CUSTOMERS, seed=42)
    return path


@pytest.fixture(scope="session")
def fitted(demo_template, tmp_path_factory):
    """(workspace path, the fitted run) of a clustering stored in a copy of the demo, refreshed after."""
    from segmint.history import refresh

    path = tmp_path_factory.mktemp("clusters_fitted") / "ws"
    shutil.copytree(demo_template, path)
    with Workspace.open(path) as ws:
        run = fit_clusters(ws, k_min=K_MIN, k_max=K_MAX, seed=0)
        refresh(ws)
    return path, run


@pytest.fixture
def fitted_ws(fitted):
    with Workspace.open(fitted[0], read_only=True) as ws:
        yield ws
