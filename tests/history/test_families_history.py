"""Family history on the synthetic demo shop: transitions against an independent pandas crosstab of the
features computed on each date, and the `features` table following only the latest refresh."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from segmint import Workspace, build_demo, history, refresh
from segmint.families import compute_features
from segmint.rules import CompileContext

A, B = dt.date(2025, 3, 31), dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "ws"
    build_demo(path, n_customers=400, seed=5)
    ws = Workspace.open(path)
    refresh(ws, as_of=B)
    refresh(ws, as_of=A)  # spliced before B, and must not replace B's features table
    yield ws
    ws.close()


def groups_on(ws, day: dt.date, column: str) -> pd.Series:
    ctx = CompileContext.from_backend(ws.con, today=day)
    frame = compute_features(ctx, ws.settings.families).select("customer_id", column).to_pandas()
    return frame.set_index("customer_id")[column]


@pytest.mark.parametrize(("family", "column"), [("rfm", "rfm_group"), ("lifecycle", "lifecycle_stage")])
def test_transitions_equal_a_pandas_crosstab_of_the_features(demo, family, column):
    before, after = groups_on(demo, A, column), groups_on(demo, B, column)
    both = pd.concat([before.rename("from"), after.rename("to")], axis=1).fillna("(none)")
    expected = both.value_counts().to_dict()
    got = {
        (row["from_group"] or "(none)", row["to_group"] or "(none)"): row["customers"]
        for row in history.transitions(demo, family, A, B).to_pyarrow().to_pylist()
    }
    assert got == expected
    assert sum(got.values()) == len(after)  # nobody leaves the demo shop; some sign up after A
    matrix = history.transition_matrix(demo, family, A, B)
    assert sum(map(sum, matrix["matrix"])) == len(after)


def test_the_features_table_is_the_latest_refresh(demo):
    stored = demo.table("features").select("customer_id", "rfm_group").to_pandas()
    assert stored.set_index("customer_id")["rfm_group"].sort_index().equals(
        groups_on(demo, B, "rfm_group").sort_index()
    )
