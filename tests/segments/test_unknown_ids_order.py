"""An unknown id is named in a stable order: sorted, as `not a member of …` names its ids. The ids came in
whatever order DuckDB's anti join gave (`no customer has the id 'C017', 'C001'` for [C001, C017], the
example docs/segments.md's YAML had), so the same mistake could be reported differently and a test could
not quote it."""

from __future__ import annotations

import pytest

import segmint
from segmint import SegmentError


@pytest.mark.parametrize(
    ("ids", "shown"),
    [
        (["C001", "C017"], "'C001', 'C017'"),
        (["C017", "C001", "A"], "'C001', 'C017'"),
        (["Z9", "Z1", "Z5", "Z3", "Z7", "Z2", "Z8"], "'Z1', 'Z2', 'Z3', 'Z5', 'Z7' …"),
    ],
)
def test_unknown_ids_are_named_sorted(shop, ids, shown):
    with pytest.raises(SegmentError) as caught:
        segmint.segments.create(shop, "Ids", kind="static", members=ids)
    assert caught.value.code == "ids.unknown"
    assert caught.value.params == {"ids": shown}
    assert str(caught.value) == f"no customer has the id {shown}"
    with pytest.raises(SegmentError) as removing:
        segmint.segments.create(shop, "Some", kind="static", members=["A"])
        segmint.segments.remove_members(shop, "Some", ids)
    assert removing.value.params == {"ids": shown}
