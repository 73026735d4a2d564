"""CLV predictions as rule fields: the refresh writes them into the features table, rules select exactly
the customers whose predictions (computed straight from the model) satisfy them, the churn_risk family
gets history, and thin data falls back to the historical average with no churn risk."""

from __future__ import annotations

import pytest
from tests.recording import recorded

import segmint
from segmint import Workspace, build_demo
from segmint.models.clv import predict_customers
from segmint.models.clv.features import COLUMNS
from segmint.rules import select_members


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("clv-fields") / "ws"
    build_demo(path, n_customers=1_500, seed=11)
    ws = Workspace.open(path)
    segmint.refresh(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def predictions(demo):
    """Straight from the model, not through the features table."""
    return predict_customers(demo).to_pandas().set_index("customer_id")


@pytest.mark.parametrize(
    ("rule", "select"),
    [
        ("clv_12m > 500", lambda p: p.clv_12m > 500),
        ('churn_risk = "high"', lambda p: p.churn_bucket == "high"),
        ('churn_risk in ("medium", "low")', lambda p: p.churn_bucket.isin(["medium", "low"])),
        ("p_alive < 0.3", lambda p: p.p_alive < 0.3),
        ("churn_probability >= 0.5", lambda p: p.churn_risk >= 0.5),
        ("expected_purchases_12m >= 1", lambda p: p.expected_purchases_12m >= 1),
        ('clv_12m > 1000 and churn_risk != "low"', lambda p: (p.clv_12m > 1000) & (p.churn_bucket != "low")),
    ],
)
def test_rules_select_exactly_the_customers_whose_predictions_satisfy_them(demo, predictions, rule, select):
    assert (predictions.clv_method == "model").all()
    expected = set(predictions.index[select(predictions).fillna(False)])
    selected = set(select_members(demo, rule).to_pandas().customer_id)
    assert expected, f"the demo should have customers with {rule}"
    assert selected == expected


def test_customers_without_a_purchase_have_no_predictions(demo, predictions):
    features = demo.raw.execute("SELECT customer_id, clv_12m, churn_risk FROM features").df()
    buyers = features.customer_id.isin(predictions.index)
    assert (~buyers).sum() > 0
    assert features[~buyers].clv_12m.isna().all() and features[~buyers].churn_risk.isna().all()
    assert features[buyers].clv_12m.notna().all()


def test_churn_risk_is_a_family_with_history(demo, predictions):
    counts = predictions.churn_bucket.value_counts().to_dict()
    for group in ("low", "medium", "high"):
        members = set(segmint.segments.members(demo, "churn_risk", group=group).to_pandas().customer_id)
        assert len(members) == counts[group]
        assert members == set(predictions.index[predictions.churn_bucket == group])


def test_thin_data_falls_back_to_the_historical_average(tmp_path):
    from tests.segments.tinyshop import build

    with build(tmp_path) as ws:
        segmint.refresh(ws)
        rows = ws.raw.execute(
            "SELECT customer_id, clv_method, churn_risk, p_alive, clv_12m FROM features ORDER BY 1"
        ).fetchall()
        by_id = {row[0]: row[1:] for row in rows}
        assert by_id["A"][0] == "historical_average" and by_id["A"][1] is None and by_id["A"][2] is None
        assert by_id["A"][3] > 0 and by_id["E"] == (None, None, None, None)  # E never bought
        assert select_members(ws, "clv_12m > 0").to_pandas().customer_id.tolist() == ["A", "B", "C", "D"]
        assert select_members(ws, 'churn_risk = "high"').count().execute() == 0


def test_the_stored_features_have_one_customer_id_column_and_the_predictions(demo):
    columns = list(demo.table("features").columns)
    assert columns.count("customer_id") == 1 and not any(c.startswith("customer_id_") for c in columns)
    assert set(COLUMNS) <= set(columns)


def test_the_features_come_with_the_purchases_the_clv_summary_counted(demo):
    """history's compute_features gives the features expression and, everyone being scored, the purchases
    the CLV summary counted on its day (the refresh records them, incremental.mark) by name, a Predicted:
    it was a pair its callers unpacked or indexed ([0]), and with_predictions's likewise."""
    from segmint.history.evaluate import compute_features
    from segmint.models.clv.features import Predicted, purchases

    day = segmint.rules.context.reference_date(demo)
    predicted = compute_features(demo, day)
    assert isinstance(predicted, Predicted)
    assert predicted.purchases == purchases(demo, day)
    assert set(COLUMNS) <= set(predicted.table.columns)
    assert predicted.table.count().execute() == demo.table("features").count().execute()


def _add_orders(ws, folder, customers: list[str], day) -> None:
    """One completed order dated `day` for each of `customers`, through the real importer."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from segmint import import_file

    (start,) = ws.raw.execute("SELECT count(*) FROM orders").fetchone()
    path = folder / f"orders-{start}.parquet"
    pq.write_table(
        pa.table(
            {
                "order_id": [f"KEPT{start + i:06d}" for i in range(len(customers))],
                "customer_id": customers,
                "ordered_at": [day] * len(customers),
                "total": [750.0] * len(customers),
                "status": ["completed"] * len(customers),
            }
        ),
        path,
    )
    assert import_file(ws, "orders", str(path), refresh=False).inserted == len(customers)


def _predictions(ws) -> dict:
    rows = ws.raw.execute(
        f"SELECT customer_id, {', '.join(COLUMNS)} FROM features WHERE clv_method IS NOT NULL"
    )
    return {row[0]: row[1:] for row in rows.fetchall()}


def test_a_refresh_keeps_the_fit_of_its_date_while_the_purchases_barely_move(tmp_path):
    """A few new orders on the same date: the stored fit scores everyone (only the buyers' predictions
    move, to what the kept model gives them); past REFIT_SHARE the model is fitted again."""
    import json

    from segmint.api.preview import preview
    from segmint.models.clv import ClvModel, predict
    from segmint.models.clv.features import REFIT_SHARE
    from segmint.models.clv.summary import workspace_summary

    build_demo(tmp_path / "ws", n_customers=800, seed=3)
    with Workspace.open(tmp_path / "ws") as ws:
        assert preview(ws, "clv_12m > 0")["count"] > 0  # fits a model on the spot, and writes nothing
        assert ws.raw.execute("SELECT count(*) FROM clv_fits").fetchone() == (0,)
        segmint.refresh(ws)
        day = ws.raw.execute("SELECT max(as_of) FROM membership_snapshots").fetchone()[0]
        ((fits, model),) = ws.raw.execute("SELECT count(*), any_value(model) FROM clv_fits").fetchall()
        assert fits == 1
        before = _predictions(ws)
        (purchases,) = ws.raw.execute("SELECT purchases FROM clv_fits").fetchone()
        few = sorted(before)[: max(1, int(purchases * REFIT_SHARE) // 2)]
        _add_orders(ws, tmp_path, few, day)
        summary = segmint.refresh(ws)
        assert summary.as_of == day
        assert ws.raw.execute("SELECT count(*) FROM clv_fits").fetchone() == (1,)  # kept
        after = _predictions(ws)
        kept = predict(ClvModel.from_dict(json.loads(model)), workspace_summary(ws, day), 12)
        expected = dict(zip(kept["customer_id"].to_pylist(), kept["clv_12m"].to_pylist(), strict=True))
        assert all(after[c][0] == pytest.approx(expected[c], rel=1e-12) for c in after)
        moved = {c for c in before if after[c] != before[c]}
        assert moved == set(few)
        # many more purchases: fitted again, on the new data
        many = sorted(before)[: int(purchases * REFIT_SHARE * 3)]
        _add_orders(ws, tmp_path, many, day)
        segmint.refresh(ws)
        assert ws.raw.execute("SELECT count(*) FROM clv_fits").fetchone() == (2,)
        fresh = predict_customers(ws, as_of=day).to_pandas().set_index("customer_id").clv_12m
        after = _predictions(ws)
        assert all(after[c][0] == pytest.approx(fresh[c], rel=1e-9) for c in after)


def test_predictions_copied_after_an_empty_scoring_stay_visible(tmp_path):
    """An incremental refresh with nobody to score puts no predictions in the temp table, then copies
    the stored ones after them. DuckDB 1.5.6 loses a large INSERT (over one row group, ~122k rows) that
    follows an empty one into the same table in a transaction: the copy must stay visible."""
    from segmint.models.clv.features import PREDICTIONS_TEMP, SCHEMA, _put

    with Workspace.init(tmp_path / "ws") as ws:
        ws.raw.execute(
            "CREATE TABLE stored AS SELECT 'C' || i AS customer_id, 10.0 AS clv_12m, 1.0 AS expected, "
            "0.9 AS p_alive, 0.1 AS churn, 'low' AS risk, 'model' AS method FROM range(130000) t(i)"
        )
        with ws.transaction() as raw:
            _put(ws, SCHEMA.empty_table())
            raw.execute(f"INSERT INTO {PREDICTIONS_TEMP} SELECT * FROM stored")
            counted = raw.execute(f"SELECT count(*), count(clv_12m) FROM {PREDICTIONS_TEMP}").fetchone()
        assert counted == (130_000, 130_000)


def test_a_refresh_with_nothing_new_recomputes_nobody_and_keeps_the_predictions(demo):
    before = demo.raw.execute(f"SELECT customer_id, {', '.join(COLUMNS)} FROM features ORDER BY 1").fetchall()
    summary = segmint.refresh(demo)
    assert (summary.incremental, summary.recomputed, summary.entered, summary.exited) == (True, 0, 0, 0)
    after = demo.raw.execute(f"SELECT customer_id, {', '.join(COLUMNS)} FROM features ORDER BY 1").fetchall()
    assert after == before


def test_the_models_count_pending_orders_as_purchases_as_the_kpis_do(tmp_path):
    """A pending order is a purchase for the KPIs, the rules and the report (rules.fields.PURCHASE_STATUSES),
    so the CLV summary and the fit check count it too; the figures come from pandas on the orders table."""
    from segmint.kpis.inputs import purchases as kpi_purchases
    from segmint.models.clv.features import purchases
    from segmint.models.clv.summary import workspace_summary
    from segmint.rules.context import reference_date

    build_demo(tmp_path / "ws", n_customers=300, seed=5)
    with Workspace.open(tmp_path / "ws") as ws:
        ws.raw.execute(
            "UPDATE orders SET status = 'pending' WHERE status = 'completed' AND hash(order_id) % 3 = 0"
        )
        day = reference_date(ws)
        orders = ws.raw.execute("SELECT * FROM orders").df()
        bought = orders[
            orders.status.isin(["completed", "pending"])
            & ~orders.is_guest
            & orders.customer_id.notna()
            & (orders.ordered_at.dt.date <= day)
        ]
        assert (bought.status == "pending").sum() > 100
        count, value = purchases(ws, day)
        assert count == len(bought)
        assert float(value) == pytest.approx(bought.total.astype(float).sum(), abs=1e-6)

        summary = workspace_summary(ws, day)
        spend = dict(zip(summary.customer_id, summary.total_spend, strict=True))
        days = bought.assign(day=bought.ordered_at.dt.date).groupby("customer_id").day.nunique()
        assert dict(zip(summary.customer_id, summary.x + 1, strict=True)) == days.to_dict()
        expected = bought.groupby("customer_id").total.sum().astype(float)
        assert spend == pytest.approx(expected.to_dict(), abs=1e-6)
        kpis = kpi_purchases(ws).to_pandas()
        kpis = kpis[kpis.ordered_at.dt.date <= day].groupby("customer_id").total.sum()
        assert spend == pytest.approx(kpis.to_dict(), abs=1e-6)


def test_a_full_refresh_checks_the_kept_fit_on_the_summary_without_a_scan_of_its_own(tmp_path):
    """Recomputing everyone with the fit of the date kept: the purchases the fit is checked on come from
    the CLV summary, which reads every purchase anyway (number and exact value: purchases() gives the
    same), not from a scan of every order of their own (0.3-0.9 s at 10M orders); a new fit is stored
    with them too. The statements are recorded as the real workspace runs them."""
    import pyarrow as pa

    from segmint.models.clv.features import purchases
    from segmint.models.clv.summary import summary_expr, workspace_purchases

    build_demo(tmp_path / "ws", n_customers=400, seed=7)
    with Workspace.open(tmp_path / "ws") as ws:
        ws.raw.execute("UPDATE orders SET status = 'pending' WHERE hash(order_id) % 4 = 0")
        segmint.refresh(ws)
        day, count, value = ws.raw.execute("SELECT as_of, purchases, purchase_value FROM clv_fits").fetchone()
        exact = purchases(ws, day)
        assert (count, value) == (exact[0], float(exact[1]))  # the fit stored with the summary's counts

        before = _predictions(ws)
        with recorded(ws) as statements:
            segmint.refresh(ws, incremental=False)
        seen = [" ".join(str(sql).split()) for sql in statements]
        assert ws.raw.execute("SELECT count(*) FROM clv_fits").fetchone() == (1,)  # kept
        assert _predictions(ws) == before
        # (the watermark of the purchases counts only the orders imported since the last one)
        scans = [sql for sql in seen if "sum(total)" in sql and "imported_at >" not in sql]
        assert scans == []

        from segmint.models.clv.features import purchases_of  # (after the scan: new)

        summary = summary_expr(workspace_purchases(ws), day, orders=True).to_pyarrow()
        assert purchases_of(summary) == exact and str(purchases_of(summary)[1]) == str(exact[1])
        nobody = pa.table({"n_orders": pa.array([], pa.int64()), "spend": summary["spend"][:0]})
        assert purchases_of(nobody) == (0, 0)
