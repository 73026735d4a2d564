"""The families on the demo shop: every customer in exactly one group of each, in step with the rule
language, blind to anything after the as-of date, and telling apart the customers the generator made
different."""

from __future__ import annotations

import datetime as dt

import pytest

from segmint import Workspace, build_demo
from segmint.families import FAMILIES, compute_features
from segmint.rules import CompileContext, select_members

ENGAGING = '"site_visit", "page_view", "cart_add", "email_open", "email_click", "sms_click"'
ENGAGED = f"events(type = ({ENGAGING}), within = 30d)"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("families-demo") / "ws"
    build_demo(path, n_customers=1_500, seed=11)
    ws = Workspace.open(path)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def features(demo):
    return compute_features(CompileContext.from_workspace(demo)).to_pandas().set_index("customer_id")


def test_every_live_customer_is_in_exactly_one_group_of_every_family(demo, features):
    live = demo.raw.execute("SELECT customer_id FROM customers WHERE merged_into IS NULL").fetchall()
    assert features.index.is_unique and set(features.index) == {c for (c,) in live}
    for name, (column, groups) in FAMILIES.items():
        assert features[column].notna().all(), name
        if groups is not None:
            assert set(features[column]) <= set(groups), name
    assert features.favourite_category.nunique() > 5 and features.temperature.nunique() == 3


@pytest.mark.parametrize(
    ("column", "group", "rule"),
    [
        ("lifecycle_stage", "prospect", "orders_count = 0"),
        ("lifecycle_stage", "lapsing", "days_since_last_order > 180 and days_since_last_order <= 365"),
        ("lifecycle_stage", "new", "days_since_first_order <= 90"),
        ("rfm_simple_group", "Lost", "days_since_last_order > 365"),
        ("temperature", "hot", f"orders(within = 30d) or added_to_cart(within = 30d) or {ENGAGED} >= 5"),
        ("activity", "active", 'events(type = ("email_open", "email_click", "sms_click"), within = 90d)'),
    ],
)
def test_groups_agree_with_the_rule_language(demo, features, column, group, rule):
    members = set(select_members(demo, rule).to_pandas().customer_id)
    assert members, "the demo should have such customers"
    assert set(features.index[features[column] == group]) == members


def test_as_of_a_past_date_nothing_later_is_seen(demo):
    day = dt.date(2024, 9, 30)
    full = CompileContext.from_backend(demo.con, today=day)
    signup = full.customers.signup_date
    cut = CompileContext(
        customers=full.customers.filter(signup.isnull() | (signup <= day)),
        orders=(orders := full.orders.filter(full.orders.ordered_at.date() <= day)),
        order_items=full.order_items.filter(full.order_items.order_id.isin(orders.order_id)),
        events=full.events.filter(full.events.occurred_at.date() <= day),
        today=day,
    )
    ours = compute_features(full).to_pandas().set_index("customer_id").sort_index()
    truncated = compute_features(cut).to_pandas().set_index("customer_id").sort_index()
    assert len(ours) < 1_500 and (ours.lifecycle_stage == "prospect").any()
    assert ours.fillna(-1).equals(truncated.fillna(-1))


def test_families_tell_apart_the_customers_the_generator_made_different(demo, features):
    """The generator's hidden truth: each customer's purchase rate, mean order value and drop-out."""
    truth = demo.raw.execute("SELECT * FROM demo_customer_truth").df().set_index("customer_id")
    joined = features.join(truth, how="inner")
    rate = joined.groupby("rfm_group").purchase_rate.mean()
    assert rate["Champions"] > 3 * rate["Lost"] and rate["Champions"] > 3 * rate["Hibernating"]
    assert joined.groupby("rfm_f").purchase_rate.mean().is_monotonic_increasing
    assert joined.groupby("rfm_m").mean_order_value.mean().is_monotonic_increasing
    dropped = joined.groupby("lifecycle_stage").dropped_out.mean()
    assert dropped["lapsed"] > dropped["lapsing"] > dropped["active"]


def test_rules_read_the_family_columns(demo, features):
    table = compute_features(CompileContext.from_workspace(demo))
    rule = (
        'rfm.group in ("Champions", "Loyal") and rfm_simple.group != "VIP" and rfm.score starts with "4"'
        ' and lifecycle.tenure_days >= 365 and favourite_category_share > 0.5 and temperature != "cold"'
    )
    members = set(select_members(demo, rule, features=table).to_pandas().customer_id)
    f = features
    expected = f[
        f.rfm_group.isin(["Champions", "Loyal"]) & (f.rfm_simple_group != "VIP") & (f.rfm_r == 4)
        & (f.tenure_days >= 365) & (f.favourite_category_share > 0.5) & (f.temperature != "cold")
    ]  # fmt: skip
    assert members and members == set(expected.index)
