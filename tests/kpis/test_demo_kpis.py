"""KPIs on the demo shop against the independent pandas computation (oracle.py), for every RFM group, the
simple groups, user segments and the base; cohorts, comparisons and insights."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from segmint.kpis import KpiError, cohort_retention, kpi_report
from segmint.kpis.metrics import NO_CAMPAIGN_NOTE

from . import oracle
from .conftest import COLON, DISCOUNTERS, THEN


@pytest.fixture(scope="module")
def frames(demo):
    raw = demo.raw
    purchases = raw.execute(
        "SELECT customer_id, order_id, ordered_at, total::DOUBLE AS total, discount > 0 AS discounted "
        "FROM orders WHERE status IN ('completed', 'pending') AND NOT is_guest AND customer_id IS NOT NULL"
    ).df()
    everyone = {
        c for (c,) in raw.execute("SELECT customer_id FROM customers WHERE merged_into IS NULL").fetchall()
    }
    surveys = raw.execute(
        "SELECT customer_id, occurred_at, nps_score FROM events "
        "WHERE event_type = 'survey_answer' AND nps_score IS NOT NULL"
    ).df()
    features = raw.execute("SELECT * FROM features").df()
    sends = raw.execute(
        "SELECT customer_id, occurred_at FROM events "
        "WHERE event_type IN ('email_sent', 'sms_sent') AND customer_id IS NOT NULL"
    ).df()
    return purchases, everyone, surveys, features, sends


@pytest.fixture(scope="module")
def features_then(demo_path):
    """The features table as the refresh of 180 days back left it (conftest)."""
    return pd.read_parquet(demo_path.parent / THEN)


def _check(document: dict, groups: dict[str, set[str]], frames) -> None:
    purchases, everyone, surveys, features, sends = frames
    period = document["period"]
    start, end = (pd.Timestamp(period[k]).date() for k in ("start", "end"))
    rows = {row["name"]: row for row in document["segments"]}
    assert set(rows) == set(groups)
    for name, members in groups.items():
        expected = oracle.kpis(members, everyone, purchases, start, end, surveys, features, sends)
        oracle.assert_close(rows[name], expected, name)
    base = oracle.kpis(everyone, everyone, purchases, start, end, surveys, features, sends)
    oracle.assert_close(document["base"], base, "base")


def test_rfm_groups_match_pandas(demo, frames):
    document = kpi_report(demo, family="rfm", lang="en")
    features = frames[3]
    names = [row["name"] for row in document["segments"]]
    assert set(features.rfm_group) <= set(names)  # every group is listed, the empty ones too
    groups = {g: set(features.customer_id[features.rfm_group == g]) for g in names}
    _check(document, groups, frames)
    rows = {row["name"]: row for row in document["segments"]}
    assert rows["Champions"]["revenue"] > 0 and rows["Champions"]["nps_responses"] > 0
    assert rows["Champions"]["reached"] > 0 and 0 < rows["Champions"]["campaign_conversion_rate"] < 1
    assert rows["No Purchases"]["revenue"] == 0 and rows["No Purchases"]["aov"] is None
    assert sum(row["size"] for row in rows.values()) == document["base"]["size"]
    assert sum(row["revenue_share"] for row in rows.values()) == pytest.approx(1.0)
    assert all(row["roi"] is None and row["roi_note"] == NO_CAMPAIGN_NOTE for row in rows.values())


def test_a_shorter_period_and_named_segments_match_pandas(demo, frames):
    features = frames[3]
    document = kpi_report(demo, [DISCOUNTERS, "Big spenders", "rfm_simple:VIP", "churn_risk:high"], days=90)
    assert document["period"]["days"] == 90
    groups = {
        DISCOUNTERS: set(features.customer_id[features.buys_on_discount]),
        "Big spenders": set(demo.raw.execute(
            "SELECT customer_id FROM orders WHERE status IN ('completed', 'pending') AND NOT is_guest "
            "GROUP BY 1 HAVING sum(total) > 5000"
        ).df().customer_id),
        "rfm_simple:VIP": set(features.customer_id[features.rfm_simple_group == "VIP"]),
        "churn_risk:high": set(features.customer_id[features.churn_risk == "high"]),
    }  # fmt: skip
    assert all(groups.values())
    _check(document, groups, frames)


def test_cohort_retention_matches_pandas(demo, frames):
    purchases = frames[0]
    end = pd.Timestamp(kpi_report(demo, family="lifecycle")["period"]["end"]).date()
    expected = oracle.cohorts(purchases, end)
    ours = {row["cohort"]: (row["customers"], row["retention"]) for row in cohort_retention(demo, end)}
    assert ours.keys() == expected.keys() and len(ours) >= 30
    for cohort, (size, retention) in expected.items():
        assert ours[cohort][0] == size
        assert ours[cohort][1] == pytest.approx(retention, abs=1e-12)
        assert retention[0] == 1.0


def test_two_segments_side_by_side(demo):
    document = kpi_report(demo, family="rfm_simple", compare_pair=("VIP", DISCOUNTERS))
    rows = {row["name"]: row for row in document["segments"]}
    table = {row["kpi"]: row for row in document["compare"]["kpis"]}
    assert table["aov"]["VIP"] == rows["VIP"]["aov"]
    assert table["aov"][DISCOUNTERS] == rows[DISCOUNTERS]["aov"]
    assert table["revenue"]["difference"] == pytest.approx(
        rows["VIP"]["revenue"] - rows[DISCOUNTERS]["revenue"]
    )


def test_insights_flag_what_the_figures_show(demo, frames):
    document = kpi_report(demo, [DISCOUNTERS], family="rfm", with_insights=True)
    rows = {row["name"]: row for row in document["segments"]}
    found = {item["kind"]: item for item in document["insights"]}
    assert found["most_profitable"]["segment"] == max(rows, key=lambda n: rows[n]["revenue"])
    big = {n: r for n, r in rows.items() if r["size"] >= 10 and r["churn_probability"] is not None}
    assert found["highest_churn_risk"]["segment"] == max(big, key=lambda n: big[n]["churn_probability"])
    assert found["mostly_on_discount"]["segment"] == DISCOUNTERS
    assert rows[DISCOUNTERS]["discount_share"] > 0.5
    # fastest-shrinking, from the membership history counted here in pandas
    history = demo.raw.execute("SELECT * FROM membership_history WHERE kind = 'family' AND ref = 'rfm'").df()
    since = pd.Timestamp(document["period"]["start"])
    now = pd.Timestamp(document["period"]["end"])

    def sizes(day):
        on = history[(history.valid_from <= day) & (history.valid_to.isna() | (history.valid_to > day))]
        return on.groupby("group_name").size()

    before, after = sizes(since), sizes(now)
    after = after.reindex(before.index).fillna(0)
    change = ((after - before) / before)[before >= 10]
    share = ((after / after.sum()) / (before / before.sum()) - 1)[before >= 10]
    measure = change if change.min() < 0 else share  # the demo's base grows: then the share shrinks
    assert measure.min() < 0
    assert found["fastest_shrinking"]["segment"] == measure.idxmin()
    assert found["fastest_shrinking"]["value"] == pytest.approx(measure.min())


def test_one_time_buyers_do_not_make_a_group_look_safe_from_churn(demo, frames):
    """BG/NBD gives every one-time buyer p_alive = 1 by construction (docs/clv.md), and those zeros were
    averaged in: Lost, 91% one-time buyers and 100% churn in the table, had a 5% mean churn probability,
    and the insight named Can't Lose Them (61%) as the highest churn risk. Now the mean is over the repeat
    buyers the model estimates, and the insight ranks groups with at least 10 of them."""
    document = kpi_report(demo, family="rfm", with_insights=True)
    rows = {row["name"]: row for row in document["segments"]}
    features = frames[3]
    lost = rows["Lost"]
    assert lost["churn_rate"] == 1.0 and lost["churn_probability"] > 0.5
    assert 10 <= lost["churn_probability_customers"] < lost["size"] / 2
    estimated = {n: r for n, r in rows.items() if r["churn_probability_customers"] >= 10}
    flagged = next(item for item in document["insights"] if item["kind"] == "highest_churn_risk")
    assert flagged["segment"] == max(estimated, key=lambda n: estimated[n]["churn_probability"])
    assert flagged["params"]["customers"] == estimated[flagged["segment"]]["churn_probability_customers"]
    one_time = features[(features.p_alive == 1) & features.rfm_group.notna()]
    assert len(one_time) > 100 and (one_time.churn_probability == 0).all()  # what the model gives them
    for name in ("New Customers", "Promising", "No Purchases"):
        assert rows[name]["churn_probability"] is None  # nobody it estimates (empty, or one purchase each)


def test_the_base_on_an_earlier_date_is_the_customers_of_that_date(demo, frames, features_then):
    """--as-of half a year back: the base counted every customer in the table, also those who signed up
    after that date (1,500 instead of the customers then), so every share of it was too small."""
    purchases, _, surveys, _, sends = frames
    features = features_then  # the predictions of that date
    today = pd.Timestamp(kpi_report(demo, family="rfm")["period"]["end"]).date()
    end = today - dt.timedelta(days=180)
    document = kpi_report(demo, family="rfm", end=end, days=90)
    live = "SELECT customer_id, signup_date FROM customers WHERE merged_into IS NULL"
    customers = demo.raw.execute(live).df()
    signed = customers.signup_date.isna() | (pd.to_datetime(customers.signup_date) <= pd.Timestamp(end))
    then = set(customers.customer_id[signed])
    assert 0 < len(then) < len(customers)
    start = end - dt.timedelta(days=90)
    base = oracle.kpis(then, then, purchases, start, end, surveys, features, sends)
    oracle.assert_close(document["base"], base, "base")
    champions = next(row for row in document["segments"] if row["name"] == "Champions")
    assert champions["share"] == champions["size"] / len(then)


def test_groups_on_an_earlier_date_are_their_members_on_that_date(demo):
    """--as-of half a year back listed the groups of the last refresh (today's 1,500 members, also those
    who signed up later) against the base of that date, and measured their shrinking up to today: the
    groups' shares added up to more than the whole base."""
    today = pd.Timestamp(kpi_report(demo, family="rfm")["period"]["end"]).date()
    end = today - dt.timedelta(days=180)
    document = kpi_report(demo, family="rfm", end=end, days=90, with_insights=True)
    history = demo.raw.execute("SELECT * FROM membership_history WHERE kind = 'family' AND ref = 'rfm'").df()
    day = pd.Timestamp(end)
    on = history[(history.valid_from <= day) & (history.valid_to.isna() | (history.valid_to > day))]
    expected = on.groupby("group_name").size().to_dict()
    rows = {row["name"]: row for row in document["segments"]}
    assert {name: row["size"] for name, row in rows.items() if row["size"]} == expected
    assert sum(expected.values()) == document["base"]["size"]
    assert sum(row["share"] for row in rows.values()) == pytest.approx(1.0)
    changes = document["size_changes"]
    assert changes and all(change["now"] == expected.get(name, 0) for name, change in changes.items())
    with pytest.raises(KpiError, match=r"no membership on .* run segmint refresh --as-of"):
        kpi_report(demo, family="rfm", end=today - dt.timedelta(days=3 * 365))


def test_an_earlier_period_shows_the_predictions_of_that_date(demo, frames, features_then):
    """--as-of half a year back showed the last refresh's predictions (today's CLV and churn of today's
    customers) next to the figures of that period. They are now those the refresh of that date made:
    the features table as it stood then, scored again with the fit it kept."""
    purchases, _, surveys, today_features, sends = frames
    today = pd.Timestamp(kpi_report(demo, family="rfm")["period"]["end"]).date()
    end = today - dt.timedelta(days=180)
    document = kpi_report(demo, family="rfm", end=end, days=90)
    group = features_then.rfm_group
    groups = {g: set(features_then.customer_id[group == g]) for g in set(group)}
    rows = {row["name"]: row for row in document["segments"]}
    then = set(features_then.customer_id)
    start = end - dt.timedelta(days=90)
    for name, members in groups.items():
        expected = oracle.kpis(members, then, purchases, start, end, surveys, features_then, sends)
        oracle.assert_close(rows[name], expected, name)
    champions = groups["Champions"]
    now = today_features[today_features.customer_id.isin(champions)].clv_12m.mean()
    assert rows["Champions"]["predicted_clv"] != pytest.approx(now, rel=1e-3)  # not today's
    assert document["predictions_as_of"] == end.isoformat()
    assert all(row["predictions_as_of"] == end.isoformat() for row in rows.values())
    # a date between two refreshes: the predictions of the last refresh before it, as its members are
    between = kpi_report(demo, family="rfm", end=end + dt.timedelta(days=30), days=90)
    assert between["predictions_as_of"] == end.isoformat()
    assert kpi_report(demo, family="rfm")["predictions_as_of"] == today.isoformat()


def test_unknown_names_and_missing_refreshes_say_what_to_do(demo, workspace):
    with pytest.raises(KpiError, match="no segment"):
        kpi_report(demo, ["Nobody"])
    with pytest.raises(KpiError, match="has no group 'Gold'"):
        kpi_report(demo, ["rfm:Gold"])
    with pytest.raises(KpiError, match="is a family"):
        kpi_report(demo, ["rfm"])
    with pytest.raises(KpiError, match="run segmint refresh"):
        kpi_report(workspace, family="rfm")


def test_a_segment_name_may_hold_a_colon(demo):
    document = kpi_report(demo, [COLON, "rfm:Champions"])
    same, group = document["segments"]
    assert (same["family"], group["family"], group["group"]) == (None, "rfm", "Champions")
    assert same["size"] > 0 and same["playbook"] is None and group["playbook"]["group"] == "Champions"
    for key in ("size", "revenue", "aov", "churn_rate", "nps", "predicted_clv"):
        assert same[key] == pytest.approx(group[key], rel=1e-12)


def test_revenue_is_the_exact_sum_of_the_stored_totals(demo):
    """Revenue (and revenue to date, historical_clv x size) is the stored DECIMAL totals summed exactly and
    then made a float, so the same data gives the same number on every run and 182669.27 is 182669.27.
    Before, the totals were made floats and then summed: 182669.26999999996 on one run, 182669.27 on the
    next, and the base's revenue 3919531.8000000077 (CLI and --json runs of one workspace disagreed)."""
    from decimal import Decimal

    document = kpi_report(demo, family="rfm", lang="en")
    period = document["period"]
    rows = demo.raw.execute(
        "SELECT m.group_name, o.total, CAST(o.ordered_at AS DATE) > CAST(? AS DATE) AS in_period "
        "FROM membership_history m JOIN orders o USING (customer_id) "
        "WHERE m.kind = 'family' AND m.ref = 'rfm' AND m.valid_to IS NULL "
        "AND o.status IN ('completed', 'pending') AND NOT o.is_guest "
        "AND CAST(o.ordered_at AS DATE) <= CAST(? AS DATE)",
        [period["start"], period["end"]],
    ).fetchall()
    in_period: dict[str, Decimal] = {}
    to_date: dict[str, Decimal] = {}
    for group, total, inside in rows:
        to_date[group] = to_date.get(group, Decimal(0)) + total
        if inside:
            in_period[group] = in_period.get(group, Decimal(0)) + total
    assert len(in_period) >= 5
    for row in document["segments"]:
        assert row["revenue"] == float(in_period.get(row["name"], Decimal(0))), row["name"]
        if row["size"]:
            assert row["historical_clv"] == float(to_date.get(row["name"], Decimal(0))) / row["size"]
    assert document["base"]["revenue"] == float(sum(in_period.values(), Decimal(0)))


def test_a_period_between_two_refreshes_measures_the_groups_against_the_base_of_their_day(demo):
    """--as-of a month after a refresh took the groups from that refresh but the base from the --as-of
    date: the customers who signed up in between were in no group, so the RFM shares added up to less
    than 100% and the groups' revenue to less than the base's. The base is now counted on the groups'
    day, which the document names (members_as_of)."""
    today = pd.Timestamp(kpi_report(demo, family="rfm")["period"]["end"]).date()
    refreshed = today - dt.timedelta(days=180)
    end = refreshed + dt.timedelta(days=30)
    signed_between = demo.raw.execute(
        "SELECT count(*) FROM customers WHERE merged_into IS NULL AND signup_date > ? AND signup_date <= ?",
        [refreshed, end],
    ).fetchone()[0]
    assert signed_between > 0  # else the two days would give one base
    document = kpi_report(demo, family="rfm", end=end, days=90)
    rows, base = document["segments"], document["base"]
    assert sum(row["size"] for row in rows) == base["size"]
    assert sum(row["share"] for row in rows) == pytest.approx(1.0)
    assert sum(row["revenue"] for row in rows) == pytest.approx(base["revenue"])
    assert (document["as_of"], document["members_as_of"]) == (end.isoformat(), refreshed.isoformat())
    assert kpi_report(demo, family="rfm", end=refreshed, days=90)["base"]["size"] == base["size"]
    assert kpi_report(demo, family="rfm")["members_as_of"] == today.isoformat()
