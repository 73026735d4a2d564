"""A readable rule per cluster: a shallow decision tree (one cluster against the rest) on the raw rule
fields, turned into rule-language text (an OR of the tree's paths to leaves that predict the cluster).

Every tree feature is a rule expression (features.FeatureSpec), so the text means what the tree
learned; its precision and recall are then measured by compiling the text with the real rule compiler
and comparing the members it selects with the cluster (evaluate), not from the tree's own predictions.
"""

from __future__ import annotations

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa

from segmint.models.clusters.features import FeatureSpec
from segmint.rules import compile_rules, parse_rule
from segmint.rules.context import CompileContext

MAX_DEPTH = 3
TREE_ROWS = 50_000  # the tree learns from a seeded sample of at most this many customers
EVALUATION_ROWS = 200_000  # precision and recall are measured on a seeded sample above this many
MISSING = -1.0  # stands for null: every raw feature is >= 0, so "x <= t" with t >= -1 includes nulls
INTEGER_COLUMNS = (
    "orders_count",
    "discounted_orders",
    "days_since_last_order",
    "days_since_first_order",
    "signup_days",
    "age",
)
NULLABLE_COLUMNS = (
    "avg_order_value",
    "days_since_last_order",
    "days_since_first_order",
    "signup_days",
    "age",
)


def _is_integer(column: str) -> bool:
    return column in INTEGER_COLUMNS or column.startswith(("orders:", "events:"))


def tree_rules(raw: pd.DataFrame, labels: np.ndarray, spec: FeatureSpec, seed: int) -> dict[int, str]:
    """cluster -> rule text approximating it."""
    from sklearn.tree import DecisionTreeClassifier  # loaded on use: every CLI start imports this package

    rules_of = {column.name: column.rule for column in spec.columns()}
    columns = [c for c in raw.columns if c in rules_of]
    x = raw[columns].to_numpy(dtype=float)
    x = np.where(np.isnan(x), MISSING, x)
    rng = np.random.default_rng(seed)
    if len(x) > TREE_ROWS:
        rows = np.sort(rng.choice(len(x), TREE_ROWS, replace=False))
        x, labels = x[rows], labels[rows]
    out = {}
    for cluster in np.unique(labels):
        target = labels == cluster
        tree = DecisionTreeClassifier(
            max_depth=MAX_DEPTH,
            min_samples_leaf=max(10, len(x) // 500),
            class_weight="balanced",
            random_state=seed,
        ).fit(x, target)
        paths = _positive_paths(tree)
        out[int(cluster)] = _to_text(paths, columns, rules_of)
    return out


def _positive_paths(tree) -> list[list[tuple[int, str, float]]]:
    """Conditions (feature index, '<=' or '>', threshold) of every path to a leaf predicting True."""
    t = tree.tree_
    positive = list(tree.classes_).index(True) if True in tree.classes_ else None
    paths: list[list[tuple[int, str, float]]] = []

    def walk(node: int, path: list):
        if t.children_left[node] == -1:
            value = t.value[node][0]
            if positive is not None and value[positive] > value.sum() / 2:
                paths.append(path)
            return
        feature, threshold = int(t.feature[node]), float(t.threshold[node])
        walk(int(t.children_left[node]), [*path, (feature, "<=", threshold)])
        walk(int(t.children_right[node]), [*path, (feature, ">", threshold)])

    walk(0, [])
    return paths


def _to_text(paths, columns: list[str], rules_of: dict[str, str]) -> str:
    if not paths:
        return "customer_id is null"  # the tree found no region for the cluster: a rule nobody meets
    if paths == [[]]:
        return "customer_id is not null"
    parts = []
    for path in paths:
        bounds: dict[int, list[float | None]] = {}  # feature -> [upper (<=), lower (>)]
        for feature, op, threshold in path:
            upper, lower = bounds.setdefault(feature, [None, None])
            if op == "<=":
                bounds[feature][0] = threshold if upper is None else min(upper, threshold)
            else:
                bounds[feature][1] = threshold if lower is None else max(lower, threshold)
        conditions = []
        for feature, (upper, lower) in bounds.items():
            conditions += _conditions(columns[feature], rules_of[columns[feature]], upper, lower)
        parts.append(" and ".join(conditions))
    if len(parts) == 1:
        return parts[0]
    return " or ".join(f"({part})" for part in parts)


def _conditions(column: str, field: str, upper: float | None, lower: float | None) -> list[str]:
    """`field` kept to (lower, upper], with MISSING standing for null."""
    out = []
    integer = _is_integer(column)
    if integer and lower is not None and upper is not None and lower >= 0:
        low, high = int(np.floor(lower)) + 1, int(np.floor(upper))
        return [f"{field} = {low}" if low == high else f"{field} between {low} and {high}"]
    if lower is not None:
        if lower < 0:
            out.append(f"{field} is not null")
        else:
            out.append(f"{field} >= {int(np.floor(lower)) + 1}" if integer else f"{field} > {_number(lower)}")
    if upper is not None:
        if upper < 0:
            return [f"{field} is null"]
        text = f"{field} <= {int(np.floor(upper))}" if integer else f"{field} <= {_number(upper)}"
        if lower is None and column in NULLABLE_COLUMNS:
            text = f"({text} or {field} is null)"
        out.append(text)
    return out


def _number(value: float) -> str:
    return f"{round(value, 2):.2f}".rstrip("0").rstrip(".")


def evaluate(
    ctx: CompileContext, rules: dict[int, str], assignment: pd.Series, seed: int = 0
) -> dict[int, dict]:
    """Precision and recall of each rule against its cluster, by compiling every rule on one frame
    (the real parser and compiler) and comparing its members with the customers of the cluster.
    Above EVALUATION_ROWS customers they are measured on a seeded sample of that many: every rule field
    is a customer's own value, so the sample's customers get exactly their values on the whole base."""
    checked = {f"rule_{cluster}": parse_rule(text) for cluster, text in rules.items()}
    if len(assignment) > EVALUATION_ROWS:
        rng = np.random.default_rng(seed)
        ids = assignment.index.to_numpy()[
            np.sort(rng.choice(len(assignment), EVALUATION_ROWS, replace=False))
        ]
        ctx = ctx.restricted_to(ibis.memtable(pa.table({"customer_id": pa.array(ids, pa.string())})))
    result = compile_rules(checked, ctx).to_pyarrow()
    ids = result["customer_id"].to_numpy(zero_copy_only=False)
    clusters = assignment.reindex(ids).to_numpy()
    measured = len(ids)
    out = {}
    for cluster in rules:
        selected = np.asarray(result[f"rule_{cluster}"].to_numpy(zero_copy_only=False), dtype=bool)
        actual = clusters == cluster
        hits = int((selected & actual).sum())
        out[cluster] = {
            "selected": int(selected.sum()),
            "measured_on": measured,
            "precision": round(hits / selected.sum(), 4) if selected.any() else 0.0,
            "recall": round(hits / actual.sum(), 4) if actual.any() else 0.0,
        }
    return out
