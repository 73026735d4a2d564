"""`segmint clv fit` and `segmint clv validate`, run as the real CLI."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.cli import segmint


@pytest.fixture(scope="module")
def steady_shop(tmp_path_factory):
    """A workspace of 1,000 customers who next to never leave: BG/NBD purchases (r=0.8, alpha=20 weeks)
    with p ~ Beta(0.001, 3), a year of first purchases; both models fit, and neither tells their dropout
    from none (likelihood ratio ~0), as on UCI Online Retail (docs/clv.md)."""
    from segmint import Workspace, import_file

    rng = np.random.default_rng(9)  # seed 7: BG/NBD does not converge (a runs to 0), Pareto/NBD does
    end, rows = dt.datetime(2025, 12, 31), []
    for customer in range(1_000):
        age, rate, leave = rng.uniform(0, 365), rng.gamma(0.8, 1 / 140), rng.beta(0.001, 3.0)  # days
        nu = rng.gamma(4.0, 1 / 750)  # Gamma-Gamma spend
        bought = 0
        while age > 0 and not (bought > 1 and rng.random() < leave):
            rows.append((f"C{customer:04d}", end - dt.timedelta(days=age), round(rng.gamma(6.0, 1 / nu), 2)))
            age, bought = age - rng.exponential(1 / rate), bought + 1
    folder = tmp_path_factory.mktemp("steady")
    customers, ordered_at, totals = zip(*rows, strict=True)
    orders = {"order_id": [f"O{i:06d}" for i in range(len(rows))], "customer_id": customers}
    pq.write_table(pa.table({**orders, "ordered_at": ordered_at, "total": totals}), folder / "orders.parquet")
    with Workspace.init(folder / "ws") as ws:
        import_file(ws, "orders", folder / "orders.parquet", refresh=False, create_missing_customers=True)
    return folder / "ws"


def test_fit_json_is_one_document_with_parameters_and_sizes(demo_shop):
    path, truth = demo_shop
    done = segmint("clv", "fit", "-w", str(path), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)  # exactly one JSON document: json.loads refuses trailing data
    assert document["time_unit"] == "weeks"
    assert document["purchases"]["model"] == "bg_nbd" and document["purchases"]["converged"]
    assert set(document["purchases"]["params"]) == {"r", "alpha", "a", "b"}
    assert set(document["spend"]["params"]) == {"p", "q", "gamma"}
    assert document["purchases"]["log_likelihood"] < 0
    data = document["data"]
    assert data["customers"] > data["repeat_buyers"] > 0
    assert data["purchases"] > data["customers"]
    assert document["purchases"]["params"]["r"] == pytest.approx(truth["bg_nbd"]["r"], rel=0.1)


def test_fit_prints_tables_on_stderr(demo_shop):
    path, _ = demo_shop
    done = segmint("clv", "fit", "-w", str(path), "--model", "pareto_nbd", "--unit", "days")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "pareto_nbd: log-likelihood" in done.stderr and "time unit days" in done.stderr
    for name in ("r", "alpha", "s", "beta", "gamma"):
        assert f" {name} " in done.stderr
    said = " ".join(done.stderr.split())  # Rich wraps long lines
    assert "This fit is to look at and is not stored: segmint refresh fits and keeps its own" in said
    assert "Dropout is not identified" not in said  # the demo's customers do leave


def test_fit_says_when_dropout_is_not_identified_and_that_it_stores_nothing(steady_shop):
    """The --json document said dropout_identified: false (since 2b5b143), the tables did not: a user
    read the parameters with nothing to say that churn (p_alive) is no estimate on these purchases. Nor
    did anything say that the fit is not the one the refresh uses (docs/clv.md: it is not stored)."""
    import duckdb

    done = segmint("clv", "fit", "-w", steady_shop, "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["dropout_identified"] is False and document["stored"] is False
    said = {
        "en": "Dropout is not identified: the purchases do not tell customers leaving from staying "
        "(likelihood ratio against no one leaving 0.00, below 3.84)",
        "uk": "Відтік не визначено: покупки не відрізняють клієнтів, які пішли, від тих, що лишаються "
        "(відношення правдоподібності проти «ніхто не йде» 0,00, менше за 3,84)",
        "ru": "Отток не определён: покупки не отличают ушедших клиентов от оставшихся",
    }
    for lang, line in said.items():
        done = segmint("clv", "fit", "-w", steady_shop, "--model", "pareto_nbd", language=lang)
        assert done.returncode == 0, done.stderr
        assert line in " ".join(done.stderr.split()), lang
    with duckdb.connect(str(steady_shop / "segmint.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM clv_fits").fetchone() == (0,)


def test_validate_writes_the_chart(demo_shop, tmp_path):
    path, _ = demo_shop
    chart = tmp_path / "holdout.html"
    done = segmint(
        "clv", "validate", "-w", str(path), "--calibration-end", "2024-12-31", "-o", str(chart), "--json"
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["chart"] == str(chart) and chart.stat().st_size > 1_000_000
    assert document["predicted_purchases"] == pytest.approx(document["actual_purchases"], rel=0.05)


def test_too_little_data_is_a_clear_error(tmp_path):
    assert segmint("init", str(tmp_path / "empty")).returncode == 0
    done = segmint("clv", "fit", "-w", str(tmp_path / "empty"), "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["error"]["code"] == "clv.too_little_data"
    message = " ".join(done.stderr.split())  # Rich wraps long lines
    assert "Error: too little data for the CLV models" in message
    assert "0 customers with a purchase, 0 of them with a repeat purchase" in message


def test_fit_and_validate_speak_the_workspaces_language(demo_shop, tmp_path):
    """A Ukrainian or Russian workspace read clv fit's and clv validate's tables and lines in English."""
    import re

    path, _ = demo_shop
    done = segmint("clv", "fit", "-w", path, language="uk", wide=True)
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stderr.split())  # Rich wraps long lines; a group separator is a space too
    assert re.search(r"Моделі CLV на \S+, одиниця часу — тижні: клієнтів із покупкою — [\d ]+, ", said)
    assert "bg_nbd: логарифм правдоподібності -" in said and "станд. похибка" in said
    assert re.search(r"Середня вартість покупки: [\d ]+,\d\d \(за повторними покупками\)", said)
    assert "Цю модель лише показано, її не збережено" in said
    chart = tmp_path / "holdout.html"
    validate = ("clv", "validate", "-w", path, "--calibration-end", "2024-12-31", "-o", chart)
    done = segmint(*validate, language="ru", wide=True)
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stderr.split())
    assert re.search(r"bg_nbd: покупки за [\d,]+ нед\. после 2024-12-31", said)
    assert "повторных покупок до того" in said and "по прогнозу (среднее)" in said
    assert re.search(r"Всего: фактически [\d ]+, по прогнозу [\d ]+,\d; корреляция по клиентам 0,\d{3}", said)
    assert f"график записан в {chart}" in said


def test_fit_writes_the_parameters_as_the_workspaces_language_writes_numbers(demo_shop):
    """The parameter tables were written with Python's format (0.2425) in a uk or ru workspace, whose
    other figures, log-likelihood and mean spend included, have a decimal comma (-1 234,56)."""
    import re

    path, _ = demo_shop
    rows = {}
    for language in ("en", None, "ru"):  # None: the workspace's own, Ukrainian
        done = segmint("clv", "fit", "-w", path, language=language, wide=True)
        assert done.returncode == 0, done.stderr
        rows[language] = {
            cells[0]: cells[1:]
            for line in done.stderr.splitlines()
            if len(cells := [c.strip() for c in line.strip("│ ").split("│")]) == 3
        }
        assert {"r", "alpha", "a", "b", "p", "q", "gamma"} <= set(rows[language]), done.stderr
    for name, (estimate, error) in rows["en"].items():
        if name in ("r", "alpha", "a", "b", "p", "q", "gamma"):
            for language in (None, "ru"):
                local = rows[language][name]
                assert local == [estimate.replace(".", ","), error.replace(".", ",")] or (
                    float(estimate) >= 1000 and re.fullmatch(r"\d[\d\u00a0\u202f ]*\d", local[0])
                ), (name, language, local, estimate)
    assert any("," in estimate for estimate, _ in rows[None].values())
