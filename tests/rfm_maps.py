"""An RFM map of one's own, written into a workspace's segmint.toml, for the tests of how its groups are
named (tests/test_cli_group_labels.py, tests/web/test_family_page.py): "Champions" for other cells than the
built-in group's (the least recent buyers), "Loyal" over the built-in Loyal's cells, "Everyone else" for the
rest. The tests wrote the same map each; one copy keeps them testing the same map."""

from __future__ import annotations

import re
from pathlib import Path

OWN_RFM_GROUPS = (
    "groups = [\n"
    '  { name = "Champions", r = [1, 2], fm = [1, 5] },\n'
    '  { name = "Loyal", r = [3, 4], fm = [4, 5] },\n'
    '  { name = "Everyone else", r = [1, 5], fm = [1, 5] },\n'
    "]"
)


def use_own_rfm_map(workspace: Path) -> Path:
    """Put OWN_RFM_GROUPS in place of the RFM map in the workspace's segmint.toml (its first `groups`
    array, [families.rfm]'s in the settings a workspace is made with); the settings file."""
    settings = Path(workspace) / "segmint.toml"
    text = settings.read_text(encoding="utf-8")
    changed = re.sub(r"groups = \[\n.*?\n\]", lambda _: OWN_RFM_GROUPS, text, count=1, flags=re.S)
    assert changed != text, "no RFM map to replace in " + str(settings)
    settings.write_text(changed, encoding="utf-8")
    return settings
