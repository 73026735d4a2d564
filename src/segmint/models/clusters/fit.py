"""Fit the clustering and choose k: k-means (MiniBatchKMeans above LARGE rows) or a Gaussian mixture.

k is chosen within a range on a seeded sample: the mean silhouette for k-means (silhouette is quadratic
in rows, so it is scored on SILHOUETTE_ROWS rows), the BIC for a Gaussian mixture. The fitted model is
kept as plain numbers (scaler, centroids or mixture parameters) so it can be stored as JSON and applied
to any date's features. Clusters are numbered 1..k by size, largest first (ties by centroid), so the
same data and seed always give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from segmint.errors import CodedError
from segmint.models.clusters import features

METHODS = ("kmeans", "gmm")
LARGE = 50_000  # above this many customers: MiniBatchKMeans on all rows, k chosen on a sample
SAMPLE_ROWS = 20_000  # rows the k search fits on
SILHOUETTE_ROWS = 3_000  # silhouette is quadratic in rows: scored on this many of the sample
N_INIT = 2  # k-means++ starts per k; the best (lowest inertia) is kept
# One BLAS/OpenMP thread: measured on this 2-core machine under the usual load (7-9), k-means fits ran
# 2-4x faster on one thread than on two competing with other processes.
THREADS = 1
MIN_CLUSTER_ROWS = 10


class ClusterError(CodedError):
    """Clustering cannot run on these data or options. Its `code` and `params` word it in uk and ru
    (web/cluster_errors.py)."""


@dataclass
class FittedModel:
    """A fitted clustering as plain numbers: standardise with (mean, scale), then assign."""

    method: str
    k: int
    seed: int
    columns: list[str]
    mean: np.ndarray
    scale: np.ndarray
    column_weights: np.ndarray  # multiplies each standardised column (features.column_weights)
    centers: np.ndarray  # k x d, in standardised units, in cluster-number order
    covariances: np.ndarray | None = None  # gmm: k x d (diagonal covariances)
    weights: np.ndarray | None = None  # gmm: k
    scores: dict[int, float] = field(default_factory=dict)  # k -> silhouette (kmeans) or BIC (gmm)
    sample_rows: int = 0

    def standardise(self, matrix: pd.DataFrame) -> np.ndarray:
        values = matrix[self.columns].to_numpy(dtype=float)
        return (values - self.mean) / self.scale * self.column_weights

    def assign(self, matrix: pd.DataFrame) -> np.ndarray:
        """Cluster numbers 1..k for the rows of a model matrix (features.model_matrix)."""
        x = self.standardise(matrix)
        if self.method == "gmm":
            return self._mixture().predict(x) + 1
        return nearest(x, self.centers) + 1

    def _mixture(self):
        from sklearn.mixture import GaussianMixture

        mixture = GaussianMixture(self.k, covariance_type="diag")
        mixture.weights_ = self.weights
        mixture.means_ = self.centers
        mixture.covariances_ = self.covariances
        mixture.precisions_cholesky_ = 1.0 / np.sqrt(self.covariances)
        return mixture

    def to_dict(self) -> dict:
        document = {
            "method": self.method,
            "k": self.k,
            "seed": self.seed,
            "columns": self.columns,
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "column_weights": self.column_weights.tolist(),
            "centers": self.centers.tolist(),
            "scores": {str(k): v for k, v in self.scores.items()},
            "sample_rows": self.sample_rows,
        }
        if self.method == "gmm":
            document["covariances"] = self.covariances.tolist()
            document["weights"] = self.weights.tolist()
        return document

    @classmethod
    def from_dict(cls, document: dict) -> FittedModel:
        def array(name):
            value = document.get(name)
            return None if value is None else np.asarray(value, dtype=float)

        return cls(
            document["method"],
            int(document["k"]),
            int(document["seed"]),
            list(document["columns"]),
            array("mean"),
            array("scale"),
            array("column_weights"),
            array("centers"),
            array("covariances"),
            array("weights"),
            {int(k): float(v) for k, v in document.get("scores", {}).items()},
            int(document.get("sample_rows", 0)),
        )


def nearest(x: np.ndarray, centers: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """Index of the nearest center per row (squared Euclidean), in chunks to bound memory."""
    out = np.empty(len(x), dtype=np.int64)
    c2 = (centers**2).sum(axis=1)
    for start in range(0, len(x), chunk):
        block = x[start : start + chunk]
        out[start : start + chunk] = np.argmin(c2[None, :] - 2 * block @ centers.T, axis=1)
    return out


MAX_K = 12  # the most clusters a fit may look for: more are not personas a marketer can use (the API's too)


def fit(
    matrix: pd.DataFrame,
    *,
    method: str = "kmeans",
    k_min: int = 2,
    k_max: int = 8,
    seed: int = 0,
) -> FittedModel:
    """Standardise, choose k in [k_min, k_max] on a sample, fit, and number clusters by size."""
    if method not in METHODS:
        raise ClusterError(
            f"--method is one of {', '.join(METHODS)}, not {method!r}",
            code="cluster.method",
            params={"method": method, "choices": list(METHODS)},
        )
    if not 2 <= k_min <= k_max <= MAX_K:
        raise ClusterError(
            f"the k range must have 2 <= k-min <= k-max <= {MAX_K}, not {k_min}..{k_max}",
            code="cluster.k_range",
            params={"k_min": k_min, "k_max": k_max},
        )
    n = len(matrix)
    if n < max(k_max * MIN_CLUSTER_ROWS, 2 * MIN_CLUSTER_ROWS):
        raise ClusterError(
            f"{n} customers are too few to look for up to {k_max} clusters "
            f"(at least {k_max * MIN_CLUSTER_ROWS} are needed); lower --k-max or import more data",
            code="cluster.too_few",
            params={"customers": n, "k_max": k_max, "needed": k_max * MIN_CLUSTER_ROWS},
        )
    columns = list(matrix.columns)
    raw = matrix.to_numpy(dtype=float)
    mean, scale = raw.mean(axis=0), raw.std(axis=0)
    keep = scale > 0  # a constant column carries nothing and cannot be standardised
    columns = [c for c, kept in zip(columns, keep, strict=True) if kept]
    mean, scale = mean[keep], scale[keep]
    if not columns:  # scikit-learn would fail on a matrix of no columns, with a traceback
        raise ClusterError(
            f"the {n} customers do not differ in anything the clustering reads (purchases, spend by "
            "category, channels, engagement events; with --demographics age): import their "
            "orders or events first",
            code="cluster.no_variation",
            params={"customers": n},
        )
    column_weights = features.column_weights(columns)
    x = (raw[:, keep] - mean) / scale * column_weights
    with threadpool_limits(THREADS):
        return _fit(x, n, method, k_min, k_max, seed, columns, mean, scale, column_weights)


def _fit(x, n, method, k_min, k_max, seed, columns, mean, scale, column_weights) -> FittedModel:
    from sklearn.cluster import MiniBatchKMeans  # scikit-learn loads here, not with `import segmint`

    rng = np.random.default_rng(seed)
    sample = x if n <= SAMPLE_ROWS else x[np.sort(rng.choice(n, SAMPLE_ROWS, replace=False))]
    if method == "kmeans":
        centers, scores = _choose_kmeans(sample, k_min, k_max, seed)
        k = len(centers)
        if n > LARGE:
            model = MiniBatchKMeans(
                k, init=centers, n_init=1, batch_size=8192, random_state=seed, max_no_improvement=20
            ).fit(x)
            centers = model.cluster_centers_
        labels = nearest(x, centers)
        covariances = weights = None
    else:
        mixture, scores = _choose_gmm(sample, k_min, k_max, seed)
        centers, covariances, weights = mixture.means_, mixture.covariances_, mixture.weights_
        labels = mixture.predict(x)
        k = len(centers)
    order = _by_size(labels, centers)
    fitted = FittedModel(
        method,
        k,
        seed,
        columns,
        mean,
        scale,
        column_weights,
        centers[order],
        None if covariances is None else covariances[order],
        None if weights is None else weights[order],
        scores,
        len(sample),
    )
    return fitted


def _choose_kmeans(sample: np.ndarray, k_min: int, k_max: int, seed: int):
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    best, scores = None, {}
    rows = min(SILHOUETTE_ROWS, len(sample))
    for k in range(k_min, k_max + 1):
        model = KMeans(k, n_init=N_INIT, random_state=seed).fit(sample)
        score = float(silhouette_score(sample, model.labels_, sample_size=rows, random_state=seed))
        scores[k] = round(score, 4)
        if best is None or score > best[0] + 1e-9:
            best = (score, model.cluster_centers_)
    return best[1], scores


def _choose_gmm(sample: np.ndarray, k_min: int, k_max: int, seed: int):
    from sklearn.mixture import GaussianMixture

    best, scores = None, {}
    for k in range(k_min, k_max + 1):
        mixture = GaussianMixture(k, covariance_type="diag", reg_covar=1e-4, random_state=seed).fit(sample)
        bic = float(mixture.bic(sample))
        scores[k] = round(bic, 1)
        if best is None or bic < best[0] - 1e-9:
            best = (bic, mixture)
    return best[1], scores


def _by_size(labels: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Old cluster indices in new order: largest first, ties by the centroid's coordinates."""
    counts = np.bincount(labels, minlength=len(centers))
    keys = sorted(range(len(centers)), key=lambda i: (-counts[i], tuple(np.round(centers[i], 9))))
    return np.asarray(keys)
