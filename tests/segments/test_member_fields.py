"""The rule language's field names as member export columns: `segments members NAME --columns
customer_id,total_spent` was refused ("unknown column 'total_spent' (did you mean 'monetary'?)"), though
the segment's own rule says total_spent. A field that is one value per customer is a column, named as
asked and valued as a rule reads it (compared here with pandas over the orders); a function of the
rules (bought(...), in_segment(...)) is refused with why."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pandas as pd
import pytest
from tests.cli import ok, segmint
from tests.purchases import by_pandas

from segmint import Workspace, build_demo, refresh, segments
from segmint.rules.context import reference_date
from segmint.segments import SegmentError

from .tinyshop import BIG, JAN, TODAY

FIELDS = ["total_spent", "orders_count", "avg_order_value", "days_since_last_order", "first_order_date"]
RULE = "total_spent > 3000 and orders_count >= 2"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A refreshed demo shop with one segment of big repeat spenders."""
    path = tmp_path_factory.mktemp("member-fields") / "ws"
    build_demo(path, n_customers=300, seed=3)
    with Workspace.open(path) as ws:
        segments.create(ws, "Big", RULE)
        refresh(ws)
    return path


def test_the_cli_exports_rule_fields_named_as_asked_with_a_rules_values(demo, tmp_path):
    """The reported command: --columns customer_id,total_spent,... -o out.csv."""
    out = tmp_path / "out.csv"
    asked = ["customer_id", *FIELDS, "rfm.group", "monetary"]
    ok("-w", demo, "segments", "members", "Big", "--columns", ",".join(asked), "-o", out)
    with out.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == asked  # total_spent, not monetary; rfm.group as asked
    with Workspace.open(demo) as ws:
        expected = by_pandas(ws, reference_date(ws))
        features = ws.table("features").to_pandas().set_index("customer_id")
        members = sorted(segments.members(ws, "Big").to_pyarrow().column("customer_id").to_pylist())
    assert [r["customer_id"] for r in rows] == members and len(members) >= 5
    for row in rows:
        want = expected.loc[row["customer_id"]]
        assert float(row["total_spent"]) == pytest.approx(want.total_spent)
        assert float(row["total_spent"]) > 3000 and int(row["orders_count"]) >= 2  # the rule holds
        assert int(row["orders_count"]) == want.orders_count
        assert float(row["avg_order_value"]) == pytest.approx(want.avg_order_value)
        assert int(row["days_since_last_order"]) == want.days_since_last_order
        assert row["first_order_date"] == str(want.first_order_date)
        assert row["rfm.group"] == features.loc[row["customer_id"], "rfm_group"]
        assert row["monetary"] == row["total_spent"]  # a raw column is still itself


def test_every_field_that_is_one_value_per_customer_is_a_column(demo):
    """Every field of the catalogue that is not a function exports, with the value the rule compiler gives
    it (rules.compile_values) for every member: customers columns, features, aggregates, ages, days."""
    from segmint.rules.compile import compile_values
    from segmint.rules.context import CompileContext
    from segmint.rules.fields import FILTERS

    fields = [f.name for f in FILTERS if not f.function]
    with Workspace.open(demo) as ws:
        available = [*ws.table("customers").columns, *ws.table("features").columns]
        fields = [f for f in fields if f not in available]  # a column by its own name is that column
        for unfit in ("cluster", "cluster.name"):  # no clustering fitted: no value, and said so
            fields.remove(unfit)
            with pytest.raises(SegmentError, match="segmint clusters fit"):
                segments.member_table(ws, "Big", ["customer_id", unfit])
        assert {"total_spent", "avg_order_value", "age", "rfm.group", "lifecycle.tenure_days"} <= set(fields)
        exported = segments.member_table(ws, "Big", ["customer_id", *fields]).to_pyarrow().to_pandas()
        ctx = CompileContext.from_workspace(ws)
        values = compile_values({f"v{i}": f for i, f in enumerate(fields)}, ctx).to_pyarrow().to_pandas()
    assert list(exported.columns) == ["customer_id", *fields]
    values = values.set_index("customer_id").loc[exported.customer_id]
    for i, field in enumerate(fields):
        got, want = exported[field].tolist(), values[f"v{i}"].tolist()
        assert [None if pd.isna(v) else v for v in got] == [None if pd.isna(v) else v for v in want], field


def test_a_past_dates_fields_are_that_dates_values(shop):
    """With --as-of the fields are computed for that date, as the feature columns are (tiny shop: by 31
    January D had one order of 500, on 5 January)."""
    segments.create(shop, "Великі", BIG)
    refresh(shop, backfill="monthly")
    asked = ["customer_id", "total_spent", "orders_count", "avg_order_value", "days_since_last_order"]
    (on_jan,) = segments.member_table(shop, "Великі", [*asked, "rfm.group"], JAN).to_pyarrow().to_pylist()
    assert (on_jan["customer_id"], float(on_jan["total_spent"]), on_jan["orders_count"]) == ("D", 500.0, 1)
    assert (float(on_jan["avg_order_value"]), on_jan["days_since_last_order"]) == (500.0, 26)
    (column,) = segments.member_table(shop, "Великі", ["rfm_group"], JAN).to_pyarrow().to_pylist()
    assert on_jan["rfm.group"] == column["rfm_group"]  # the group of that date, as the column gives it
    now = segments.member_table(shop, "Великі", asked).to_pyarrow().to_pylist()
    assert [(r["customer_id"], float(r["total_spent"]), r["orders_count"]) for r in now] == [
        ("B", 300.0, 1),
        ("D", 1000.0, 2),
    ]
    assert [r["days_since_last_order"] for r in now] == [(TODAY - dt.date(2024, 2, 15)).days, 29]


def test_fields_before_the_first_refresh(shop):
    """Aggregates need no refresh (computed as a rule computes them); a features field or column has no
    value until one, and says so, rather than 'unknown column'."""
    segments.create(shop, "Великі", BIG)
    rows = segments.member_table(shop, "Великі", ["customer_id", "total_spent", "orders_count"]).to_pyarrow()
    assert [(r["customer_id"], float(r["total_spent"]), r["orders_count"]) for r in rows.to_pylist()] == [
        ("B", 300.0, 1),
        ("D", 1000.0, 2),
    ]
    for asked in (
        "rfm.group",
        "rfm_group",
        "tenure_days",
        "monetary",
        "frequency",
        "recency_days",
        "clv_method",
    ):
        said = rf"^'{asked}' has no value yet: run segmint refresh \(cluster and cluster.name: segmint "
        with pytest.raises(SegmentError, match=said) as refused:
            segments.member_table(shop, "Великі", ["customer_id", asked])
        assert refused.value.code == "column.not_refreshed"


def test_a_column_by_its_own_name_is_still_that_column(shop):
    """tenure_days is a column of the features (lifecycle.tenure_days); the name keeps giving it, and a
    field and the column it is stored in may both be asked for, each once."""
    segments.create(shop, "Великі", BIG)
    refresh(shop)
    asked = ["customer_id", "total_spent", "monetary", "tenure_days", "lifecycle.tenure_days", "total_spent"]
    table = segments.member_table(shop, "Великі", asked)
    assert table.columns == ("customer_id", "total_spent", "monetary", "tenure_days", "lifecycle.tenure_days")
    rows = table.to_pyarrow().to_pylist()
    assert rows and all(r["tenure_days"] == r["lifecycle.tenure_days"] for r in rows)
    assert all(r["total_spent"] == r["monetary"] for r in rows)


@pytest.mark.parametrize(
    ("asked", "code", "said"),
    [
        (
            "bought",
            "column.not_a_value",
            "'bought' is not one value per customer: in a rule it is a function with arguments "
            '(bought(category = "Shoes", within = 90d) >= 2), and an export column takes none',
        ),
        ("in_segment", "column.not_a_value", "'in_segment' is not one value per customer"),
        ("has_tag", "column.not_a_value", "'has_tag' is not one value per customer"),
        ("spent", "column.not_a_value.field", "; without arguments it is the column 'total_spent'"),
        ("orders", "column.not_a_value.field", "; without arguments it is the column 'orders_count'"),
    ],
)
def test_a_function_of_the_rules_is_refused_with_why(shop, asked, code, said):
    segments.create(shop, "Великі", BIG)
    with pytest.raises(SegmentError) as refused:
        segments.member_table(shop, "Великі", ["customer_id", asked])
    assert refused.value.code == code and said in str(refused.value)
    assert refused.value.params["column"] == asked


def test_the_cli_refuses_a_function_and_an_unknown_name(shop, tmp_path):
    ws = shop.path
    segments.create(shop, "Великі", BIG)
    shop.close()
    done = segmint("-w", ws, "segments", "members", "Великі", "--columns", "customer_id,bought", wide=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Error: 'bought' is not one value per customer" in done.stderr
    done = segmint("-w", ws, "segments", "members", "Великі", "--columns", "Total_Spent", wide=True)
    assert done.returncode == 1
    assert "unknown column 'Total_Spent' (did you mean 'total_spent'?)" in done.stderr
    done = ok("-w", ws, "segments", "members", "Великі", "--columns", "customer_id,total_spent", "--json")
    assert json.loads(done.stdout)["columns"] == ["customer_id", "total_spent"]
    assert json.loads(done.stdout)["members"] == [
        {"customer_id": "B", "total_spent": 300},
        {"customer_id": "D", "total_spent": 1000},
    ]


def test_csv_and_parquet_exports_carry_the_names_asked(shop, tmp_path):
    import pyarrow.parquet as pq

    segments.create(shop, "Великі", BIG)
    refresh(shop)
    asked = ["customer_id", "rfm.group", "avg_order_value"]
    _, body = segments.export_members(shop, "Великі", None, "csv", asked)
    assert next(csv.reader(io.StringIO(body.decode()))) == asked
    segments.export_members(shop, "Великі", tmp_path / "m.parquet", columns=asked)
    assert pq.read_table(tmp_path / "m.parquet").column_names == asked


def test_a_date_between_two_refreshes_gives_the_columns_of_the_members_date(shop):
    """A date no refresh computed reads the members of the refresh before it; the columns were computed on
    the date asked, so a row contradicted its segment (an 'At Risk' export row with rfm.group 'Champions').
    Tiny shop: on 2024-02-25 Big reads its members of 31 January ({D}: 500 spent then); by 25 February D had
    spent 1000. The columns are those of 31 January, as the member list is, and --json says so."""
    segments.create(shop, "Великі", BIG)
    refresh(shop, backfill="monthly")
    between = dt.date(2024, 2, 25)
    asked = ["customer_id", "total_spent", "orders_count", "monetary", "rfm.group"]
    (row,) = segments.member_table(shop, "Великі", asked, between).to_pyarrow().to_pylist()
    (on_jan,) = segments.member_table(shop, "Великі", asked, JAN).to_pyarrow().to_pylist()
    assert (row["customer_id"], float(row["total_spent"]), row["orders_count"]) == ("D", 500.0, 1)
    assert row == on_jan  # the features column and the rule fields alike
    group = row["rfm.group"]
    family = segments.members(shop, "rfm", between, group=group).to_pyarrow().column("customer_id")
    assert "D" in family.to_pylist()  # D's row names a group the family's members of that date have D in
    shop.close()
    done = ok("-w", shop.path, "segments", "members", "Великі", "--as-of", "2024-02-25", "--json")
    document = json.loads(done.stdout)
    assert (document["as_of"], document["computed_on"]) == ("2024-02-25", "2024-01-31")
    assert "2024-01-31" in done.stderr  # the note names the members' date
