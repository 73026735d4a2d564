"""What sets each cluster apart from the whole base: per feature, the cluster's mean against the rest's,
as a standardised mean difference (Cohen's d with the pooled standard deviation).

The profile reads interpretable values (purchases, money, days, shares), not the model's logs, so a
profile line reads "purchases 6.1 vs 2.0 (d = +1.3)".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmint.models.clusters.features import ENGAGEMENT_EVENTS, FeatureSpec, tenure

TOP_FEATURES = 6
# |d| below this is a negligible difference (Cohen 1988: 0.2 is a "small" effect, the least he names): such a
# feature does not set a cluster apart. A feature nobody differs in has d = 0 and was listed as a reason
# ("cart add events in the last year (d = +0.00)").
NEGLIGIBLE = 0.2


def profile_frame(raw: pd.DataFrame, spec: FeatureSpec) -> pd.DataFrame:
    """The interpretable per-customer values profiles and personas describe (NaN = unknown)."""
    orders = raw["orders_count"].to_numpy()
    spent = raw["total_spent"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out = {
            "orders_count": orders,
            "total_spent": spent,
            "avg_order_value": raw["avg_order_value"].to_numpy(),
            "days_since_last_order": raw["days_since_last_order"].to_numpy(),
            "tenure_days": tenure(raw),
            "discount_share": np.where(orders > 0, raw["discounted_orders"].to_numpy() / orders, np.nan),
        }
        for category in spec.categories:
            out[f"share:{category}"] = np.where(
                spent > 0, raw[f"spent_on:{category}"].to_numpy() / spent, np.nan
            )
        for channel in spec.channels:
            out[f"channel:{channel}"] = np.where(
                orders > 0, raw[f"orders:{channel}"].to_numpy() / orders, np.nan
            )
    for event in ENGAGEMENT_EVENTS:
        out[f"events:{event}"] = raw[f"events:{event}"].to_numpy()
    out["age"] = raw["age"].to_numpy()
    return pd.DataFrame(out, index=raw.index)


def label(feature: str) -> str:
    """A feature as a person reads it."""
    names = {
        "orders_count": "purchases",
        "total_spent": "total spend",
        "avg_order_value": "average order value",
        "days_since_last_order": "days since the last purchase",
        "tenure_days": "days as a customer",
        "discount_share": "share of purchases on discount",
        "age": "age",
    }
    if feature in names:
        return names[feature]
    kind, _, name = feature.partition(":")
    if kind == "share":
        return f"share of spend on {name}"
    if kind == "channel":
        return f"share of purchases {name}"
    return f"{name.replace('_', ' ')} events in the last year"


def effect_sizes(values: pd.DataFrame, labels: np.ndarray) -> dict[int, list[dict]]:
    """cluster -> every feature with its mean in and outside the cluster and Cohen's d, largest |d|
    first. NaN values (no purchases: no shares, no order value) are left out of both means."""
    data = values.to_numpy(dtype=float)
    known = ~np.isnan(data)
    filled = np.where(known, data, 0.0)
    total_n, total_s, total_q = known.sum(0), filled.sum(0), (filled**2).sum(0)
    out: dict[int, list[dict]] = {}
    for cluster in np.unique(labels):
        inside = labels == cluster
        n1, s1, q1 = known[inside].sum(0), filled[inside].sum(0), (filled[inside] ** 2).sum(0)
        n0, s0, q0 = total_n - n1, total_s - s1, total_q - q1
        with np.errstate(divide="ignore", invalid="ignore"):
            m1, m0 = s1 / n1, s0 / n0
            v1 = (q1 - n1 * m1**2) / np.maximum(n1 - 1, 1)
            v0 = (q0 - n0 * m0**2) / np.maximum(n0 - 1, 1)
            pooled = np.sqrt(np.maximum(((n1 - 1) * v1 + (n0 - 1) * v0) / np.maximum(n1 + n0 - 2, 1), 0))
            d = np.where(pooled > 0, (m1 - m0) / pooled, 0.0)
        rows = []
        for j, feature in enumerate(values.columns):
            if n1[j] == 0 or n0[j] == 0 or not np.isfinite(d[j]):
                continue
            rows.append(
                {
                    "feature": feature,
                    "label": label(feature),
                    "mean": round(float(m1[j]), 4),
                    "rest_mean": round(float(m0[j]), 4),
                    "effect_size": round(float(d[j]), 3),
                }
            )
        rows.sort(key=lambda row: (-abs(row["effect_size"]), row["feature"]))
        out[int(cluster)] = rows
    return out


def apart(rows: list[dict]) -> list[dict]:
    """The rows of `effect_sizes` that set a cluster apart: |d| at least NEGLIGIBLE, largest first. The
    one list behind a cluster's stored profile (the CLI's "Sets it apart", the web page's, the API's) and
    its persona's "why"; empty when nothing does, which they then say."""
    return [row for row in rows if abs(row["effect_size"]) >= NEGLIGIBLE]
