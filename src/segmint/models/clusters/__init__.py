"""Clustering with buyer personas: discover groups of customers, describe them, approximate them by rules.

    >>> from segmint.models.clusters import fit_clusters, current
    >>> run = fit_clusters(ws, method="kmeans", k_min=3, k_max=8, seed=0)   # doctest: +SKIP
    >>> run.clusters[0]["name"], run.clusters[0]["rule"]                     # doctest: +SKIP

Steps, one module each: features (the per-customer matrix, every column a rule field), fit (standardise,
choose k, fit, number clusters by size), profile (effect sizes against the rest of the base), persona
(name, demographics, behaviour, channel, 5W card), approximate (a decision-tree rule per cluster with
its precision and recall measured by the rule compiler), store (the workspace tables and the `cluster`
family the refresh joins). docs/clusters.md describes the method.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import numpy as np
import pandas as pd

from segmint.models.clusters import approximate, features, persona, profile
from segmint.models.clusters.fit import METHODS, ClusterError, FittedModel, fit
from segmint.models.clusters.store import FAMILY, Run, cluster_families, current, with_clusters
from segmint.rules.context import after_reference, before_the_data, reference_date

__all__ = [
    "FAMILY",
    "METHODS",
    "ClusterError",
    "FittedModel",
    "Run",
    "check_as_of",
    "cluster_families",
    "current",
    "fit_clusters",
    "with_clusters",
]


def check_as_of(ws, day: dt.date, name: str = "as_of") -> None:
    """Refuse a date after the workspace's reference date or before the data starts, as the refresh
    refuses them (refresh.after_reference, refresh.before_customers): a clustering as of 2030 measured
    recency and tenure four years into the future and was stored as the current one, and one as of a date
    before the first customer said the workspace had no customers. `name`: what the date is called where
    it was given (the CLI's --as-of; the API's body field as_of)."""
    early = before_the_data(ws, day)
    if early:
        raise ClusterError(
            f"{name} {day} is before the data starts ({early['first']}: the first sign-up, order or event): "
            "no customer existed yet to cluster",
            code="cluster.before_data",
            params={"name": name, **early},
        )
    late = after_reference(ws, day)
    if late:
        raise ClusterError(
            f"{name} {day} is after the reference date {late['reference_date']}, the workspace's 'now' "
            f"(reference_date in segmint.toml: {late['setting']}): a clustering reads the data on it or on "
            "an earlier date",
            code="cluster.after_reference",
            params={"name": name, **late},
        )


def fit_clusters(
    ws,
    *,
    method: str = "kmeans",
    k_min: int = 3,
    k_max: int = 8,
    seed: int = 0,
    demographics: bool = False,
    as_of: dt.date | None = None,
    save: bool = True,
) -> Run:
    """Cluster every live customer as the data stands on `as_of` (default: the reference date), describe
    each cluster and store the run as the workspace's current clustering (unless save=False)."""
    from segmint.models.clusters import store

    clock = time.perf_counter()
    if as_of is not None:
        check_as_of(ws, as_of)
    day = as_of or reference_date(ws)
    ctx = features.context(ws, day)
    spend = features.category_spend(ctx)
    spec = features.discover_spec(ctx, demographics, spend)
    raw = features.raw_matrix(ctx, spec, spend=spend)
    if len(raw) == 0:
        raise ClusterError(
            "the workspace has no customers to cluster; import customers and orders first",
            code="cluster.no_customers",
        )
    matrix = features.model_matrix(raw, spec)
    model = fit(matrix, method=method, k_min=k_min, k_max=k_max, seed=seed)
    labels = model.assign(matrix)
    assignment = pd.Series(labels, index=raw.index, name="cluster")
    clusters = describe(ws, ctx, raw, spec, labels, assignment, seed)
    run = Run(
        uuid.uuid4().hex[:12],
        store.fitted_now(ws),
        day,
        method,
        model.k,
        seed,
        len(raw),
        round(time.perf_counter() - clock, 3),
        spec,
        model,
        clusters,
        assignment,
    )
    if save:
        store.save(ws, run, assignment)
    return run


def describe(
    ws, ctx, raw: pd.DataFrame, spec, labels: np.ndarray, assignment: pd.Series, seed: int
) -> list[dict]:
    """Profile, persona card and approximating rule (with precision and recall) of every cluster."""
    values = profile.profile_frame(raw, spec)
    effects = profile.effect_sizes(values, labels)
    people = _people(ctx).reindex(raw.index)
    people["age"] = raw["age"]
    cards = []
    for cluster in sorted(effects):
        inside = labels == cluster
        cards.append(
            persona.persona(
                cluster, values[inside], people[inside], effects[cluster], values, ws.settings.currency
            )
        )
    persona.unique_names(cards)
    rules = approximate.tree_rules(raw, labels, spec, seed)
    scores = approximate.evaluate(ctx, rules, assignment, seed)
    return [
        {
            "cluster": card["cluster"],
            "name": card["name"],
            "size": card["size"],
            "share": card["share"],
            "profile": profile.apart(effects[card["cluster"]])[: profile.TOP_FEATURES * 2],
            "persona": card,
            "rule": rules[card["cluster"]],
            "precision": scores[card["cluster"]]["precision"],
            "recall": scores[card["cluster"]]["recall"],
            "rule_measured_on": scores[card["cluster"]]["measured_on"],
        }
        for card in cards
    ]


def _people(ctx) -> pd.DataFrame:
    customers = ctx.customers
    frame = customers.select("customer_id", "gender", "city").to_pandas()
    return frame.drop_duplicates("customer_id").set_index("customer_id")
