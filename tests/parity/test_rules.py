"""The rule language gives the same answers on DuckDB and on Spark: every corpus rule (tests/rules/corpus.py)
and every parity case (cases.RULES: the filters, windows and spellings the corpus does not reach) at the
reference date and as of an earlier date, member lists compared exactly; and the customer-level frame the
rules are evaluated on, every column, row for row."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from rules.corpus import CORPUS
from rules.shop import TODAY
from segmint import Workspace, import_file
from segmint.engines.spark import load_workspace
from segmint.families import compute_features
from segmint.rules import FILTERS, compile_rule, compile_rules, compile_values, parse_rule, render
from segmint.rules import ast as A
from segmint.rules.context import last_activity
from segmint.rules.fields import Feature

from .cases import RULES
from .compare import differences
from .contexts import AS_OF, DATES, context

pytestmark = [
    pytest.mark.xdist_group("spark"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),  # pyspark 4.0 on pandas 3
]


@pytest.fixture(scope="module")
def members(duck_shop, spark_shop):
    """Every corpus rule's sorted members per (engine, date), one shared frame per engine and date."""
    engines = {"duckdb": duck_shop.con, "spark": spark_shop}

    @cache
    def at(engine: str, day: dt.date) -> list[list[str]]:
        rules = {f"r{i}": text for i, (text, _) in enumerate(CORPUS)}
        table = compile_rules(rules, context(engines[engine], day)).to_pandas()
        return [sorted(table.loc[table[f"r{i}"].astype(bool), "customer_id"]) for i in range(len(CORPUS))]

    return at


@pytest.fixture(scope="module")
def case_members(duck_shop, spark_shop, predicted):
    """Every parity case's sorted members per (engine, date), reading the stored predictions."""
    engines = {"duckdb": duck_shop.con, "spark": spark_shop}

    @cache
    def at(engine: str, day: dt.date) -> list[list[str]]:
        ctx = context(engines[engine], day, features=predicted[engine])
        table = compile_rules({f"r{i}": text for i, text in enumerate(RULES)}, ctx).to_pandas()
        return [sorted(table.loc[table[f"r{i}"].astype(bool), "customer_id"]) for i in range(len(RULES))]

    return at


@pytest.mark.parametrize("day", DATES, ids=str)
@pytest.mark.parametrize("index", range(len(RULES)), ids=[text[:60] for text in RULES])
def test_spark_selects_the_same_members_in_the_parity_cases(case_members, index, day):
    duck, spark = case_members("duckdb", day)[index], case_members("spark", day)[index]
    assert spark == duck, (
        f"rule: {RULES[index]}\nas of {day}\nonly DuckDB: {sorted(set(duck) - set(spark))}\n"
        f"only Spark: {sorted(set(spark) - set(duck))}"
    )


def test_the_parity_cases_have_something_to_compare(duck_shop, case_members):
    """Nearly every case selects some customers and leaves out others, so equal lists say something."""
    everyone = duck_shop.con.table("customers").count().execute()
    sizes = dict(zip(RULES, map(len, case_members("duckdb", TODAY)), strict=True))
    assert sum(0 < size < everyone for size in sizes.values()) >= 0.9 * len(RULES), sizes


@pytest.mark.parametrize("day", DATES, ids=str)
@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[text[:60] for text, _ in CORPUS])
def test_spark_selects_the_same_members_as_duckdb(members, index, day):
    duck, spark = members("duckdb", day)[index], members("spark", day)[index]
    assert spark == duck, (
        f"rule: {CORPUS[index][0]}\nas of {day}\nonly DuckDB: {sorted(set(duck) - set(spark))}\n"
        f"only Spark: {sorted(set(spark) - set(duck))}"
    )


def test_the_comparison_has_something_to_compare(members):
    """Most rules split the shop on both engines, so equal lists are not equal empty lists."""
    sizes = [len(ids) for ids in members("spark", TODAY)]
    assert sum(size > 0 for size in sizes) >= 0.9 * len(CORPUS), sizes
    assert members("spark", TODAY) != members("spark", AS_OF)


def test_every_frame_column_has_the_same_values(duck_shop, spark_shop):
    """One rule that reads every field of the corpus, so its frame holds every customers column, every
    feature and every measure (counts, sums, averages, first/last, days since) the corpus uses."""
    everything = " or ".join(f"({text})" for text, _ in CORPUS)
    frames = {}
    for engine, con in (("duckdb", duck_shop.con), ("spark", spark_shop)):
        frames[engine] = compile_rule(everything, context(con, AS_OF)).table.to_pandas()
    duck, spark = frames["duckdb"], frames["spark"]
    assert len(duck) > 100 and sum(c.startswith("measure__") for c in duck.columns) > 40
    assert differences(duck, spark, key="customer_id") == []


def test_the_default_reference_date_is_the_same_day(duck_shop, spark_shop):
    """Without `today`, both engines take the wall-clock day of the latest order or event (timestamps are
    naive on both: the JVM's time zone must not move them)."""
    days = [last_activity(con.table("orders"), con.table("events")) for con in (duck_shop.con, spark_shop)]
    assert days[0] == days[1] == dt.date(2024, 8, 31)


def subject(example: str, name: str) -> str:
    """The field or call a catalogue example reads, as written there (`orders(channel = "pos", ...)`)."""
    found = []

    def walk(node) -> None:
        if isinstance(node, A.FieldRef | A.Call) and node.name == name:
            found.append(render(node))
        for child in vars(node).values() if hasattr(node, "__dataclass_fields__") else ():
            for item in child if isinstance(child, tuple) else (child,):
                walk(item)

    walk(parse_rule(example))
    return found[0]


@pytest.mark.parametrize("day", DATES, ids=str)
def test_every_catalogue_field_has_the_same_value(duck_shop, spark_shop, predicted, day):
    """The value of every filter of the catalogue (a function as its example calls it), as a member
    export and the clustering read it (compile_values), with the families each engine computes and the
    stored predictions and clustering: every cell the same."""
    fields = {f"v{i}": subject(f.example, f.name) for i, f in enumerate(FILTERS)}
    frames = []
    for engine, con in (("duckdb", duck_shop.con), ("spark", spark_shop)):
        families, stored = compute_features(context(con, day)), predicted[engine]
        joined = families.left_join(stored, "customer_id")
        features = joined.select(*families.columns, *(c for c in stored.columns if c != "customer_id"))
        frames.append(compile_values(fields, context(con, day, features=features)).to_pandas())
    duck, spark = frames
    assert len(duck) > 100 and all(duck[c].notna().any() for c in fields), "a field with no value at all"
    found = differences(duck, spark, key="customer_id")
    assert found == [], [f"{FILTERS[int(line.split()[1][1:-1])].name}: {line}" for line in found]


KAGGLE = "marketing_campaign/marketing_campaign.parquet"


@pytest.fixture(scope="module")
def kaggle(tmp_path_factory, shared_data, spark):
    """The Kaggle "Customer Personality Analysis" customers (2,240: incomes, years of birth, education,
    23 custom attributes such as Kidhome and MntWines) imported as they are, on both engines."""
    ws = Workspace.init(tmp_path_factory.mktemp("kaggle") / "ws")
    import_file(ws, "customers", shared_data / KAGGLE, refresh=False)
    yield ws, load_workspace(ws, spark)
    ws.close()


def test_customer_fields_and_attributes_are_the_same_on_real_customer_data(kaggle):
    """Every catalogue field but the families' (this file has no orders or events), and every custom
    attribute the import kept, as text and read as a number, on real customers at the end of 2014."""
    ws, spark_con = kaggle
    keys = [
        key
        for (key,) in ws.raw.execute("SELECT DISTINCT unnest(json_keys(custom)) FROM customers").fetchall()
    ]
    fields = {
        f"v{i}": subject(f.example, f.name) for i, f in enumerate(FILTERS) if not isinstance(f.how, Feature)
    }
    fields |= {f"text {key}": f'attribute("{key}")' for key in keys}
    rules = {f"number {key}": f'attribute("{key}") > 0' for key in keys}
    rules |= {"rich": "income > 60000 and age between 40 and 60", "phd": 'education = "PhD"'}
    frames = []
    for con in (ws.con, spark_con):
        ctx = context(con, dt.date(2014, 12, 31))
        values = compile_values(fields, ctx).to_pandas()
        frames.append(values.merge(compile_rules(rules, ctx).to_pandas(), on="customer_id"))
    duck, spark = frames
    assert len(keys) > 20 and len(duck) == 2_240 and duck["rich"].sum() > 100, duck["rich"].sum()
    assert differences(duck, spark, key="customer_id") == []
