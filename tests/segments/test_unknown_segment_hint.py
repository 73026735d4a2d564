"""A new segment whose rule names an unknown segment (hunt-web W15): the error suggested the segment being
saved ("unknown segment 'Нема'; did you mean 'Нема2'?"), a rule that would name itself. It suggests another
segment when one is close, and none otherwise; nothing is stored."""

from __future__ import annotations

import pytest

import segmint
from segmint import Workspace, build_demo
from segmint.errors import RuleError


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hint") / "ws"
    build_demo(folder, n_customers=150, seed=3)
    return folder


def test_the_segment_being_saved_is_not_suggested_for_an_unknown_one(path):
    with Workspace.open(path) as ws:
        with pytest.raises(RuleError) as refused:
            segmint.segments.create(ws, "Нема2", 'in_segment("Нема")')
        assert refused.value.code == "segment.unknown" and "hint" not in refused.value.params
        assert "did you mean" not in str(refused.value) and "Нема2" in str(refused.value)  # names its segment
        assert segmint.segments.find(ws, "Нема2") is None

        segmint.segments.create(ws, "Немає", "total_spent > 100")
        with pytest.raises(RuleError) as refused:
            segmint.segments.create(ws, "Нема2", 'in_segment("Нема")')
        assert refused.value.params.get("hint") == "Немає"  # another close name is still suggested
