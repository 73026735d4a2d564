"""Customer lifetime value and churn from the buy-till-you-die models.

BG/NBD (Fader, Hardie & Lee 2005) and Pareto/NBD (Schmittlein, Morrison & Colombo 1987) for repeat
purchases and the probability a customer is still alive; Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and
CLV") for spend per purchase. Fitted by maximum likelihood with analytic gradients.
"""

from segmint.models.clv.bgnbd import BgNbd, fit_bgnbd
from segmint.models.clv.fitting import ClvDataError, FitResult

__all__ = ["BgNbd", "ClvDataError", "FitResult", "fit_bgnbd"]
