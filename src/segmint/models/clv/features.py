"""CLV predictions as columns of the features table, so rules can read them (`clv_12m > 500`,
`churn_risk = "high"`, `p_alive < 0.3`) and the churn_risk family gets membership history.

The refresh joins `prediction_features(ws, day)` onto the family features by customer_id. Columns:

- clv_12m, expected_purchases_12m, p_alive: as `predict_customers` computes them (12-month horizon);
- churn_probability: 1 - p_alive, a number 0-1;
- churn_risk: the bucket low / medium / high (CHURN_MEDIUM, CHURN_HIGH thresholds);
- clv_method: "model", or "historical_average" when the data is too thin to fit (then p_alive,
  churn_probability and churn_risk are empty, and the churn_risk family has no members).

Customers without a purchase on `day` have no predictions (all empty).
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from segmint.models.clv.predict import predict_customers

CHURN_GROUPS = ("low", "medium", "high")
CHURN_FAMILY = "churn_risk"  # family name and its features column
HORIZON_MONTHS = 12
SCHEMA = pa.schema(
    [
        ("customer_id", pa.string()),
        ("clv_12m", pa.float64()),
        ("expected_purchases_12m", pa.float64()),
        ("p_alive", pa.float64()),
        ("churn_probability", pa.float64()),
        ("churn_risk", pa.string()),
        ("clv_method", pa.string()),
    ]
)
COLUMNS = tuple(SCHEMA.names[1:])


def prediction_features(ws, day: dt.date) -> pa.Table:
    """The predictions on `day` as features columns (fallback to the historical average on thin data;
    an empty table when nobody has bought yet)."""
    from segmint.models.clv.summary import workspace_summary

    summary = workspace_summary(ws, day)
    if summary.n_customers == 0:
        return SCHEMA.empty_table()
    table = predict_customers(summary, horizon_months=HORIZON_MONTHS)
    return pa.table(
        {
            "customer_id": table["customer_id"],
            "clv_12m": table["clv_12m"],
            "expected_purchases_12m": table["expected_purchases_12m"],
            "p_alive": table["p_alive"],
            "churn_probability": table["churn_risk"],
            "churn_risk": table["churn_bucket"],
            "clv_method": table["clv_method"],
        },
        schema=SCHEMA,
    )


PREDICTIONS_TEMP = "seg_clv_predictions"


def with_predictions(ws, day: dt.date, features):
    """The features expression with the prediction columns joined on (left join by customer_id). The
    predictions come from a NumPy fit, so they are put in a temp table the expression can read."""
    ws.raw.register("seg_clv_incoming", prediction_features(ws, day))
    try:
        ws.raw.execute(f"CREATE OR REPLACE TEMP TABLE {PREDICTIONS_TEMP} AS SELECT * FROM seg_clv_incoming")
    finally:
        ws.raw.unregister("seg_clv_incoming")
    joined = features.join(ws.table(PREDICTIONS_TEMP), "customer_id", how="left")
    return joined.select(*features.columns, *COLUMNS)  # a left join keeps both keys: drop customer_id_right


def prediction_families() -> dict:
    """The families the predictions add: churn_risk (low / medium / high)."""
    from segmint.families.features import Family

    return {CHURN_FAMILY: Family(CHURN_FAMILY, CHURN_GROUPS)}
