"""Acceptance: every built-in family on the real UCI files, imported through the real `segmint import`,
equals an independent pandas computation made from the raw parquet by docs/families.md alone
(tests/families/independent.py), customer by customer: the default settings, the settings users change
(bins, the score-to-group map, the reference date, the windows, in segmint.toml), `refresh --as-of` against
the data cut at that date, Online Retail II, a product catalogue for preferences, and the incremental
refresh after a small import. (tests/families/test_uci_rfm.py checks RFM alone, through the Python API.)
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import duckdb
import pandas as pd
import pytest
from tests.cli import ok

from segmint import Workspace
from segmint.config import CONFIG_FILE, FamilySettings, dump_settings, load_settings
from segmint.families import compute_features
from segmint.history import membership_on
from segmint.rules import CompileContext

from . import independent
from .independent import Settings

FILE = "online_retail/online_retail.parquet"
FILE_II = "online_retail_ii/online_retail_ii_2009_2010.parquet"
GROUP_OF = {"rfm": "group", "rfm_simple": "simple", "lifecycle": "stage", "temperature": "temp"}
MAP = [  # a map a user writes: two named groups and a catch-all
    {"name": "Best", "r": [4, 5], "fm": [4, 5]},
    {"name": "Sleeping big", "r": [1, 2], "fm": [5, 5]},
    {"name": "Everyone else", "r": [1, 5], "fm": [1, 5]},
]


def imported(folder, *files, settings: dict | None = None, reference_date=None) -> list[dict]:
    """`segmint init` FOLDER, segmint.toml changed as given, then `segmint import orders FILE --preset
    online-retail --json` of each file in turn (each refreshes): the import summaries."""
    ok("init", folder)
    if settings is not None or reference_date is not None:
        configure(folder, settings or {}, reference_date)
    return [
        json.loads(ok("-w", folder, "import", "orders", file, "--preset", "online-retail", "--json").stdout)
        for file in files
    ]


def configure(folder, families: dict, reference_date: dt.date | None = None) -> None:
    """segmint.toml of FOLDER with these [families] settings (the rest at their defaults) and reference
    date, as a user would edit it."""
    path = folder / CONFIG_FILE
    update = {"families": FamilySettings.model_validate(families)}
    update |= {"reference_date": reference_date} if reference_date else {}
    path.write_text(dump_settings(load_settings(path).model_copy(update=update)), encoding="utf-8")


def features_of(folder) -> pd.DataFrame:
    with Workspace.open(folder) as ws:
        return ws.raw.sql("SELECT * FROM features").df()


def cut(source, out, where: str):
    """The rows of `source` WHERE ..., as the parquet file `out` (the same file, fewer rows)."""
    duckdb.sql(f"COPY (SELECT * FROM '{source}' WHERE {where}) TO '{out}' (FORMAT parquet)")
    return out


@pytest.fixture(scope="module")
def raw(shared_data) -> pd.DataFrame:
    return independent.lines(shared_data / FILE)


@pytest.fixture(scope="module")
def uci(tmp_path_factory, shared_data):
    """A workspace folder with the UCI file imported by the CLI (and so refreshed, as of 2011-12-09)."""
    folder = tmp_path_factory.mktemp("uci") / "ws"
    imported(folder, shared_data / FILE)
    return folder


def test_every_family_on_uci_as_the_cli_imports_it_equals_pandas(uci, raw):
    features = features_of(uci)
    expected = independent.families(raw)
    assert len(features) == 4_372 and (expected.frequency == 0).sum() == 33
    assert independent.differences(features, expected) == {}
    # no events, no categories, no discounts in the file
    assert (features.activity == "passive").all() and (features.favourite_category == "none").all()
    assert features.favourite_category_share.isna().all() and not features.buys_on_discount.any()
    # the edges of the file, as docs/families.md ("On the UCI Online Retail data") describes them
    rows = features.set_index("customer_id")
    assert rows.loc["12346", ["frequency", "rfm_m", "rfm_group"]].tolist() == [1, 5, "At Risk"]
    assert rows.loc["16446", ["rfm_group", "rfm_simple_group"]].tolist() == ["Champions", "VIP"]
    assert rows.loc["13256", ["frequency", "monetary", "lifecycle_stage"]].tolist() == [1, 0, "new"]


@pytest.mark.parametrize(
    ("families", "settings"),
    [
        ({"rfm": {"bins": 3}}, Settings(bins=3)),
        ({"rfm": {"bins": 4}}, Settings(bins=4)),
        (
            {"rfm": {"bins": 4, "groups": MAP}, "rfm_simple": {"vip_m_score": 3}},
            Settings(bins=4, groups=MAP, vip_m_score=3),
        ),
        (
            {
                "lifecycle": {"new_days": 30, "active_days": 60, "lapsed_days": 200},
                "rfm_simple": {"lost_days": 300, "inactive_days": 120, "new_days": 30},
                "temperature": {"window_days": 14, "warm_days": 60},
            },
            Settings(new_days=30, active_days=60, lapsed_days=200, lost_days=300, inactive_days=120,
                     simple_new_days=30, hot_days=14, warm_days=60),
        ),
    ],
    ids=["terciles", "quartiles", "own-map", "windows"],
)
def test_the_settings_users_change_give_what_pandas_gives(uci, raw, families, settings):
    with Workspace.open(uci) as ws:
        ctx = CompileContext.from_workspace(ws)
        features = compute_features(ctx, FamilySettings.model_validate(families)).to_pandas()
    assert independent.differences(features, independent.families(raw, settings=settings)) == {}


def test_segmint_toml_with_its_map_bins_and_reference_date_is_what_refresh_uses(tmp_path, shared_data, raw):
    """segmint.toml written as a user would (a 4-bin map of their own, a VIP threshold, other lifecycle
    windows and a fixed reference date before the data ends): `segmint import` refreshes by it."""
    families = {
        "rfm": {"bins": 4, "groups": MAP},
        "rfm_simple": {"vip_m_score": 3},
        "lifecycle": {"new_days": 60, "active_days": 120, "lapsed_days": 300},
    }
    folder = tmp_path / "ws"
    (summary,) = imported(folder, shared_data / FILE, settings=families, reference_date=dt.date(2011, 9, 30))
    assert summary["refresh"]["as_of"] == "2011-09-30"
    expected = independent.families(
        raw, "2011-09-30",
        Settings(bins=4, groups=MAP, vip_m_score=3, new_days=60, active_days=120, lapsed_days=300),
    )  # fmt: skip
    features = features_of(folder)
    assert len(features) == 3_658  # customers whose first invoice is on or before 2011-09-30
    assert independent.differences(features, expected) == {}
    assert set(features.rfm_group) == {"Best", "Sleeping big", "Everyone else", "No Purchases"}


@pytest.mark.parametrize("day", ["2011-06-30", "2010-12-31"])
def test_refresh_as_of_a_past_date_is_the_data_cut_at_that_date(uci, raw, tmp_path, shared_data, day):
    """`segmint refresh --as-of DAY` on the whole file records, for every family, the groups pandas
    computes from the rows up to DAY; and the file cut at DAY, imported on its own, has them as features."""
    ok("-w", uci, "refresh", "--as-of", day)
    expected = independent.families(raw, day)
    with Workspace.open(uci) as ws:
        for family, column in GROUP_OF.items():
            groups = membership_on(ws, family, dt.date.fromisoformat(day)).to_pandas()
            groups = groups.set_index("customer_id").group_name
            assert sorted(groups.index) == sorted(expected.index), family
            assert (groups.reindex(expected.index) == expected[column]).all(), family
        assert set(membership_on(ws, "activity", dt.date.fromisoformat(day)).to_pandas().group_name) == {
            "passive"
        }
    end = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    rows = cut(shared_data / FILE, tmp_path / "cut.parquet", f"InvoiceDate < TIMESTAMP '{end}'")
    alone = tmp_path / "cut"
    # its reference date is DAY: by default it would be the cut file's last invoice (2010-12-23 for
    # 2010-12-31, the shop closed for Christmas)
    imported(alone, rows, reference_date=dt.date.fromisoformat(day))
    assert independent.differences(features_of(alone), expected) == {}


def test_online_retail_ii_equals_pandas(tmp_path, shared_data):
    """The other sheet: a C invoice with a positive quantity, A invoices with negative prices, 2 invoices
    of known customers worth £0 (docs/families.md, "On the UCI Online Retail data")."""
    folder = tmp_path / "ws"
    imported(folder, shared_data / FILE_II)
    features = features_of(folder)
    expected = independent.families(independent.lines(shared_data / FILE_II))
    assert len(features) == 4_383 and (expected.frequency == 0).sum() == 69
    assert independent.differences(features, expected) == {}


def test_favourite_categories_from_a_real_catalogue_equal_pandas(uci, raw, tmp_path):
    """A catalogue made from the file's own descriptions (most products without a category), imported
    with `segmint import products`: the favourite and its share of every customer are pandas', also with
    [families.preferences] window_days = 90 in segmint.toml."""
    folder = tmp_path / "ws"
    shutil.copytree(uci, folder)
    products = independent.catalogue(raw)
    products.to_csv(tmp_path / "products.csv", index=False)
    ok("-w", folder, "import", "products", tmp_path / "products.csv")
    for window in (None, 90):
        if window:
            configure(folder, {"preferences": {"window_days": window}})
            ok("-w", folder, "refresh")
        features = features_of(folder).set_index("customer_id")
        expected = independent.favourites(raw, products, window)
        favourite = expected.favourite.reindex(features.index).fillna("none")
        assert (features.favourite_category == favourite).all(), window
        share = expected.share.reindex(features.index)
        close = (features.favourite_category_share - share).abs() < 1e-9
        assert (close | (features.favourite_category_share.isna() & share.isna())).all(), window
        assert (favourite != "none").sum() == {None: 4_045, 90: 2_717}[window]


def test_the_incremental_refresh_after_a_small_import_equals_pandas(tmp_path, shared_data, raw):
    """The last day's invoices of customers already there, imported after the rest with a fixed reference
    date: the refresh is incremental (it rescores everyone's bins) and ends where pandas does."""
    source = shared_data / FILE
    before = "InvoiceDate < TIMESTAMP '2011-12-09' AND CustomerID IS NOT NULL"
    known = f"(SELECT DISTINCT CustomerID FROM '{source}' WHERE {before})"
    later = f"InvoiceDate >= TIMESTAMP '2011-12-09' AND CustomerID IN {known}"
    rest = cut(source, tmp_path / "rest.parquet", f"NOT ({later}) OR CustomerID IS NULL")
    last_day = cut(source, tmp_path / "last_day.parquet", later)
    folder = tmp_path / "ws"
    families = {"rfm": {"bins": 4, "groups": MAP}, "rfm_simple": {"vip_m_score": 3}}
    _, summary = imported(folder, rest, last_day, settings=families, reference_date=dt.date(2011, 12, 9))
    assert summary["refresh"]["incremental"] is True
    expected = independent.families(raw, settings=Settings(bins=4, groups=MAP, vip_m_score=3))
    assert independent.differences(features_of(folder), expected) == {}


def test_two_years_imported_newest_first_equal_pandas_on_the_union(uci, tmp_path, shared_data):
    """Online Retail II's 2009-2010 imported after the 2010-2011 file (older history loaded later, the
    overlapping first days of December 2010 in both): the families as of 2011-12-09 and, by
    `refresh --as-of`, 2010-06-30 are pandas' on the union the data's README gives. Two years of data
    make the simple scheme's Lost (nothing bought for over a year) a group of its own."""
    folder = tmp_path / "ws"
    shutil.copytree(uci, folder)
    ok("-w", folder, "import", "orders", shared_data / FILE_II, "--preset", "online-retail")
    union = pd.concat(
        [
            independent.lines(shared_data / FILE_II),
            independent.lines(shared_data / FILE).query("InvoiceDate > '2010-12-09 20:01:00'"),
        ]
    )
    expected = independent.families(union)
    assert len(expected) == 5_942 and (expected.simple == "Lost").sum() == 1_606
    assert independent.differences(features_of(folder), expected) == {}
    ok("-w", folder, "refresh", "--as-of", "2010-06-30")
    expected = independent.families(union, "2010-06-30")
    with Workspace.open(folder) as ws:
        for family, column in GROUP_OF.items():
            groups = membership_on(ws, family, dt.date(2010, 6, 30)).to_pandas().set_index("customer_id")
            assert (groups.group_name.reindex(expected.index) == expected[column]).all(), family
            assert len(groups) == len(expected) == 3_052, family
