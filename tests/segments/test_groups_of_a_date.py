"""A family's groups change: segmint.toml's RFM map renames one, or a clustering is fitted again. A rule
is evaluated on features computed with today's definitions, as the next refresh will compute them: the
stored features of the last refresh, made under the old map, gave `rfm.group = "<new name>"` nobody
(silently, the check had passed it) and a segment saved then was empty until the next refresh."""

from __future__ import annotations

import pytest

import segmint as sm
from segmint import segments
from segmint.api.preview import preview
from segmint.rules import select_members

from .test_history_groups_of_then import _ids, _rename
from .tinyshop import TODAY


def test_a_rule_reads_the_groups_of_now_before_the_next_refresh(shop):
    """D is At Risk on the reference date; the map renames the group to Slipping, no refresh yet."""
    sm.refresh(shop)
    ws = _rename(shop, "At Risk", "Slipping")
    try:
        rule = 'rfm.group = "Slipping"'
        assert _ids(select_members(ws, rule)) == {"D"}
        assert _ids(select_members(ws, rule, as_of=TODAY)) == {"D"}
        assert preview(ws, rule)["count"] == 1
        assert segments.create(ws, "Slipping", rule) and _ids(segments.members(ws, "Slipping")) == {"D"}
        with pytest.raises(sm.RuleError, match="has no group 'At Risk'"):  # checked and read alike
            select_members(ws, 'rfm.group = "At Risk"')
        # the member columns are those of now too, as the members are
        table = segments.member_table(ws, "Slipping", ["customer_id", "rfm_group"], as_of=TODAY)
        assert table.to_pyarrow().to_pylist() == [{"customer_id": "D", "rfm_group": "Slipping"}]
        assert sm.refresh(ws).segments == {"Slipping": 1}  # the refresh agrees
        assert _ids(select_members(ws, rule)) == {"D"}  # and its stored features are read again
    finally:
        ws.close()
