"""Customer lifetime value and churn from the buy-till-you-die models.

BG/NBD (Fader, Hardie & Lee 2005) and Pareto/NBD (Schmittlein, Morrison & Colombo 1987) for repeat
purchases and the probability a customer is still alive; Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and
CLV") for spend per purchase. Fitted by maximum likelihood with analytic gradients.

`predict_customers(ws)` is the one call the refresh needs: a table of customer_id, expected_purchases_12m,
p_alive, churn_risk (1 - p_alive), churn_bucket (low/medium/high), expected_spend, clv_12m, clv_method.
"""

from segmint.models.clv.bgnbd import BgNbd, fit_bgnbd
from segmint.models.clv.fitting import ClvDataError, FitResult
from segmint.models.clv.gammagamma import GammaGamma, fit_gamma_gamma
from segmint.models.clv.holdout import HoldoutValidation, holdout_validation
from segmint.models.clv.paretonbd import ParetoNbd, fit_pareto_nbd
from segmint.models.clv.predict import ClvModel, fit_and_predict, fit_clv, predict, predict_customers
from segmint.models.clv.summary import Summary, load_summary, summary_expr, workspace_summary

__all__ = [
    "BgNbd",
    "ClvDataError",
    "ClvModel",
    "FitResult",
    "GammaGamma",
    "HoldoutValidation",
    "ParetoNbd",
    "Summary",
    "fit_and_predict",
    "fit_bgnbd",
    "fit_clv",
    "fit_gamma_gamma",
    "fit_pareto_nbd",
    "holdout_validation",
    "load_summary",
    "predict",
    "predict_customers",
    "summary_expr",
    "workspace_summary",
]
