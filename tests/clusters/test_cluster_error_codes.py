"""`segmint clusters fit` on customers who do not differ in anything the clustering reads (a customers file
alone: no orders, no events) says so, in the workspace's language, instead of a scikit-learn traceback
("ValueError: Found array with 0 feature(s)"); and every ClusterError carries a code and params worded in
uk and ru (web/cluster_errors.py), as the KPI errors are. Before, ClusterError had no code: a uk workspace
printed them in English, and the web page's fit showed the English too."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from tests.cli import segmint
from tests.coded import assert_worded_in_uk_and_ru, calls, placeholders
from tests.web.conftest import ORIGIN, log_in

from segmint import Workspace
from segmint.api import create_app
from segmint.api.tokens import create_token
from segmint.models.clusters import ClusterError, fit_clusters

CUSTOMERS = 110  # enough for the default k range (up to 8 clusters of at least 10), not for 12


@pytest.fixture
def customers_only(tmp_path):
    """A uk workspace (as every new one) holding a customers file and nothing else."""
    path = tmp_path / "crm"
    assert segmint("init", str(path)).returncode == 0
    file = tmp_path / "clients.csv"
    rows = [{"customer_id": f"K{i:03d}", "email": f"k{i}@example.com"} for i in range(CUSTOMERS)]
    pd.DataFrame(rows).to_csv(file, index=False)
    assert segmint("-w", str(path), "import", "customers", str(file)).returncode == 0
    return path


def test_customers_who_do_not_differ_are_said_so_not_a_traceback(customers_only):
    result = segmint("-w", str(customers_only), "clusters", "fit", language=None, wide=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "ValueError" not in result.stderr
    assert f"клієнти ({CUSTOMERS}) нічим не відрізняються" in result.stderr
    english = segmint("-w", str(customers_only), "clusters", "fit", wide=True)
    assert f"the {CUSTOMERS} customers do not differ in anything the clustering reads" in english.stderr
    # --demographics adds age alone (docs/clusters.md): the message promised gender too
    assert "with --demographics age)" in english.stderr and "gender" not in english.stderr
    assert "з --demographics — вік)" in result.stderr and "стать" not in result.stderr
    russian = segmint("-w", str(customers_only), "clusters", "fit", language="ru", wide=True)
    assert "с --demographics — возраст)" in russian.stderr and " пол" not in russian.stderr
    with Workspace.open(customers_only, read_only=True) as ws:
        assert ws.raw.execute("SELECT count(*) FROM cluster_runs").fetchone()[0] == 0  # nothing stored


def test_the_web_pages_fit_words_the_refusal_in_the_pages_language(customers_only):
    with Workspace.open(customers_only) as ws:
        token = create_token(ws, "editor", "editor")[1]
    with TestClient(create_app(customers_only), raise_server_exceptions=False) as client:
        log_in(client, token)
        client.cookies.set("segmint_lang", "ru")
        page = client.get("/ui/clusters").text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)[1]
        answer = client.post("/ui/clusters/fit", data={"csrf": csrf}, headers=ORIGIN, follow_redirects=False)
    assert answer.status_code == 400
    assert f"клиенты ({CUSTOMERS}) ничем не отличаются" in answer.text


SAMPLES = {
    "cluster.method": lambda ws: fit_clusters(ws, method="dbscan", save=False),
    "cluster.k_range": lambda ws: fit_clusters(ws, k_min=1, save=False),
    "cluster.too_few": lambda ws: fit_clusters(ws, k_min=2, k_max=12, save=False),
    "cluster.no_variation": lambda ws: fit_clusters(ws, k_min=2, k_max=2, save=False),
    "cluster.after_reference": lambda ws: fit_clusters(ws, as_of=dt.date(2999, 1, 1), save=False),
}


def test_a_date_after_the_reference_date_is_refused_as_the_refresh_refuses_it(customers_only):
    """`clusters fit --as-of 2030-01-01` (and the API's as_of) measured recency and tenure years into the
    future and stored that as the current clustering; the refresh refuses such a date."""
    done = segmint("-w", customers_only, "clusters", "fit", "--as-of", "2999-01-01", language=None, wide=True)
    assert done.returncode == 1
    assert "--as-of 2999-01-01 пізніше за дату відліку " in done.stderr
    english = segmint("-w", customers_only, "clusters", "fit", "--as-of", "2999-01-01", wide=True)
    assert "--as-of 2999-01-01 is after the reference date " in english.stderr
    with Workspace.open(customers_only) as ws:
        token = create_token(ws, "editor", "editor")[1]
    with TestClient(create_app(customers_only), raise_server_exceptions=False) as client:
        answer = client.post(
            "/clusters/fit", json={"as_of": "2999-01-01"}, headers={"Authorization": f"Bearer {token}"}
        )
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["details"]["code"] == "cluster.after_reference", error
    assert error["details"]["params"]["name"] == "as_of"
    with Workspace.open(customers_only, read_only=True) as ws:
        assert ws.raw.execute("SELECT count(*) FROM cluster_runs").fetchone()[0] == 0  # nothing stored


def test_a_date_before_the_data_is_refused_as_the_refresh_refuses_it(tmp_path):
    """`clusters fit --as-of 2020-01-01` in a workspace whose customers signed up from 2024 said "the
    workspace has no customers to cluster; import customers and orders first" (cluster.no_customers),
    though it has them; now it names the date and where the data starts, as `refresh --as-of` does."""
    path, file = tmp_path / "crm", tmp_path / "clients.csv"
    assert segmint("init", str(path)).returncode == 0
    rows = [
        {"customer_id": f"K{i:03d}", "signup_date": f"2024-0{1 + i % 9}-1{i % 10}"} for i in range(CUSTOMERS)
    ]
    pd.DataFrame(rows).to_csv(file, index=False)
    assert segmint("-w", str(path), "import", "customers", str(file)).returncode == 0
    done = segmint("-w", path, "clusters", "fit", "--as-of", "2020-01-01", language=None, wide=True)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Помилка: --as-of 2020-01-01 раніше за початок даних (2024-01-10: перша реєстрація, замовлення чи "
        "подія): на цю дату ще не було клієнтів, яких можна кластеризувати"
    )
    english = segmint("-w", path, "clusters", "fit", "--as-of", "2020-01-01", wide=True)
    assert english.stderr.strip() == (
        "Error: --as-of 2020-01-01 is before the data starts (2024-01-10: the first sign-up, order or "
        "event): no customer existed yet to cluster"
    )
    with Workspace.open(path) as ws, pytest.raises(ClusterError) as caught:
        fit_clusters(ws, as_of=dt.date(2020, 1, 1), save=False)
    assert caught.value.code == "cluster.before_data"
    assert caught.value.params == {"name": "as_of", "date": "2020-01-01", "first": "2024-01-10"}
    assert_worded_in_uk_and_ru(caught.value)
    with Workspace.open(path) as ws:
        token = create_token(ws, "editor", "editor")[1]
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        answer = client.post(
            "/clusters/fit", json={"as_of": "2020-01-01"}, headers={"Authorization": f"Bearer {token}"}
        )
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["details"]["code"] == "cluster.before_data"
    with Workspace.open(path, read_only=True) as ws:
        assert ws.raw.execute("SELECT count(*) FROM cluster_runs").fetchone()[0] == 0  # nothing stored


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_code_is_raised_and_worded_in_ukrainian_and_russian(code, customers_only):
    with Workspace.open(customers_only) as ws, pytest.raises(ClusterError) as caught:
        SAMPLES[code](ws)
    assert caught.value.code == code
    assert_worded_in_uk_and_ru(caught.value)


def test_every_code_has_both_wordings_and_every_raise_gives_one():
    from segmint.web.cluster_errors import RU, UK

    assert sorted(UK) == sorted(RU)
    assert set(SAMPLES) <= set(UK)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
    sites = calls(("ClusterError",))
    assert len(sites) >= len(UK)
    codes = set()
    for path, line, _, call in sites:
        given = [keyword.value.value for keyword in call.keywords if keyword.arg == "code"]
        assert given, f"{path}:{line}"
        codes.update(given)
    assert codes == set(UK)


def test_the_cli_takes_the_api_s_k_range(customers_only):
    """`clusters fit --k-max 13` ran (and reported k-scores up to 13) where the API refuses k_max 13
    (docs/api.md: 2..12): the library refuses it for both, as cluster.k_range."""
    done = segmint("-w", customers_only, "clusters", "fit", "--k-max", "13", "--no-refresh", wide=True)
    assert done.returncode == 1 and "2 <= k-min <= k-max <= 12, not 3..13" in done.stderr, done.stderr
