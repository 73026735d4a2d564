"""Clusters over the API: 404 before a fit, a fit by an editor (not a viewer), the stored run read back,
every cluster's persona card and rule, and the rule's precision and recall checked through preview."""

from __future__ import annotations

import pytest

from .conftest import _api


@pytest.fixture(scope="module")
def fitted(template, tmp_path_factory):
    """An app on its own copy of the demo shop, with a k-means clustering fitted through the API."""
    api = _api(template, tmp_path_factory.mktemp("api-clusters"))
    with api.client:
        response = api.client.post(
            "/clusters/fit", json={"k_min": 3, "k_max": 5, "seed": 1}, headers=api.as_("editor")
        )
        assert response.status_code == 201, response.text
        yield api, response.json()


def test_no_clustering_is_a_404_in_the_error_shape(client):
    for path in ("/clusters", "/clusters/1"):
        response = client.client.get(path, headers=client.as_("viewer"))
        assert response.status_code == 404, response.text
        error = response.json()["error"]
        assert error["code"] == "not_found" and "POST /clusters/fit" in error["message"]
        assert error["details"] == {"code": "cluster.none_yet", "params": {}}  # was null: the library's code


def test_a_viewer_cannot_fit(client):
    response = client.client.post("/clusters/fit", json={}, headers=client.as_("viewer"))
    assert response.status_code == 403
    assert client.client.get("/clusters", headers=client.as_("viewer")).status_code == 404


def test_fit_describes_every_cluster(fitted):
    _, run = fitted
    assert run["method"] == "kmeans" and 3 <= run["k"] <= 5
    assert set(run["k_scores"]) == {"3", "4", "5"} and run["features"]
    assert run["refreshed"] is not None  # the cluster family was refreshed
    clusters = run["clusters"]
    assert [c["cluster"] for c in clusters] == list(range(1, run["k"] + 1))
    assert sum(c["size"] for c in clusters) == run["customers"] > 0
    assert [c["size"] for c in clusters] == sorted((c["size"] for c in clusters), reverse=True)
    assert len({c["name"] for c in clusters}) == len(clusters)  # persona names are unique
    for c in clusters:
        assert c["persona"]["name"] == c["name"]
        assert all(c["persona"]["five_w"][key] for key in ("who", "what", "why", "when", "where"))
        sizes = [abs(effect["effect_size"]) for effect in c["profile"]]
        assert sizes and sizes == sorted(sizes, reverse=True)
        assert 0 <= c["precision"] <= 1 and 0 <= c["recall"] <= 1 and c["rule"]


def test_the_stored_clustering_reads_back(fitted):
    api, run = fitted
    stored = api.client.get("/clusters", headers=api.as_("viewer"))
    assert stored.status_code == 200
    body = stored.json()
    assert body["run_id"] == run["run_id"] and body["k"] == run["k"]
    assert body["clusters"] == run["clusters"]
    one = api.client.get("/clusters/2", headers=api.as_("viewer")).json()
    assert one == run["clusters"][1]
    missing = api.client.get(f"/clusters/{run['k'] + 1}", headers=api.as_("viewer"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert missing.json()["error"]["details"] == {
        "code": "cluster.unknown",
        "params": {"cluster": run["k"] + 1, "k": run["k"]},
    }


def test_the_cluster_family_has_the_cluster_sizes(fitted):
    api, run = fitted
    families = api.client.get("/families", headers=api.as_("viewer")).json()["families"]
    (family,) = [f for f in families if f["name"] == "cluster"]
    sizes = {g["name"]: g["customers"] for g in family["groups"]}
    assert sizes == {str(c["cluster"]): c["size"] for c in run["clusters"]}


def test_rule_precision_and_recall_match_a_preview(fitted):
    """Precision = |rule and in cluster| / |rule|, recall = the same / |cluster|, counted by the API's
    own preview (every customer is measured on a shop this small)."""
    api, run = fitted
    viewer = api.as_("viewer")

    def count(rule: str) -> int:
        response = api.client.post("/segments/preview", json={"rule": rule, "sample": 0}, headers=viewer)
        assert response.status_code == 200, response.text
        return response.json()["count"]

    for c in run["clusters"]:
        assert c["rule_measured_on"] == run["customers"]
        selected, both = count(c["rule"]), count(f"({c['rule']}) and cluster = {c['cluster']}")
        assert count(f"cluster = {c['cluster']}") == c["size"]
        assert c["precision"] == pytest.approx(both / selected if selected else 0.0, abs=1e-4)
        assert c["recall"] == pytest.approx(both / c["size"], abs=1e-4)


def test_bad_fit_requests(fitted):
    api, run = fitted
    editor = api.as_("editor")
    upside_down = api.client.post("/clusters/fit", json={"k_min": 6, "k_max": 4}, headers=editor)
    assert upside_down.status_code == 400 and "k_min" in upside_down.json()["error"]["message"]
    # the library's code for it, which the web UI words (details were null)
    assert upside_down.json()["error"]["details"] == {
        "code": "cluster.k_range",
        "params": {"k_min": 6, "k_max": 4},
    }
    too_many = api.client.post("/clusters/fit", json={"k_max": 100}, headers=editor)
    assert too_many.status_code == 422 and too_many.json()["error"]["code"] == "validation_error"
    method = api.client.post("/clusters/fit", json={"method": "dbscan"}, headers=editor)
    assert method.status_code == 422
    assert api.client.get("/clusters", headers=editor).json()["run_id"] == run["run_id"]  # unchanged
