"""Arms drawn one customer at a time for triggered messages (segmint.campaigns.automation)."""

from __future__ import annotations

from collections import Counter

from segmint.campaigns.automation import draw_arms


def test_arms_drawn_one_at_a_time_follow_the_shares_and_do_not_depend_on_the_batch():
    ids = [f"c{i}" for i in range(20_000)]
    arms = draw_arms("seed", ids, 0.1, ["A", "B"])
    counts = Counter(arms)
    n = len(ids)
    # binomial: the holdout share is 0.1 within 4 standard deviations, variants split the rest evenly
    assert abs(counts["holdout"] / n - 0.1) < 4 * (0.1 * 0.9 / n) ** 0.5
    assert abs(counts["A"] - counts["B"]) < 4 * (0.9 * n) ** 0.5
    # the same customer gets the same arm alone or in a batch, and another seed draws again
    assert [draw_arms("seed", [c], 0.1, ["A", "B"])[0] for c in ids[:200]] == arms[:200]
    assert draw_arms("other", ids, 0.1, ["A", "B"]) != arms
    assert set(draw_arms("seed", ids[:500], 0.0, ["A"])) == {"A"}
