"""An unknown id is named in a stable order: sorted, as `not a member of …` names its ids. The ids came in
whatever order DuckDB's anti join gave (`no customer has the id 'C017', 'C001'` for [C001, C017], the
example docs/segments.md's YAML had), so the same mistake could be reported differently and a test could
not quote it."""

from __future__ import annotations

import pytest

import segmint
from segmint import SegmentError
from segmint.web.segment_errors import word


@pytest.mark.parametrize(
    ("ids", "shown", "named", "more"),
    [
        (["C001", "C017"], "'C001', 'C017'", ["C001", "C017"], 0),
        (["C017", "C001", "A"], "'C001', 'C017'", ["C001", "C017"], 0),
        (
            ["Z9", "Z1", "Z5", "Z3", "Z7", "Z2", "Z8"],
            "'Z1', 'Z2', 'Z3', 'Z5', 'Z7' and 2 more",
            ["Z1", "Z2", "Z3", "Z5", "Z7"],
            2,
        ),
    ],
)
def test_unknown_ids_are_named_sorted(shop, ids, shown, named, more):
    with pytest.raises(SegmentError) as caught:
        segmint.segments.create(shop, "Ids", kind="static", members=ids)
    assert caught.value.code == "ids.unknown"
    given = {"ids": named, **({"more": more} if more else {})}
    assert caught.value.params == given  # the ids themselves, not the message's quoted text
    assert str(caught.value) == f"no customer has the id {shown}"
    worded = shown.replace(" and 2 more", " і ще 2")
    assert word(caught.value, "uk") == f"немає клієнта з ідентифікатором {worded}"  # as the English quotes
    with pytest.raises(SegmentError) as removing:
        segmint.segments.create(shop, "Some", kind="static", members=["A"])
        segmint.segments.remove_members(shop, "Some", ids)
    assert removing.value.params == given
