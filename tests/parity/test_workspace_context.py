"""A refreshed workspace loaded into Spark reads a rule as the workspace does, when the context is built
with CompileContext.from_workspace(ws, backend=con) as docs/engines.md says: the workspace's reference date
(not the latest order's day), its family group names (a group typed in another case or apostrophe), and
the stored predictions. Before, the docs' recipe (from_backend) selected nobody for `rfm.group = "at
risk"` and other customers for `temperature = "hot"` than `segments members` lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import segmint
from segmint import Workspace, build_demo
from segmint.engines.spark import load_workspace
from segmint.errors import RuleError
from segmint.families import compute_features
from segmint.rules import CompileContext, compile_rules, select_members
from segmint.rules.context import reference_date

pytestmark = pytest.mark.xdist_group("spark")

DOC = Path(__file__).parents[2] / "docs" / "engines.md"
RULES = {
    "vip_lower": 'rfm_simple.group = "vip"',
    "at_risk": 'rfm.group in ("at risk", "can’t lose them")',
    "hot": 'temperature = "hot"',
    "visited": 'last_event(type = "site_visit") < today - 30d',
    "lapsing": 'lifecycle.stage = "LAPSING"',
    "churn": 'churn_risk = "high"',
    "clv": "clv_12m > 500",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo shop, refreshed (as `segmint demo` leaves it): its reference date is a day after its last
    activity."""
    path = tmp_path_factory.mktemp("spark-ws") / "shop"
    build_demo(path, n_customers=300, seed=5)
    ws = Workspace.open(path)
    segmint.refresh(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def demo_on_spark(spark, demo):
    return load_workspace(demo, spark)


def _members(ctx, rules: dict[str, str]) -> dict[str, set[str]]:
    frame = compile_rules(rules, ctx).to_pandas()
    return {name: set(frame.loc[frame[name].fillna(False).astype(bool), "customer_id"]) for name in rules}


def _in_workspace(ws, rules: dict[str, str]) -> dict[str, set[str]]:
    return {name: set(select_members(ws, rule).execute()["customer_id"]) for name, rule in rules.items()}


def test_a_rule_selects_on_spark_the_workspace_s_members(demo, demo_on_spark):
    ctx = CompileContext.from_workspace(demo, backend=demo_on_spark)
    assert ctx.today == reference_date(demo)
    expected = _in_workspace(demo, RULES)
    assert all(expected[name] for name in ("vip_lower", "at_risk", "hot", "churn")), expected
    assert _members(ctx, RULES) == expected


def test_families_computed_on_spark_with_the_stored_predictions(demo, demo_on_spark):
    ctx = CompileContext.from_workspace(demo, backend=demo_on_spark)
    families = compute_features(ctx, demo.settings.families)
    bare = CompileContext.from_workspace(demo, backend=demo_on_spark, features=families)
    with pytest.raises(RuleError) as raised:
        compile_rules({"churn": RULES["churn"]}, bare).to_pandas()
    assert raised.value.code == "field.not_in_features"
    assert "churn_risk" in str(raised.value) and "refresh" in str(raised.value)

    stored = demo_on_spark.table("features")
    predictions = [column for column in stored.columns if column not in families.columns]
    features = families.left_join(stored.select("customer_id", *predictions), "customer_id")
    joined = CompileContext.from_workspace(demo, backend=demo_on_spark, features=features)
    assert _members(joined, RULES) == _in_workspace(demo, RULES)


def test_the_docs_recipe_runs_and_selects_the_workspace_s_members(demo, demo_on_spark):
    """docs/engines.md's code blocks, run as written on the demo shop (local_session reuses the suite's
    running session)."""
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2
    scope: dict = {}
    exec(blocks[0].replace('"my-shop"', repr(str(demo.path))), scope)
    rule = 'rfm.group in ("at risk", "can’t lose them") and city = "київ"'
    assert scope["rules"] == {"at_risk_kyiv": rule}
    found = scope["members"]
    assert set(found.loc[found["at_risk_kyiv"].fillna(False).astype(bool), "customer_id"]) == set(
        select_members(demo, rule).execute()["customer_id"]
    )
    exec(blocks[1], scope)
    assert _members(scope["ctx"], RULES) == _in_workspace(demo, RULES)
    scope["ws"].close()
