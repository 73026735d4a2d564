"""RFM on hand-made workspaces whose scores and groups were worked out by hand."""

from __future__ import annotations

import pytest

from segmint import ConfigError
from segmint.config import FamilySettings, make_settings
from segmint.families import FAMILIES, compute_features

from .shop import by_customer, context, insert, orders_of

TODAY = "2024-12-31"


def ten_buyers() -> dict[str, list[tuple[str, float]]]:
    """c0..c9: c_i last bought on 2024-12-(i+1), bought 10 - i times, spent (7i mod 10 + 1) x 100."""
    spec = {}
    for i in range(10):
        n, spent = 10 - i, (7 * i % 10 + 1) * 100
        earlier = [(f"2024-06-{k + 1:02d} 10:00", 1) for k in range(n - 1)]
        spec[f"c{i}"] = [*earlier, (f"2024-12-{i + 1:02d} 18:30", spent - (n - 1))]
    return spec


@pytest.fixture(scope="module")
def ten(tmp_path_factory):
    from segmint import Workspace

    ws = Workspace.init(tmp_path_factory.mktemp("rfm") / "ws")
    spec = ten_buyers()
    customers = [*spec, "never", "cancelled_only", "merged", "future"]
    insert(ws, "customers", [{"customer_id": c} for c in customers])
    ws.raw.execute("UPDATE customers SET merged_into = 'c0' WHERE customer_id = 'merged'")
    ws.raw.execute("UPDATE customers SET signup_date = DATE '2025-02-01' WHERE customer_id = 'future'")
    insert(ws, "orders", orders_of(spec))
    insert(ws, "orders", orders_of({"cancelled_only": [("2024-12-30", 5000)]}, status="cancelled"))
    insert(ws, "orders", orders_of({"merged": [("2024-12-30", 5000)], "future": [("2024-12-30", 50)]}))
    insert(ws, "orders", orders_of({"c0": [("2025-01-05", 99999)]}, order_id="late"))  # after today
    insert(ws, "orders", [{"order_id": "g1", "customer_id": "c1", "is_guest": True,
                           "ordered_at": "2024-12-30", "total": 99999}])  # fmt: skip
    yield ws
    ws.close()


R = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
F = [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
M = [1, 4, 3, 1, 5, 3, 2, 5, 4, 2]
PL = "Potential Loyalist"
GROUPS = ["At Risk", "Can't Lose Them", "At Risk", "At Risk", "Loyal", "Need Attention", PL, "Loyal", PL, PL]


def test_quintile_scores_and_standard_groups(ten):
    rows = by_customer(compute_features(context(ten, TODAY)))
    assert set(rows) == {f"c{i}" for i in range(10)} | {"never", "cancelled_only"}  # not merged, not future
    for i in range(10):
        row = rows[f"c{i}"]
        assert (row["rfm_r"], row["rfm_f"], row["rfm_m"]) == (R[i], F[i], M[i]), f"c{i}"
        assert row["rfm_score"] == f"{R[i]}{F[i]}{M[i]}"
        assert row["rfm_group"] == GROUPS[i], f"c{i}"
        assert row["frequency"] == 10 - i and row["monetary"] == (7 * i % 10 + 1) * 100
        assert row["recency_days"] == 30 - i


@pytest.mark.parametrize("name", ["never", "cancelled_only"])
def test_customers_who_never_bought_have_no_scores_and_their_own_group(ten, name):
    row = by_customer(compute_features(context(ten, TODAY)))[name]
    assert row["frequency"] == 0 and row["monetary"] == 0
    assert row["rfm_r"] is None and row["rfm_score"] is None and row["recency_days"] is None
    assert (row["rfm_group"], row["rfm_simple_group"]) == ("No Purchases", "No Purchases")


def test_as_of_an_earlier_date_sees_only_what_existed_then(ten):
    rows = by_customer(compute_features(context(ten, "2024-12-05")))
    # c5..c8 had only their June orders by then, c9 (one order, on 12-10) nothing
    assert rows["c9"]["frequency"] == 0 and rows["c9"]["rfm_group"] == "No Purchases"
    assert rows["c5"]["frequency"] == 4 and rows["c5"]["recency_days"] == 26 + 153 + 5  # since 06-04
    # 9 buyers ranked oldest first: c8 c7 c6 c5 (June) c0 c1 c2 c3 c4; r = floor(rank * 5 / 9) + 1
    assert [rows[f"c{i}"]["rfm_r"] for i in range(9)] == [3, 3, 4, 4, 5, 2, 2, 1, 1]


def test_ties_are_broken_by_customer_id(workspace):
    insert(workspace, "customers", [{"customer_id": f"t{i}"} for i in (5, 3, 1, 4, 2)])
    insert(workspace, "orders", orders_of({f"t{i}": [("2024-12-01", 10)] for i in range(1, 6)}))
    rows = by_customer(compute_features(context(workspace, TODAY)))
    assert [rows[f"t{i}"]["rfm_score"] for i in range(1, 6)] == ["111", "222", "333", "444", "555"]
    three = make_settings({"families": {"rfm": {"bins": 3}}}).families
    rows = by_customer(compute_features(context(workspace, TODAY), three))
    assert [rows[f"t{i}"]["rfm_r"] for i in range(1, 6)] == [1, 1, 2, 2, 3]  # floor(rank * 3 / 5) + 1


def test_four_bins_are_stretched_onto_the_five_point_map(ten):
    settings = FamilySettings.model_validate({"rfm": {"bins": 4}})
    rows = by_customer(compute_features(context(ten, TODAY), settings))
    # rank 0..9 of 10 into 4 bins: floor(rank * 4 / 10) + 1
    assert [rows[f"c{i}"]["rfm_r"] for i in range(10)] == [1, 1, 1, 2, 2, 3, 3, 3, 4, 4]
    # c9: r 4 -> 5, f 1 -> 1, m (rank 3) 2 -> 2: fm = 2 -> Potential Loyalist; c0: r 1, f 4 -> 5, m 1: fm 3
    assert rows["c9"]["rfm_group"] == "Potential Loyalist" and rows["c0"]["rfm_group"] == "At Risk"


def test_the_group_map_is_configurable_and_must_cover_every_cell(ten):
    everyone = {"rfm": {"groups": [{"name": "Buyers", "r": [1, 5], "fm": [1, 5]}]}}
    rows = by_customer(compute_features(context(ten, TODAY), FamilySettings.model_validate(everyone)))
    assert {row["rfm_group"] for row in rows.values()} == {"Buyers", "No Purchases"}
    holes = {"families": {"rfm": {"groups": [{"name": "Top", "r": [4, 5], "fm": [1, 5]}]}}}
    with pytest.raises(ConfigError, match=r"\[families\.rfm\] groups: no group for r=1 fm=1"):
        make_settings(holes)


def test_families_list_the_standard_groups_in_display_order():
    assert FAMILIES["rfm"].column == "rfm_group"
    assert FAMILIES["rfm"].groups[:3] == ("Champions", "Loyal", "Potential Loyalist")
    assert len(FAMILIES["rfm"].groups) == 12 and FAMILIES["rfm"].groups[-1] == "No Purchases"


def test_simple_groups_at_their_boundaries(workspace):
    spec = {
        "lost": [("2023-12-31", 10)],  # 366 days ago
        "inactive_365": [("2024-01-01", 10)],  # exactly 365 days: not lost yet
        "inactive_181": [("2024-07-03", 10)],
        "regular_180": [("2024-01-10", 10), ("2024-07-04", 10)],  # first long ago, last 180 days ago
        "new_90": [("2024-10-02", 10)],  # first purchase exactly 90 days ago
        "vip": [("2024-01-10", 10), ("2024-12-01", 5000)],
        "regular_91": [("2024-10-01", 10)],
    }
    insert(workspace, "customers", [{"customer_id": c} for c in spec])
    insert(workspace, "orders", orders_of(spec))
    rows = by_customer(compute_features(context(workspace, TODAY)))
    assert {c: r["rfm_simple_group"] for c, r in rows.items()} == {
        "lost": "Lost",
        "inactive_365": "Inactive",
        "inactive_181": "Inactive",
        "regular_180": "Regular",
        "new_90": "New",
        "vip": "VIP",
        "regular_91": "Regular",
    }
