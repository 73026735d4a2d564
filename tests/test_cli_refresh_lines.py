"""The refresh summary (`segmint refresh`, and the one an import prints) lists each family's groups with
their sizes; in an 80-column terminal a family's line is broken only between groups. Rich wrapped it at any
space: on UCI Online Retail II the rfm line ended in "No" and went on with "Purchases 69", and a Ukrainian
size such as "1 743" (a no-break space inside) could be split too."""

from __future__ import annotations

import json

import pytest
from tests.cli import ok

from segmint.families import labels

ONLINE_RETAIL_II = "online_retail_ii/online_retail_ii_2009_2010.parquet"


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_familys_groups_are_not_split_over_lines(tmp_path, shared_data, lang):
    ws = tmp_path / "ws"
    ok("init", ws, "--language", lang)
    imported = ok(
        "-w", ws, "import", "orders", shared_data / ONLINE_RETAIL_II, "--preset", "online-retail",
        language=None, columns=80,
    ).stderr  # fmt: skip
    refreshed = ok("-w", ws, "refresh", language=None, columns=80).stderr
    families = json.loads(ok("-w", ws, "refresh", "--json").stdout)["families"]
    assert "No Purchases" in families["rfm"] and max(families["rfm_simple"].values()) >= 1000
    for shown in (imported, refreshed):
        lines = [_plain(line) for line in shown.splitlines()]
        assert all(len(line) <= 80 for line in lines), shown
        starts = {
            family: i
            for i, line in enumerate(lines)
            for family in families
            if line.startswith(f"  {family}: ")
        }
        for family, groups in families.items():
            # its line and the ones after it, up to the next family's or the segments' table
            at = starts[family]
            ends = [
                *(i for i in starts.values() if i > at),
                *(i for i, line in enumerate(lines) if line.startswith("┏")),
            ]
            listed = lines[at : min([i for i in ends if i > at], default=len(lines))]
            for group, size in groups.items():
                written = f"{size:,}".replace(",", " " if lang == "uk" else ",")
                named = labels.shown(family, group, lang)  # uk: Чемпіони (Champions) (families/labels.py)
                assert any(f"{named} {written}" in line for line in listed), (family, group, shown)
            assert all(line.startswith("    ") for line in listed[1:]), shown  # under its family's name
