"""CLV predictions as columns of the features table, so rules can read them (`clv_12m > 500`,
`churn_risk = "high"`, `p_alive < 0.3`) and the churn_risk family gets membership history.

The refresh joins `prediction_features(ws, day)` onto the family features by customer_id. Columns:

- clv_12m, expected_purchases_12m, p_alive: as `predict_customers` computes them (12-month horizon);
- churn_probability: 1 - p_alive, a number 0-1;
- churn_risk: the bucket low / medium / high (CHURN_MEDIUM, CHURN_HIGH thresholds);
- clv_method: "model", or "historical_average" when the data is too thin to fit (then p_alive,
  churn_probability and churn_risk are empty, and the churn_risk family has no members).

Customers without a purchase on `day` have no predictions (all empty).

Fitting is separate from scoring. The refresh stores the model it fits in `clv_fits` (migration 0008),
and a later refresh on the same date keeps that fit while the purchases up to the date, in number and in
value, are within REFIT_SHARE of what it was fitted on: parameters estimated from a whole base barely move
when a few orders are added, and with the fit kept a customer's predictions depend on their own purchases
alone, so the incremental refresh scores only the customers with new rows (at 1M customers the fit costs
~10 s of a refresh after 10k new orders). Another date, or more change than that, fits again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

import ibis
import pyarrow as pa
import pyarrow.compute as pc

from segmint.models.clv.fitting import ClvDataError
from segmint.models.clv.predict import ClvModel, fit_and_predict, historical_average, predict
from segmint.rules.fields import PURCHASE_STATUSES

CHURN_GROUPS = ("low", "medium", "high")
CHURN_FAMILY = "churn_risk"  # family name and its features column
HORIZON_MONTHS = 12
FITS = "clv_fits"
REFIT_SHARE = 0.01  # the purchases (number or value) may move this much before the model is fitted again
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
    """The predictions on `day` as features columns: the kept fit of `day`, or a new fit (not stored), or
    the historical average when the data is too thin to fit; an empty table when nobody has bought yet."""
    return _score_everyone(ws, day)[0]


def _score_everyone(
    ws, day: dt.date, *, keep: bool = False, look_up: bool = True
) -> tuple[pa.Table, tuple[int, Decimal]]:
    """Everyone's predictions on `day`: with the kept fit of `day` (looked up unless `look_up` is False:
    the incremental refresh found none), else a new fit (stored in clv_fits with `keep`); and the
    purchases(ws, day) they were scored on. The fit is checked on, and stored with, the purchases the
    summary counts as it reads every order: a scan of its own for them (purchases()) took 0.3-0.9 s of a
    full refresh at 10M orders."""
    from segmint.models.clv.summary import Summary, summary_expr, workspace_purchases

    table = summary_expr(workspace_purchases(ws), day, orders=True).to_pyarrow()
    summary = Summary.from_arrow(table, day, "weeks")
    bought = purchases_of(table)
    if summary.n_customers == 0:
        return SCHEMA.empty_table(), bought
    clv = kept_fit(ws, day, bought) if look_up else None
    return _scored(ws, summary, clv, keep=keep, bought=bought), bought


def _score(ws, day: dt.date, clv: ClvModel, only: str, *, orders: ibis.Table | None = None) -> pa.Table:
    """Predictions with the kept model `clv` of the customers in the table named `only`; `orders`: a
    table holding at least their orders (else every order is read)."""
    from segmint.models.clv.summary import load_summary, workspace_purchases

    purchases = workspace_purchases(ws, orders).semi_join(ws.table(only), "customer_id")
    summary = load_summary(purchases, day)
    if summary.n_customers == 0:
        return SCHEMA.empty_table()
    return _scored(ws, summary, clv)


def _scored(
    ws, summary, clv: ClvModel | None, *, keep: bool = False, bought: tuple[int, Decimal] | None = None
) -> pa.Table:
    """Predictions for the customers of `summary` with the model `clv`, or a new fit when None (stored in
    clv_fits with `keep`, with `bought`: the purchases it was fitted on, purchases_of the summary)."""
    try:
        if clv is None:  # a fit whose predictions are not numbers is refused here, before it is stored
            clv, table = fit_and_predict(summary, horizon_months=HORIZON_MONTHS)
            if keep:
                _store_fit(ws, clv, bought)
            return _columns(table)
        return _columns(predict(clv, summary, HORIZON_MONTHS))
    except ClvDataError as exc:  # too little data, no convergence, or predictions that are not numbers
        return _columns(historical_average(summary, HORIZON_MONTHS, reason=str(exc)))


def _columns(table: pa.Table) -> pa.Table:
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


def purchases(ws, day: dt.date, imported_after: dt.datetime | None = None) -> tuple[int, Decimal]:
    """The number and value of the purchases the models read, up to `day` (what a fit is checked on);
    only of the orders imported after `imported_after` when given. The value is exact (the DECIMAL
    totals' sum), so those of two sets of orders add up to exactly that of both."""
    after = "AND imported_at > ?" if imported_after is not None else ""
    statuses = ", ".join("?" for _ in PURCHASE_STATUSES)  # as summary.workspace_purchases counts them
    (count, value) = ws.raw.execute(
        f"SELECT count(*), coalesce(sum(total), 0) FROM orders WHERE status IN ({statuses}) AND NOT is_guest "
        f"AND customer_id IS NOT NULL AND ordered_at < CAST(? AS DATE) + 1 {after}",
        [*PURCHASE_STATUSES, day, *([imported_after] if after else [])],
    ).fetchone()
    return int(count), Decimal(value)


def purchases_of(summary: pa.Table) -> tuple[int, Decimal]:
    """purchases(ws, day) from the summary of everyone on `day` fetched with its orders (summary_expr with
    `orders`): the same orders, so the same count, and the same exact DECIMAL sum."""
    count, value = pc.sum(summary["n_orders"]).as_py(), pc.sum(summary["spend"]).as_py()
    return int(count or 0), Decimal(value if value is not None else 0)


def kept_fit(ws, day: dt.date, now: tuple[int, Decimal] | None = None) -> ClvModel | None:
    """The last model fitted on `day`, when the purchases have moved less than REFIT_SHARE since. `now`:
    purchases(ws, day) when the caller knows it without reading every order (the incremental refresh)."""
    row = ws.raw.execute(
        f"SELECT purchases, purchase_value, model FROM {FITS} WHERE as_of = ? "
        "ORDER BY fitted_at DESC LIMIT 1",
        [day],
    ).fetchone()
    if row is None:
        return None
    count, value = purchases(ws, day) if now is None else now
    value = float(value)
    if abs(count - row[0]) > REFIT_SHARE * row[0] or abs(value - row[1]) > REFIT_SHARE * abs(row[1]):
        return None
    return ClvModel.from_dict(json.loads(row[2]))


def _store_fit(ws, clv: ClvModel, bought: tuple[int, Decimal] | None = None) -> None:
    """Store `clv` with the purchases it was fitted on (`bought`, when the caller counted them)."""
    count, value = purchases(ws, clv.as_of) if bought is None else bought
    ws.raw.execute(
        f"INSERT INTO {FITS} VALUES (?, ?, ?, current_localtimestamp(), ?)",
        [clv.as_of, count, float(value), json.dumps(clv.as_dict())],
    )


PREDICTIONS_TEMP = "seg_clv_predictions"


@dataclass(frozen=True)
class Predicted:
    """The features expression with the CLV predictions (with_predictions, history's compute_features),
    and the number and value of the purchases on its day when everyone was scored (the summary counted
    them as it read every order: the refresh records them with its results, incremental.mark, without a
    scan of its own); None when only some customers were."""

    table: ibis.Table
    purchases: tuple[int, Decimal] | None = None


def with_predictions(
    ws,
    day: dt.date,
    features,
    *,
    only: str | None = None,
    keep_fit: bool = False,
    fit=None,
    others: str | None = None,
    orders: ibis.Table | None = None,
) -> Predicted:
    """The features expression with the prediction columns joined on (left join by customer_id), and
    when everyone was scored the purchases(ws, day) they were (Predicted). The predictions come from a
    NumPy fit, so they are put in a temp table the expression can read.

    `only` (the incremental refresh): the name of a table of the customers with new rows since the stored
    `features` of `day` were computed. With a kept fit of `day` only they are scored, and everyone else's
    predictions are copied from the stored features (they depend on their own purchases alone); the
    caller looked the kept fit up (kept_fit) and passes it as `fit`: it decides what else to recompute.
    `keep_fit`: a new fit is stored for later refreshes (the refresh; not a preview, which writes nothing).
    `others` (with `only` and a kept fit): a table of the customers whose stored predictions `features`
    needs besides theirs, when not everyone's (copying all 1M took ~0.6 s of CPU for ~13k rows used),
    and `orders` a table holding at least the `only` customers' orders (reading all 10M to score 10k
    customers took ~3 s)."""
    bought = None
    if only is not None and fit is not None:
        _put(ws, _score(ws, day, fit, only, orders=orders))
        names = ", ".join(COLUMNS)
        wanted = f"SEMI JOIN {others} USING (customer_id)" if others else ""
        ws.raw.execute(
            f"""INSERT INTO {PREDICTIONS_TEMP} SELECT customer_id, {names} FROM features
            ANTI JOIN {only} USING (customer_id) {wanted} WHERE clv_method IS NOT NULL"""
        )
    else:  # everyone scored, with the kept fit of `day` (the incremental refresh found none: fitted anew)
        predictions, bought = _score_everyone(ws, day, keep=keep_fit, look_up=only is None)
        _put(ws, predictions)
    joined = features.join(ws.table(PREDICTIONS_TEMP), "customer_id", how="left")
    # (a left join keeps both keys: drop customer_id_right)
    return Predicted(joined.select(*features.columns, *COLUMNS), bought)


def _put(ws, predictions: pa.Table) -> None:
    """PREDICTIONS_TEMP holding `predictions`, created from SCHEMA and filled only when there are rows.

    Never an empty INSERT: with_predictions may append every stored customer's predictions after it, and
    DuckDB 1.5.6 loses a large INSERT (more than one row group, ~122k rows) that follows an empty one
    into the same table in one transaction (store/order.py). An incremental refresh with no customer
    to score (nothing new since the last one) filled the table from an empty Arrow table, then copied
    the 873k stored predictions into it, which were invisible: every prediction came out empty and all
    customers were recomputed (49 s instead of 5.7 s at 1M customers)."""
    columns = ", ".join(f"{field.name} {_SQL_TYPES[field.type]}" for field in SCHEMA)
    ws.raw.execute(f"CREATE OR REPLACE TEMP TABLE {PREDICTIONS_TEMP} ({columns})")
    if predictions.num_rows == 0:
        return
    ws.raw.register("seg_clv_incoming", predictions)
    try:
        ws.raw.execute(f"INSERT INTO {PREDICTIONS_TEMP} SELECT * FROM seg_clv_incoming")
    finally:
        ws.raw.unregister("seg_clv_incoming")


_SQL_TYPES = {pa.string(): "VARCHAR", pa.float64(): "DOUBLE"}


def prediction_families() -> dict:
    """The families the predictions add: churn_risk (low / medium / high)."""
    from segmint.families.features import Family

    return {CHURN_FAMILY: Family(CHURN_FAMILY, CHURN_GROUPS)}
