"""Every ClvDataError the CLV models raise carries a stable code and params (clv.*), as campaign and segment
errors do, so an interface can word it in its own language without reading the English; docs/clv.md lists
the codes. One real refusal per code (real fits on simulated summaries); a scan of the source fails when a
raise site has no code, or a code is raised nowhere or not documented. Every code is worded in Ukrainian and
Russian (web/clv_errors.py): `segmint clv fit` in a uk or ru workspace said them in English."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest
from tests.coded import assert_worded_in_uk_and_ru, calls, given_codes, placeholders
from tests.models.test_predict import summary_of

from segmint.models.clv.bgnbd import BgNbd, fit_bgnbd
from segmint.models.clv.fitting import ClvDataError, check_inputs
from segmint.models.clv.gammagamma import GammaGamma, fit_gamma_gamma
from segmint.models.clv.holdout import holdout_validation
from segmint.models.clv.paretonbd import fit_pareto_nbd
from segmint.models.clv.predict import fit_clv, historical_average, predict
from segmint.models.clv.simulate import simulate_summary

DOCS = Path(__file__).parents[2] / "docs" / "clv.md"
CODE = re.compile(r"`(clv\.[a-z_]+)`")


def _one(*values: float) -> tuple[np.ndarray, ...]:
    return tuple(np.array([value], dtype=float) for value in values)


def _all_gone_after_a_week():
    """Every customer bought 30 times in the first week and never again: r, alpha, a and b run off together
    and L-BFGS-B's line search ends 'ABNORMAL' far from a small gradient (SciPy 1.17.1). The sample before,
    everyone buying 30 times up to today, runs a to 0 (to its bound exp(-25) with 1.17.1): that is the
    no-dropout ridge, a fit now accepted as the steady buyers' is (tests/models/test_steady_buyers.py)."""
    n = 500
    summary = summary_of(n)
    return dataclasses.replace(summary, x=np.full(n, 30.0), t_x=np.full(n, 1.0), T=np.full(n, 50.0))


def _repeats_of_no_value():
    """Enough repeat buyers, but only 10 whose repeat purchases are worth anything."""
    summary = summary_of(2_000)
    value = summary.monetary_value.copy()
    value[np.flatnonzero(summary.x > 0)[10:]] = 0.0
    return dataclasses.replace(summary, monetary_value=value)


def _spend_without_a_mean():
    """Spend per purchase drawn with Gamma-Gamma q = 0.6: the mean value per purchase is infinite."""
    summary = summary_of(2_000)
    sim = simulate_summary(2_000, BgNbd(0.8, 20.0, 0.6, 3.0), GammaGamma(6.0, 0.6, 750.0), 104.0, seed=3)
    return dataclasses.replace(summary, monetary_value=sim.m)


def _predicted_at_extremes():
    """A fit whose parameters ran off to where BG/NBD's closed form gives nan (scipy's hyp2f1 with
    r ~ 1e7) while its customers do leave (a = 0.6), so no-dropout's limit does not apply."""
    summary = summary_of(500)
    clv = fit_clv(summary)
    extreme = BgNbd(8e6, 6.7e7, 0.6, 8.6e5)
    fit = dataclasses.replace(clv.purchase_fit, params=extreme.params)
    return predict(dataclasses.replace(clv, purchases=extreme, purchase_fit=fit), summary)


def _after_the_reference_date():
    """A fit as of 2030 in a workspace whose 'now' is 2026-01-01."""
    import tempfile

    from segmint import Workspace
    from segmint.config import Settings
    from segmint.models.clv.summary import workspace_summary

    folder = Path(tempfile.mkdtemp()) / "ws"
    with Workspace.init(folder, Settings(reference_date="2026-01-01")) as ws:
        workspace_summary(ws, dt.date(2030, 1, 1))


def _before_the_data():
    """A fit as of 2020 in a workspace whose first customer signed up on 2024-01-01."""
    import tempfile

    from segmint import Workspace, import_file
    from segmint.config import Settings
    from segmint.models.clv.summary import workspace_summary

    folder = Path(tempfile.mkdtemp())
    (folder / "clients.csv").write_text("customer_id,signup_date\nK1,2024-01-01\n", encoding="utf-8")
    with Workspace.init(folder / "ws", Settings(reference_date="2026-01-01")) as ws:
        import_file(ws, "customers", folder / "clients.csv", refresh=False)
        workspace_summary(ws, dt.date(2020, 1, 1))


SAMPLES = {
    # the summary a purchase model reads (fitting.check_inputs, bgnbd, paretonbd)
    "clv.lengths": lambda: fit_bgnbd(np.array([1.0, 2.0]), np.array([1.0]), np.array([3.0])),
    "clv.no_customers": lambda: check_inputs(np.array([]), np.array([]), np.array([])),
    "clv.negative": lambda: fit_bgnbd(*_one(1.0, 2.0, -3.0)),
    "clv.recency_after_end": lambda: fit_pareto_nbd(*_one(1.0, 5.0, 2.0)),
    "clv.recency_without_repeats": lambda: fit_bgnbd(
        np.array([1.0, 0.0]), np.array([1.0, 1.0]), np.full(2, 2.0)
    ),
    "clv.no_repeat_buyers": lambda: fit_pareto_nbd(*_one(0.0, 0.0, 2.0)),
    # the spend model (gammagamma)
    "clv.spend_lengths": lambda: fit_gamma_gamma(np.array([1.0, 2.0]), np.array([5.0])),
    "clv.spend_no_customers": lambda: fit_gamma_gamma(np.array([]), np.array([])),
    "clv.spend_not_positive": lambda: fit_gamma_gamma(*_one(1.0, 0.0)),
    # fitting both and predicting (predict)
    "clv.unknown_model": lambda: fit_clv(summary_of(200), model="weibull"),
    "clv.too_little_data": lambda: fit_clv(summary_of(80, seed=5, T_max=20.0)),
    "clv.not_converged": lambda: fit_clv(_all_gone_after_a_week()),
    "clv.spend_basis": lambda: fit_clv(summary_of(2_000), spend_basis="median"),
    "clv.spend_too_few": lambda: fit_clv(_repeats_of_no_value()),
    "clv.spend_infinite": lambda: fit_clv(_spend_without_a_mean()),
    "clv.not_finite": _predicted_at_extremes,
    "clv.after_reference": _after_the_reference_date,
    "clv.before_data": _before_the_data,
    "clv.holdout_not_after": lambda: holdout_validation(None, dt.date(2025, 6, 1), dt.date(2025, 1, 1)),
    "clv.horizon": lambda: historical_average(summary_of(200), horizon_months=0),
    "clv.discount": lambda: historical_average(summary_of(200), monthly_discount=-0.01),
}


def _items(value) -> list:
    return list(value) if isinstance(value, list | tuple) else [value]


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_code_is_raised_with_the_params_its_message_quotes(code):
    with pytest.raises(ClvDataError) as caught:
        SAMPLES[code]()
    error = caught.value
    assert (error.code, str(error)) == (code, error.message)
    for key, value in error.params.items():
        for item in _items(value):
            assert str(item) in error.message, (key, item, error.message)


def test_every_raise_site_gives_a_documented_code():
    sites = calls(("ClvDataError",))
    assert len(sites) >= 17  # the scan finds the raise sites
    assert [
        (path, line) for path, line, _, call in sites if "code" not in {k.arg for k in call.keywords}
    ] == []
    codes, unread = given_codes(sites)
    assert unread == []
    assert sorted(codes) == sorted(SAMPLES)  # each code is raised above, and every one a site gives
    assert sorted(set(CODE.findall(DOCS.read_text(encoding="utf-8")))) == sorted(SAMPLES)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_code_is_worded_in_ukrainian_and_russian(code):
    with pytest.raises(ClvDataError) as caught:
        SAMPLES[code]()
    assert_worded_in_uk_and_ru(caught.value)


def test_the_wordings_know_every_code_and_its_params():
    from segmint.web.clv_errors import RU, UK

    assert sorted(UK) == sorted(RU) == sorted(SAMPLES)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
