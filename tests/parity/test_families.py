"""The built-in families give the same features table on DuckDB and on Spark, every column row for row,
on the rule tests' shop (two dates) and on a slice of the real UCI Online Retail data; and the rule
language's family fields, reading features computed on each engine, select the same customers. Each
family setting other than the defaults (cases.SETTINGS: RFM bins and maps, the simple RFM, lifecycle,
activity by window and by the last campaigns, preferences in a window, temperature) gives the same
table too, and so does the default reference date (the day of the latest order or event) on the shop."""

from __future__ import annotations

import datetime as dt

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from segmint import Workspace, import_file
from segmint.engines.spark import load_workspace
from segmint.families import compute_features
from segmint.rules import FILTERS, CompileContext, compile_rules
from segmint.rules.fields import Feature

from .cases import SETTINGS, TIES
from .compare import differences
from .contexts import DATES, context

pytestmark = [
    pytest.mark.xdist_group("spark"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),  # pyspark 4.0 on pandas 3
]

UCI = "online_retail/online_retail.parquet"
SLICE_END = "2011-03-01"  # the first three months: ~105k invoice lines, ~1.7k customers


@pytest.fixture(scope="module")
def uci(tmp_path_factory, shared_data, spark):
    """The UCI invoices before SLICE_END imported with the online-retail preset, on both engines."""
    folder = tmp_path_factory.mktemp("uci")
    lines = pq.read_table(shared_data / UCI)
    end = pc.strptime(SLICE_END, format="%Y-%m-%d", unit="us")
    pq.write_table(lines.filter(pc.less(lines["InvoiceDate"], end)), folder / "slice.parquet")
    ws = Workspace.init(folder / "ws")
    import_file(ws, "orders", folder / "slice.parquet", preset="online-retail", refresh=False)
    yield ws, load_workspace(ws, spark)
    ws.close()


@pytest.fixture(scope="module")
def shop_features(duck_shop, spark_shop):
    """compute_features on each engine at a date (an Ibis expression, not yet run)."""
    engines = {"duckdb": duck_shop.con, "spark": spark_shop}
    return lambda engine, day, settings=None: compute_features(context(engines[engine], day), settings)


@pytest.mark.parametrize("day", DATES, ids=str)
def test_features_are_the_same_on_the_shop(shop_features, day):
    duck, spark = (shop_features(engine, day).to_pandas() for engine in ("duckdb", "spark"))
    assert len(duck) > 100 and duck.rfm_group.nunique() >= 5 and duck.lifecycle_stage.nunique() >= 3
    if day == DATES[0]:  # the ties' orders are in May 2024: a favourite category chosen by its name
        assert (duck.set_index("customer_id").loc[list(TIES)].favourite_category_share == 0.5).all()
    assert differences(duck, spark, key="customer_id") == []


@pytest.mark.parametrize("name", [name for name in SETTINGS if name != "defaults"])
def test_features_are_the_same_under_every_family_setting(shop_features, name):
    """At the reference date; the setting must change the table, or the case compares nothing new."""
    duck, spark = (
        shop_features(engine, DATES[0], SETTINGS[name]).to_pandas() for engine in ("duckdb", "spark")
    )
    assert differences(duck, spark, key="customer_id") == []
    default = shop_features("duckdb", DATES[0]).to_pandas()
    assert differences(default, duck, key="customer_id"), f"{name} gives the defaults' table"


@pytest.mark.parametrize("day", [dt.date(2021, 12, 31), dt.date(2022, 1, 6)], ids=str)
def test_features_are_the_same_with_no_or_few_buyers(shop_features, day):
    """Before the shop's first order (signed-up customers, nobody bought: every RFM window is empty), and
    with fewer buyers than RFM bins (a bin gets no one)."""
    duck, spark = (shop_features(engine, day).to_pandas() for engine in ("duckdb", "spark"))
    buyers = (duck.rfm_group != "No Purchases").sum()
    assert len(duck) > 10
    assert (buyers == 0) if day.year == 2021 else (0 < buyers < 5), buyers
    assert differences(duck, spark, key="customer_id") == []


def test_features_are_the_same_at_the_default_reference_date(duck_shop, spark_shop):
    """Without a date, on the shop (orders and events after the rule tests' date): the same day, the
    same table."""
    contexts = [CompileContext.from_backend(con) for con in (duck_shop.con, spark_shop)]
    assert contexts[0].today == contexts[1].today != DATES[0]
    duck, spark = (compute_features(ctx).to_pandas() for ctx in contexts)
    assert differences(duck, spark, key="customer_id") == []


def test_features_are_the_same_on_real_retail_data(uci):
    """With no date given, both engines also agree on the reference date (the day of the last invoice)."""
    ws, spark_con = uci
    duck, spark = (
        compute_features(CompileContext.from_backend(con)).to_pandas() for con in (ws.con, spark_con)
    )
    assert len(duck) > 1_500 and duck.rfm_group.nunique() == 12, (
        duck.rfm_group.value_counts()
    )  # 11 + No Purchases
    assert differences(duck, spark, key="customer_id") == []


FAMILY_FIELDS = [f for f in FILTERS if isinstance(f.how, Feature)]


def test_family_fields_select_the_same_customers(duck_shop, spark_shop, shop_features):
    """Every catalogue example over a family column, with the features each engine computes itself
    inside the rule frame (as a refresh that has not stored them yet would)."""
    members = []
    for con in (duck_shop.con, spark_shop):
        base = context(con, DATES[0])
        features = compute_features(base)
        examples = {
            f"r{i}": f.example for i, f in enumerate(FAMILY_FIELDS) if f.how.column in features.columns
        }
        ctx = context(con, DATES[0], features=features)
        table = compile_rules(examples, ctx).to_pandas()
        members.append(
            {name: sorted(table.loc[table[name].astype(bool), "customer_id"]) for name in examples}
        )
    duck, spark = members
    assert len(duck) >= 10 and sum(bool(ids) for ids in duck.values()) >= 8
    for name, ids in duck.items():
        assert spark[name] == ids, FAMILY_FIELDS[int(name[1:])].example
