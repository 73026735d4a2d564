"""segmint.experiments.assign: stratified holdout, even variant split, reproducible for a seed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from segmint.experiments import HOLDOUT, ExperimentError, assign


def _members(sizes: dict[str, int]) -> pd.DataFrame:
    rows = [(f"{seg[:3]}-{i}", seg) for seg, n in sizes.items() for i in range(n)]
    return pd.DataFrame(rows, columns=["customer_id", "segment"])


SIZES = {"At Risk": 1_003, "Champions": 257, "Новачки": 40, "Tiny": 1}


@pytest.mark.parametrize("share", [0.0, 0.1, 0.25, 0.5])
def test_holdout_share_is_exact_per_segment(share):
    out = assign(_members(SIZES), holdout_share=share, variants=["A", "B", "C"], seed="s1")
    for seg, n in SIZES.items():
        arms = out.loc[out["segment"] == seg, "arm"]
        assert (arms == HOLDOUT).sum() == math.floor(n * share + 0.5), seg
        treated = arms[arms != HOLDOUT].value_counts()
        assert treated.sum() == n - (arms == HOLDOUT).sum()
        if len(treated):
            assert treated.max() - treated.min() <= 1, (seg, treated.to_dict())
            assert treated.sum() < 3 or set(treated.index) == {"A", "B", "C"}


def test_keeps_input_rows_and_order():
    members = _members(SIZES).sample(frac=1, random_state=3).set_index(pd.Index(range(500, 1801)))
    out = assign(members, seed="x")
    assert list(out.columns) == ["customer_id", "segment", "arm"]
    assert out["customer_id"].tolist() == members["customer_id"].tolist()
    assert out["segment"].tolist() == members["segment"].tolist()
    assert set(out["arm"]) == {HOLDOUT, "A"}


def test_deterministic_for_a_seed_and_independent_of_row_order():
    members = _members(SIZES)
    first = assign(members, variants=["A", "B"], seed="spring-sale")
    shuffled = assign(members.sample(frac=1, random_state=7), variants=["A", "B"], seed="spring-sale")
    by_id = shuffled.set_index("customer_id")["arm"]
    assert (first.set_index("customer_id")["arm"] == by_id.loc[first["customer_id"]].to_numpy()).all()
    other = assign(members, variants=["A", "B"], seed="autumn-sale")
    assert (other["arm"] != first["arm"]).mean() > 0.3  # a different seed draws a different split


def test_assignment_is_random_not_ordered_by_id():
    # customers numbered 0..9999 in one segment: the holdout must not be a block of ids; its id
    # numbers should look uniform (Kolmogorov-Smirnov against the uniform distribution)
    members = pd.DataFrame({"customer_id": [f"c{i:05d}" for i in range(10_000)], "segment": "all"})
    out = assign(members, holdout_share=0.1, seed="ks")
    ids = out.loc[out["arm"] == HOLDOUT, "customer_id"].str[1:].astype(int).to_numpy()
    assert len(ids) == 1_000
    assert stats.kstest(ids / 10_000, "uniform").pvalue > 0.001
    # over many seeds each customer is held out about 10% of the time
    hits = np.zeros(200)
    small = members.iloc[:200]
    for k in range(300):
        hits += (assign(small, holdout_share=0.1, seed=f"seed-{k}")["arm"] == HOLDOUT).to_numpy()
    assert abs(hits.mean() / 300 - 0.1) < 1e-9  # exactly 20 of 200 every time
    assert stats.chisquare(hits).pvalue > 0.001  # and no customer is favoured


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"holdout_share": 1.0}, "holdout_share"),
        ({"holdout_share": -0.1}, "holdout_share"),
        ({"variants": []}, "at least one variant"),
        ({"variants": ["A", "A"]}, "its own name"),
        ({"variants": ["holdout"]}, "its own name"),
        ({"seed": ""}, "seed"),
    ],
)
def test_bad_parameters_are_refused(kwargs, message):
    args = {"seed": "s", **kwargs}
    with pytest.raises(ExperimentError, match=message):
        assign(_members({"x": 5}), **args)


def test_duplicate_customers_and_missing_columns_are_refused():
    dup = pd.DataFrame({"customer_id": ["a", "b", "a"], "segment": ["x", "x", "y"]})
    with pytest.raises(ExperimentError, match=r"more than once.*'a'"):
        assign(dup, seed="s")
    with pytest.raises(ExperimentError, match="segment"):
        assign(pd.DataFrame({"customer_id": ["a"]}), seed="s")


def test_empty_audience():
    out = assign(pd.DataFrame({"customer_id": [], "segment": []}), seed="s")
    assert out.empty and list(out.columns) == ["customer_id", "segment", "arm"]
