"""Clusterings in the workspace (migration 0003_clusters.sql): save a fitted run, read the current one,
and the cluster of every customer on any date, for the refresh (the `cluster` family and rule field).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from segmint.models.clusters.features import FeatureSpec, context, model_matrix, raw_matrix
from segmint.models.clusters.fit import FittedModel
from segmint.models.clusters.profile import apart

FAMILY = "cluster"  # family name and its features column (the cluster number as text groups)
NAME_COLUMN = "cluster_name"
ASSIGNED_TEMP = "seg_cluster_assigned"


@dataclass
class Run:
    run_id: str
    fitted_at: dt.datetime
    as_of: dt.date
    method: str
    k: int
    seed: int
    customers: int
    seconds: float
    spec: FeatureSpec
    model: FittedModel
    clusters: list[dict]  # per cluster: cluster, name, size, share, profile, persona, rule, precision,
    # recall, rule_measured_on (customers the rule was checked on)
    assignment: pd.Series | None = None  # customer_id -> cluster, on a freshly fitted run (not reloaded)

    def names(self) -> dict[int, str]:
        return {c["cluster"]: c["name"] for c in self.clusters}

    def to_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "fitted_at": self.fitted_at.isoformat(timespec="seconds"),
            "as_of": self.as_of.isoformat(),
            "method": self.method,
            "k": self.k,
            "seed": self.seed,
            "customers": self.customers,
            "seconds": self.seconds,
            "k_scores": {str(k): v for k, v in self.model.scores.items()},
            "k_score": "silhouette (higher is better)"
            if self.method == "kmeans"
            else "BIC (lower is better)",
            "features": self.model.columns,
            "clusters": self.clusters,
        }


def save(ws, run: Run, assignment: pd.Series) -> None:
    """Store the run, its clusters and its assignment in one transaction; older assignments are dropped
    (their runs and profiles stay, for the record)."""
    table = pa.table(
        {
            "run_id": pa.array([run.run_id] * len(assignment), pa.string()),
            "customer_id": pa.array(assignment.index.to_numpy(), pa.string()),
            "cluster": pa.array(assignment.to_numpy(), pa.int32()),
        }
    )
    with ws.transaction() as raw:
        raw.execute(
            "INSERT INTO cluster_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run.run_id,
                run.fitted_at,
                run.as_of,
                run.method,
                run.k,
                run.seed,
                run.customers,
                run.seconds,
                run.spec.to_json(),
                json.dumps(run.model.to_dict()),
            ],
        )
        for c in run.clusters:
            raw.execute(
                "INSERT INTO cluster_profiles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    run.run_id,
                    c["cluster"],
                    c["name"],
                    c["size"],
                    c["share"],
                    json.dumps(c["profile"], ensure_ascii=False),
                    json.dumps(c["persona"], ensure_ascii=False),
                    c["rule"],
                    c["precision"],
                    c["recall"],
                    c["rule_measured_on"],
                ],
            )
        raw.execute("DELETE FROM cluster_assignments")
        raw.register("seg_cluster_incoming", table)
        try:
            raw.execute("INSERT INTO cluster_assignments SELECT * FROM seg_cluster_incoming")
        finally:
            raw.unregister("seg_cluster_incoming")


def fitted_now(ws) -> dt.datetime:
    """The time a new run is fitted at: now to the microsecond, and later than every stored run's. The
    current clustering is the latest fitted_at; stamped to the second, two fits in one second (a button
    pressed twice, a script) tied, and their random run ids chose which was current, so the older fit
    could stay it, and an incremental refresh kept the clusters of a run that was not the current one."""
    now = ws.now(whole_seconds=False)
    try:
        (last,) = ws.raw.execute("SELECT max(fitted_at) FROM cluster_runs").fetchone()
    except duckdb.CatalogException:  # a workspace opened read-only before migration 0003 (save=False)
        return now
    return now if last is None or now > last else last + dt.timedelta(microseconds=1)


def current(ws) -> Run | None:
    """The latest fitted run, or None when the workspace has no clustering."""
    try:  # (asking Ibis's list_tables first cost ~9 ms, a third of a customer profile at 1M customers)
        row = ws.raw.execute(
            "SELECT run_id, fitted_at, as_of, method, k, seed, customers, seconds, spec, model "
            "FROM cluster_runs ORDER BY fitted_at DESC, run_id DESC LIMIT 1"
        ).fetchone()
    except duckdb.CatalogException:  # a workspace opened read-only before migration 0003
        return None
    if row is None:
        return None
    clusters = [
        {
            "cluster": cluster,
            "name": name,
            "size": size,
            "share": share,
            "profile": apart(json.loads(profile)),  # a run stored before kept negligible ones too
            "persona": json.loads(persona),
            "rule": rule,
            "precision": precision,
            "recall": recall,
            "rule_measured_on": measured,
        }
        for cluster, name, size, share, profile, persona, rule, precision, recall, measured in ws.raw.execute(
            "SELECT cluster, name, size, share, profile, persona, rule, rule_precision, rule_recall, "
            "rule_measured_on "
            "FROM cluster_profiles WHERE run_id = ? ORDER BY cluster",
            [row[0]],
        ).fetchall()
    ]
    return Run(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        FeatureSpec.from_json(row[8]),
        FittedModel.from_dict(json.loads(row[9])),
        clusters,
    )


def current_names(ws) -> list[tuple[int, str]] | None:
    """(cluster, name) of the latest run's clusters, or None when there is no clustering: what a rule's
    cluster values are checked against, without loading the run's model as current() does (~4 ms)."""
    try:
        rows = ws.raw.execute(
            "SELECT cluster, name FROM cluster_profiles WHERE run_id = (SELECT run_id FROM cluster_runs "
            "ORDER BY fitted_at DESC, run_id DESC LIMIT 1) ORDER BY cluster"
        ).fetchall()
    except duckdb.CatalogException:  # a workspace opened read-only before migration 0003
        return None
    return [(int(cluster), name) for cluster, name in rows] or None


def assignment_on(ws, run: Run, day: dt.date) -> pa.Table:
    """customer_id, cluster, cluster_name on `day`: the stored assignment on the run's own date (when no
    import or merge came after the fit), else the fitted model applied to the features as the data
    stood on `day` (so the family has a history)."""
    if day == run.as_of and not _changed_since(ws, run.fitted_at):
        rows = ws.raw.execute(
            "SELECT customer_id, cluster FROM cluster_assignments WHERE run_id = ?", [run.run_id]
        ).to_arrow_table()
        ids, clusters = rows["customer_id"], rows["cluster"].to_numpy()
    else:
        return assigned(run, context(ws, day))
    return _table(run, ids, clusters)


def assigned(run: Run, ctx) -> pa.Table:
    """customer_id, cluster, cluster_name: the fitted model applied to the customers of the context `ctx`
    as their rows stand on ctx.today (a context restricted to some customers assigns only them)."""
    raw = raw_matrix(ctx, run.spec)
    if raw.empty:
        return _table(run, pa.array([], pa.string()), [])
    return _table(
        run, pa.array(raw.index.to_numpy(), pa.string()), run.model.assign(model_matrix(raw, run.spec))
    )


def _table(run: Run, ids: pa.Array, clusters) -> pa.Table:
    names = run.names()
    return pa.table(
        {
            "customer_id": ids,
            FAMILY: pa.array(clusters, pa.int32()),
            NAME_COLUMN: pa.array([names.get(int(c)) for c in clusters], pa.string()),
        }
    )


def own_rows_only(run: Run) -> bool:
    """A customer's cluster depends on their own rows alone: with demographics an unknown age is
    filled with the median age of everyone assigned (features.model_matrix)."""
    return not run.spec.demographics


def _changed_since(ws, when: dt.datetime) -> bool:
    """Whether an import or a dedupe merge (or its undo) finished after `when`: then the stored
    assignment may miss customers or hold stale ones, and the model is applied again."""
    (last,) = ws.raw.execute(
        "SELECT greatest((SELECT max(finished_at) FROM imports), "
        "(SELECT max(greatest(merged_at, coalesce(undone_at, merged_at))) FROM merges))"
    ).fetchone()
    return last is not None and last >= when


def with_clusters(
    ws,
    day: dt.date,
    features,
    *,
    run: Run | None = None,
    only: str | None = None,
    rows=None,
    others: str | None = None,
):
    """The features expression with `cluster` and `cluster_name` joined on (left join by customer_id)
    when the workspace has a clustering; unchanged otherwise. `run`: current(ws) when the caller has it.

    `only` (the incremental refresh, when the stored `features` of `day` were computed with this run and
    own_rows_only(run)): the name of a table of the customers with new rows, and `rows` a context
    restricted to them (their rows cut): only they are assigned, and everyone else's clusters are copied
    from the stored features, or only those of the customers in the table named `others`. Applying the
    model to everyone read every order, line and event (~3 s of CPU of a ~6.5 s refresh at 200k
    customers)."""
    run = current(ws) if run is None else run
    if run is None:
        return features
    if only is None:
        new = assignment_on(ws, run, day)
        stored = ""
    else:
        new = assigned(run, rows)
        wanted = f"SEMI JOIN {others} USING (customer_id)" if others else ""
        stored = f"""UNION ALL SELECT customer_id, {FAMILY}, {NAME_COLUMN} FROM features
            ANTI JOIN {only} USING (customer_id) {wanted}"""
    ws.raw.register("seg_cluster_incoming", new)
    try:  # one statement: never an empty INSERT before a large one (clv/features.py's _put)
        ws.raw.execute(
            f"CREATE OR REPLACE TEMP TABLE {ASSIGNED_TEMP} AS SELECT * FROM seg_cluster_incoming {stored}"
        )
    finally:
        ws.raw.unregister("seg_cluster_incoming")
    joined = features.left_join(ws.table(ASSIGNED_TEMP), "customer_id")
    return joined.select(*features.columns, FAMILY, NAME_COLUMN)


def cluster_families(ws) -> dict:
    """The `cluster` family (groups: the cluster numbers) when the workspace has a clustering."""
    from segmint.families.features import Family

    run = current(ws)
    if run is None:
        return {}
    return {FAMILY: Family(FAMILY, tuple(str(c["cluster"]) for c in run.clusters))}
