"""A text field or a function filter the data has no value of at all (UCI Online Retail: no cities, no
categories) is named under the builder's rule: `city = "Київ"` and `bought(category = "…")` counted 0 with
no word, as there were no values to find the nearest among."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import log_in
from tests.web.test_value_hints import warnings_of

from segmint import Workspace, import_file
from segmint.api import create_app
from segmint.api.tokens import create_token


@pytest.fixture(scope="module")
def retail(tmp_path_factory, shared_data):
    path = tmp_path_factory.mktemp("retail") / "ws"
    with Workspace.init(path) as ws:
        import_file(ws, "orders", shared_data / "online_retail/online_retail.parquet", preset="online-retail")
        token = create_token(ws, "viewer", "web viewer")[1]
        (cities,) = ws.raw.execute("SELECT count(city) FROM customers").fetchone()
        (categories,) = ws.raw.execute("SELECT count(category) FROM order_items").fetchone()
    assert cities == categories == 0  # what the warnings below say, in SQL
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        log_in(client, token)
        yield client


@pytest.mark.parametrize(
    ("rule", "lang", "said"),
    [
        ('city = "Київ"', "uk", "У даних немає жодного значення city: ця умова не відбирає нікого."),
        (
            'bought(category = "fashion") >= 1',
            "ru",
            "В данных нет ни одного значения bought(category = …): это условие не отберёт никого.",
        ),
        ('city in ("Kyiv", "Lviv")', "en", "The data has no city at all: this condition selects nobody."),
    ],
)
def test_a_field_without_any_value_in_the_data_is_named(retail, rule, lang, said):
    assert warnings_of(retail, rule, lang) == [said]


@pytest.mark.parametrize(
    "rule",
    [
        'bought(product = "WHITE HANGING HEART T-LIGHT HOLDER") >= 1',  # too many products to list: unsaid
        'country = "GB"',  # the rules map a country
        'city != "Київ"',  # selects everyone
    ],
)
def test_fields_with_values_or_not_compared_for_equality_are_not_warned_about(retail, rule):
    assert warnings_of(retail, rule, "uk") == []
