"""What `segmint clv fit` and `clv validate` refuse, and how they say it, on a small demo shop (300
customers, reference date 2026-01-01), run as the real CLI.

Before: validate took a holdout end before the calibration end (negative holdout length and purchases,
exit 0), a calibration end after the workspace's 'now', and fitted on data `clv fit` refuses; its --json
could print `"correlation": NaN`, which is not JSON; `clv fit --as-of 2030-01-01` fitted a model with every
customer's T stretched four years into the future; and every CLV error was English in a uk or ru
workspace.
"""

from __future__ import annotations

import json

import pytest
from tests.cli import ok, segmint


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    path = tmp_path_factory.mktemp("clv-refusals") / "shop"
    ok("demo", path, "--customers", "300")  # a Ukrainian workspace, reference date 2026-01-01
    return path


def _said(done) -> str:
    return " ".join(done.stderr.split())  # Rich wraps long lines


def test_validate_refuses_a_holdout_end_before_the_calibration_end(shop):
    done = segmint(
        "clv", "validate", "-w", shop, "--calibration-end", "2025-06-01", "--holdout-end", "2025-01-01",
        "--json",
    )  # fmt: skip
    assert done.returncode == 1 and json.loads(done.stdout)["error"]["code"] == "clv.holdout_not_after"
    assert "the holdout end 2025-01-01 is not after the calibration end 2025-06-01" in _said(done)
    assert "RuntimeWarning" not in done.stderr


@pytest.mark.parametrize(
    "dates",
    [("--calibration-end", "2026-06-01"), ("--calibration-end", "2025-06-01", "--holdout-end", "2026-03-01")],
)
def test_validate_refuses_a_date_after_the_reference_date(shop, dates):
    done = segmint("clv", "validate", "-w", shop, *dates, wide=True)
    option, date = dates[-2:]
    assert done.returncode == 1
    assert (
        f"{option} {date} is after the reference date 2026-01-01, the workspace's 'now' (reference_date "
        "in segmint.toml: 2026-01-01): the purchases after it are not observed" in _said(done)
    )


def test_validate_refuses_the_data_clv_fit_refuses(shop):
    fit = segmint("clv", "fit", "-w", shop, "--as-of", "2023-06-01")
    validate = segmint("clv", "validate", "-w", shop, "--calibration-end", "2023-06-01")
    assert fit.returncode == validate.returncode == 1 and validate.stdout == ""
    for done in (fit, validate):
        assert "too little data for the CLV models as of 2023-06-01" in _said(done)


def test_an_undefined_correlation_is_null_in_json(shop):
    """Nobody bought on 2025-12-30 or 31: every actual holdout count is 0 and the correlation has no value."""
    done = segmint(
        "clv", "validate", "-w", shop, "--calibration-end", "2025-12-29", "--holdout-end", "2025-12-31",
        "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    assert document["actual_purchases"] == 0 and document["correlation"] is None
    assert document["predicted_purchases"] > 0 and document["holdout_length"] > 0
    tables = segmint(
        "clv", "validate", "-w", shop, "--calibration-end", "2025-12-29", "--holdout-end", "2025-12-31"
    )
    assert tables.returncode == 0 and "correlation per customer –" in _said(tables)


def test_fit_refuses_a_date_after_the_reference_date(shop):
    done = segmint("clv", "fit", "-w", shop, "--as-of", "2030-01-01", "--json", wide=True)
    assert done.returncode == 1 and json.loads(done.stdout)["error"]["code"] == "clv.after_reference"
    assert (
        "--as-of 2030-01-01 is after the reference date 2026-01-01, the workspace's 'now' (reference_date "
        "in segmint.toml: 2026-01-01): the purchases after it are not observed" in _said(done)
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (None, "Помилка: замало даних для моделей CLV на 2023-06-01: клієнтів із покупкою — "),
        ("ru", "Ошибка: слишком мало данных для моделей CLV на 2023-06-01: клиентов с покупкой — "),
    ],
)
def test_clv_errors_are_in_the_workspaces_language(shop, language, said):
    done = segmint("clv", "fit", "-w", shop, "--as-of", "2023-06-01", language=language, wide=True)
    assert done.returncode == 1 and said in _said(done)
    assert "too little data" not in done.stderr


def test_a_date_after_the_reference_date_is_refused_in_the_workspaces_language(shop):
    done = segmint("clv", "validate", "-w", shop, "--calibration-end", "2026-06-01", language=None, wide=True)
    assert done.returncode == 1
    assert (
        "Помилка: --calibration-end 2026-06-01 пізніше за дату відліку 2026-01-01, «сьогодні» робочого "
        "простору (reference_date у segmint.toml: 2026-01-01): покупок після неї не видно" in _said(done)
    )


def test_a_date_before_the_data_is_refused_as_the_refresh_refuses_it(shop):
    """`clv fit --as-of 2020-01-01` (the demo's data starts on 2023-01-05) said "too little data ... 0
    customers with a purchase ... import a longer order history", as if the history were short; now it
    says the date is before the data starts, naming where it starts, as `refresh --as-of` does."""
    fit = segmint("clv", "fit", "-w", shop, "--as-of", "2020-01-01", "--json", wide=True)
    assert fit.returncode == 1 and json.loads(fit.stdout)["error"]["code"] == "clv.before_data"
    assert (
        "--as-of 2020-01-01 is before the data starts (2023-01-05: the first sign-up, order or event): no "
        "purchase is observed by then" in _said(fit)
    )
    validate = segmint(
        "clv", "validate", "-w", shop, "--calibration-end", "2020-01-01", language=None, wide=True
    )
    assert validate.returncode == 1
    assert (
        "Помилка: --calibration-end 2020-01-01 раніше за початок даних (2023-01-05: перша реєстрація, "
        "замовлення чи подія): на цю дату ще не видно жодної покупки" in _said(validate)
    )
