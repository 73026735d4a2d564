"""in_segment("name") finds a segment by the name in any spelling every segment command accepts
(segments.model.spelling: a no-break space is a space, surrounding spaces go, NFC): a name pasted from
Word or Telegram with a no-break space was "unknown segment 'Мій\\xa0сегмент'; did you mean 'Мій сегмент'?",
a suggestion that looked exactly like what was typed (s34 rules finding 1)."""

from __future__ import annotations

import unicodedata

import pytest

import segmint
from segmint.rules import parse_rule, select_members
from segmint.rules.compile import check_segment_names
from segmint.segments import SegmentError

SPELLINGS = [
    "Мій\u00a0сегмент",  # a no-break space, as pasted
    "Мій сегмент ",  # a trailing space
    unicodedata.normalize("NFD", "Мій сегмент"),  # й typed as и + a combining breve
]


def ids(table) -> set[str]:
    return set(table.to_pyarrow().column("customer_id").to_pylist())


@pytest.mark.parametrize("written", SPELLINGS, ids=["nbsp", "trailing-space", "nfd"])
def test_in_segment_reads_a_segment_by_any_spelling_of_its_name(shop, written):
    segmint.segments.create(shop, "Мій сегмент", "total_spent > 250")
    segmint.segments.create(shop, "Ст атичний", kind="static", members=["A", "C"])
    expected = ids(segmint.segments.members(shop, "Мій сегмент"))
    assert expected == {"B", "D"}

    rule = f'in_segment("{written}")'
    assert ids(select_members(shop, rule)) == expected
    check_segment_names(parse_rule(rule), {s.name: s for s in segmint.segments.all_segments(shop)})
    segmint.segments.create(shop, "R1", rule)  # dynamic: compiled inline (Resolver.rule_of)
    assert ids(segmint.segments.members(shop, "R1")) == expected
    segmint.segments.create(shop, "R2", rule, kind="static")  # frozen through the resolver
    assert ids(segmint.segments.members(shop, "R2")) == expected
    static = 'in_segment("Ст\u00a0атичний ")'
    assert ids(select_members(shop, static)) == {"A", "C"}

    # the segment's readers are found in that spelling too: it cannot be deleted or renamed under them
    with pytest.raises(SegmentError) as refused:
        segmint.segments.delete(shop, "Мій сегмент")
    assert refused.value.code == "delete.read_by" and refused.value.params["readers"] == ["R1", "R2"]
    with pytest.raises(SegmentError) as refused:
        segmint.segments.edit(shop, "Мій сегмент", new_name="Інший")
    assert refused.value.code == "rename.read_by"


def test_a_circle_through_another_spelling_is_still_a_cycle(shop):
    from segmint.errors import RuleError

    segmint.segments.create(shop, "Мій сегмент", "total_spent > 250")
    segmint.segments.create(shop, "B", 'in_segment("Мій\u00a0сегмент")')
    with pytest.raises(RuleError) as refused:
        segmint.segments.edit(shop, "Мій сегмент", rule='in_segment("B") and total_spent > 0')
    assert refused.value.code == "segment.cycle"
