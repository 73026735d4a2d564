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


def test_a_name_beyond_the_twenty_listed_is_still_suggested_and_the_list_says_it_is_cut(shop):
    """Hunt U6: the known names were cut to 20 before the close one was looked for, so a case-only typo of
    the 21st segment got no suggestion, and the list stopped without saying so."""
    from segmint.segments import SegmentError
    from segmint.web.segment_errors import word

    for n in range(21):
        segmint.segments.create(shop, f"s{n:02}", f"total_spent > {n}")
    segmint.segments.create(shop, "Сплячі VIP", "total_spent > 250")
    with pytest.raises(SegmentError) as refused:
        segmint.segments.members(shop, "сплячі vip")
    assert refused.value.params["hint"] == "Сплячі VIP"
    assert len(refused.value.params["known"]) == 20 and refused.value.params["more"] == 2
    assert str(refused.value).endswith("s19 and 2 more")
    assert word(refused.value, "uk").endswith("s19 і ще 2") and "(можливо, 'Сплячі VIP'?)" in word(
        refused.value, "uk"
    )
    assert word(refused.value, "ru").endswith("s19 и ещё 2")
