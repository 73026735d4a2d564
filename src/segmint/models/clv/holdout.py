"""Holdout validation: fit on a calibration period, predict the holdout period, compare with what happened.

The classic check of Fader, Hardie & Lee (2005, figure 4): customers are grouped by their number of repeat
purchases in the calibration period (0, 1, ..., 7+), and in each group the mean of the conditional
expectations E[Y(t*) | x, t_x, T] is set beside the mean number of purchases they really made in the
holdout period of length t*. Only customers whose first purchase falls in the calibration period count.

The fit is `fit_clv`'s, with its refusals (too little data, no convergence): a validation of a model the
rest of the product would refuse to use showed numbers nothing else would. The predictions are those
`predict` makes (a customer who stays where the fit sees no dropout).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from segmint.models.clv.fitting import ClvDataError, FitResult
from segmint.models.clv.predict import expected_purchases, fit_clv
from segmint.models.clv.summary import holdout_expr, load_summary, unit_days


@dataclass(frozen=True)
class HoldoutValidation:
    """Predicted and actual holdout purchases, per customer and per calibration frequency."""

    fit: FitResult
    calibration_end: dt.date
    holdout_end: dt.date
    holdout_length: float  # in time units
    unit: str
    customers: pd.DataFrame  # customer_id, x, t_x, T, predicted, actual
    by_frequency: pd.DataFrame  # frequency (label), customers, actual, predicted (means)

    @property
    def total_actual(self) -> float:
        return float(self.customers["actual"].sum())

    @property
    def total_predicted(self) -> float:
        return float(self.customers["predicted"].sum())

    @property
    def correlation(self) -> float | None:
        """Correlation of predicted and actual holdout purchases across customers; None when it is not
        defined (every actual or every predicted value the same: nobody bought in the holdout), which
        was NaN and printed `"correlation": NaN`, not JSON."""
        predicted, actual = self.customers["predicted"], self.customers["actual"]
        if len(predicted) < 2 or predicted.nunique() < 2 or actual.nunique() < 2:
            return None
        return float(np.corrcoef(predicted, actual)[0, 1])

    def summary(self) -> dict:
        return {
            "model": self.fit.model,
            "params": self.fit.params,
            "calibration_end": self.calibration_end.isoformat(),
            "holdout_end": self.holdout_end.isoformat(),
            "holdout_length": self.holdout_length,
            "time_unit": self.unit,
            "customers": len(self.customers),
            "actual_purchases": self.total_actual,
            "predicted_purchases": self.total_predicted,
            "correlation": self.correlation,
            "by_frequency": self.by_frequency.to_dict(orient="records"),
        }

    def figure(self):
        """Plotly bar chart of mean actual vs predicted holdout purchases per calibration frequency."""
        import plotly.graph_objects as go

        groups = self.by_frequency
        figure = go.Figure(
            [
                go.Bar(name="Actual", x=groups["frequency"], y=groups["actual"]),
                go.Bar(name=f"Predicted ({self.fit.model})", x=groups["frequency"], y=groups["predicted"]),
            ]
        )
        figure.update_layout(
            barmode="group",
            title=(
                f"Holdout validation: purchases after {self.calibration_end} "
                f"({self.holdout_length:g} {self.unit}), by repeat purchases before"
            ),
            xaxis_title="Repeat purchases in the calibration period",
            yaxis_title="Mean purchases per customer in the holdout period",
        )
        return figure

    def write_html(self, path: str | Path) -> Path:
        """The chart as one self-contained HTML file (plotly.js embedded: it opens without a network)."""
        path = Path(path)
        self.figure().write_html(path, include_plotlyjs=True, full_html=True)
        return path


def holdout_validation(
    purchases,
    calibration_end: dt.date,
    holdout_end: dt.date,
    unit: str = "weeks",
    model: str = "bg_nbd",
    max_frequency: int = 7,
) -> HoldoutValidation:
    """Fit `model` on the purchases up to `calibration_end` (inclusive), predict (calibration_end,
    holdout_end] and compare. `purchases` is an Ibis table of customer_id, ordered_at, total."""
    if holdout_end <= calibration_end:
        raise ClvDataError(
            f"the holdout end {holdout_end} is not after the calibration end {calibration_end}: the "
            "validation predicts the purchases between the two",
            code="clv.holdout_not_after",
            params={"holdout_end": str(holdout_end), "calibration_end": str(calibration_end)},
        )
    summary = load_summary(purchases, calibration_end, unit)
    clv = fit_clv(summary, model)  # the checks `clv fit` makes: enough data, convergence
    length = (holdout_end - calibration_end).days / unit_days(unit)
    actual = holdout_expr(purchases, calibration_end, holdout_end).to_pandas()
    customers = pd.DataFrame(
        {
            "customer_id": summary.customer_id,
            "x": summary.x,
            "t_x": summary.t_x,
            "T": summary.T,
            "predicted": expected_purchases(clv, length, summary),
        }
    )
    customers = customers.merge(actual, on="customer_id", how="left")
    customers["actual"] = customers.pop("holdout_purchases").fillna(0).astype(float)
    bucket = np.minimum(customers["x"], max_frequency).astype(int)
    grouped = customers.groupby(bucket).agg(
        customers=("x", "size"), actual=("actual", "mean"), predicted=("predicted", "mean")
    )
    grouped.index = [f"{i}+" if i == max_frequency else str(i) for i in grouped.index]
    by_frequency = grouped.rename_axis("frequency").reset_index()
    return HoldoutValidation(
        clv.purchase_fit, calibration_end, holdout_end, length, unit, customers, by_frequency
    )
