"""A Ukrainian or Russian workspace reads the built-in families' groups by their labels (families/labels.py):
`segmint refresh`, `kpis --family rfm`, `segments list` and `playbook` print "Чемпіони (Champions)", the
label and the key a rule takes. Before, they printed the English keys alone. The keys stay the data:
--json documents keep them unchanged, and a group of one's own RFM map is shown as it is named."""

from __future__ import annotations

import functools
import json
import re
import shutil

import pytest
from tests import cli
from tests.rfm_maps import use_own_rfm_map

from segmint import localize
from segmint.families.features import FAMILIES
from segmint.models.clv.features import CHURN_GROUPS

# the workspace's language, not the English tests/cli.py asks for by default
ok = functools.partial(cli.ok, language=None, wide=True)
CYRILLIC = re.compile("[а-яіїєґё]", re.I)
SHOWN = {
    "uk": ("Чемпіони (Champions)", "Під загрозою відтоку (At Risk)", "Сплячі (Hibernating)",
           "Колишні (lapsed)", "Холодні (cold)"),
    "ru": ("Чемпионы (Champions)", "Под угрозой оттока (At Risk)", "Спящие (Hibernating)",
           "Ушедшие (lapsed)", "Холодные (cold)"),
}  # fmt: skip


def _labels():
    """The catalogue, imported on use: each test first checks the words old code did not print."""
    from segmint.families import labels

    return labels


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small refreshed demo shop in a workspace per language."""
    root = tmp_path_factory.mktemp("labels")
    cli.ok("demo", root / "uk", "--customers", "300")
    for lang in ("ru", "en"):
        shutil.copytree(root / "uk", root / lang)
        settings = root / lang / "segmint.toml"
        settings.write_text(
            settings.read_text(encoding="utf-8").replace('language = "uk"', f'language = "{lang}"'),
            encoding="utf-8",
        )
    return root


def test_every_built_in_group_has_a_ukrainian_and_a_russian_label():
    labels = _labels()
    built_in = {name: family.groups for name, family in FAMILIES.items() if family.groups}
    built_in |= {"churn_risk": CHURN_GROUPS, "preferences": ("none",)}
    for family, groups in built_in.items():
        assert set(labels.LABELS[family]) == set(groups), family
        for group in groups:
            for lang in ("uk", "ru"):
                worded = labels.label(family, group, lang)
                assert worded.strip() and (CYRILLIC.search(worded) or worded == group == "VIP"), group
            assert labels.label(family, group, "en") == labels.shown(family, group, "en") == group
    # a name the catalogue does not have is shown as it is: a category, one's own group, a persona
    assert labels.shown("preferences", "books", "uk") == "books"
    assert labels.shown("rfm", "Best", "ru") == "Best" and labels.shown("cluster", "2", "uk") == "2"


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_the_refresh_summary_names_groups_by_their_labels(demo, lang):
    shown = ok("-w", demo / lang, "refresh").stderr
    document = json.loads(ok("-w", demo / lang, "refresh", "--json").stdout)
    for words in SHOWN[lang]:
        assert words in shown, shown
    labels = _labels()
    for family, groups in document["families"].items():
        for group, size in groups.items():
            assert f"{labels.shown(family, group, lang)} {localize.number(size, 0, lang)}" in shown, shown
    # --json: the keys, as before
    assert set(document["families"]["rfm"]) <= set(labels.LABELS["rfm"])
    assert "Champions" in document["families"]["rfm"] and "lapsed" in document["families"]["lifecycle"]
    assert not CYRILLIC.search(json.dumps(document["families"], ensure_ascii=False))


def test_an_english_workspace_reads_the_keys_as_before(demo):
    shown = ok("-w", demo / "en", "refresh").stderr
    assert re.search(r"Champions \d", shown) and "(Champions)" not in shown, shown
    kpis = ok("-w", demo / "en", "kpis", "--family", "rfm").stderr
    assert "│ Champions " in kpis and "(Champions)" not in kpis, kpis


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_kpis_of_the_rfm_family_name_groups_by_their_labels(demo, lang):
    shown = ok("-w", demo / lang, "kpis", "--family", "rfm", "--insights").stderr
    document = json.loads(ok("-w", demo / lang, "kpis", "--family", "rfm", "--json").stdout)
    names = [row["name"] for row in document["segments"]]
    assert names == list(FAMILIES["rfm"].groups)  # --json: the keys, as before
    assert all(row["group"] == row["name"] and row["family"] == "rfm" for row in document["segments"])
    rows = [line for line in shown.splitlines() if line.startswith("│")]
    assert any(line.startswith(f"│ {SHOWN[lang][0]} ") for line in rows), shown
    assert SHOWN[lang][1] in shown, shown
    labels = _labels()
    for name in names:
        assert any(line.startswith(f"│ {labels.shown('rfm', name, lang)} ") for line in rows), (name, shown)
    # a group named on the command line keeps the name typed beside its label
    typed = ok("-w", demo / lang, "kpis", "rfm:Champions").stderr
    champions = SHOWN[lang][0].removesuffix(" (Champions)")
    assert f"{champions} (rfm:Champions)" in typed, typed


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_segments_list_and_the_playbook_name_groups_by_their_labels(demo, lang):
    listed = ok("-w", demo / lang, "segments", "list").stderr
    for words in SHOWN[lang]:
        assert f"│ {words} " in listed, listed
    overview = json.loads(ok("-w", demo / lang, "segments", "list", "--json").stdout)
    rfm = next(family for family in overview["families"] if family["name"] == "rfm")
    assert [group["name"] for group in rfm["groups"]] == list(FAMILIES["rfm"].groups)
    book = ok("-w", demo / lang, "playbook", "--family", "rfm").stderr
    assert SHOWN[lang][0] in book, book
    plays = json.loads(ok("-w", demo / lang, "playbook", "--json").stdout)["plays"]
    assert {"rfm", "Champions"} <= {value for play in plays for value in (play["family"], play["group"])}


def test_a_group_of_ones_own_rfm_map_is_shown_as_it_is_named(demo, tmp_path):
    ws = tmp_path / "own"
    shutil.copytree(demo / "uk", ws)
    settings = ws / "segmint.toml"
    own = (
        'groups = [\n  { name = "Best", r = [4, 5], fm = [4, 5] },\n'
        '  { name = "Усі інші", r = [1, 5], fm = [1, 5] },\n]'
    )
    text = re.sub(
        r"groups = \[\n.*?\n\]", lambda _: own, settings.read_text(encoding="utf-8"), count=1, flags=re.S
    )
    settings.write_text(text, encoding="utf-8")
    shown = ok("-w", ws, "refresh").stderr
    groups = json.loads(ok("-w", ws, "refresh", "--json").stdout)["families"]["rfm"]
    assert set(groups) == {"Best", "Усі інші", "No Purchases"}
    line = next(line for line in shown.splitlines() if line.startswith("  rfm: "))
    assert f"Best {groups['Best']}," in line and f"Усі інші {groups['Усі інші']}" in line, shown
    assert "(Best)" not in line and "Без покупок (No Purchases)" in line, shown


def test_a_built_in_name_of_ones_own_rfm_map_for_other_scores_is_shown_as_it_is_named(demo, tmp_path):
    """A map of one's own that calls other cells "Champions" (the least recent buyers here) named them
    "Чемпіони (Champions)": the label of the built-in group, a meaning the user's name does not have. The
    name the user chose is shown as it is; a row that keeps a built-in group's cells (Loyal here) and No
    Purchases, segmint's own, keep their labels, and --json the keys."""
    labels = _labels()
    ws = tmp_path / "own"
    shutil.copytree(demo / "uk", ws)
    settings = use_own_rfm_map(ws)
    shown = ok("-w", ws, "refresh").stderr
    groups = json.loads(ok("-w", ws, "refresh", "--json").stdout)["families"]["rfm"]
    assert set(groups) == {"Champions", "Loyal", "Everyone else", "No Purchases"}
    line = next(line for line in shown.splitlines() if line.startswith("  rfm: "))
    assert f"Champions {groups['Champions']}," in line and "(Champions)" not in line, shown
    assert f"Лояльні (Loyal) {groups['Loyal']}" in line and "Без покупок (No Purchases)" in line, shown
    kpis = ok("-w", ws, "kpis", "--family", "rfm").stderr
    assert "│ Champions " in kpis and "Чемпіони" not in kpis and "│ Лояльні (Loyal) " in kpis, kpis
    book = ok("-w", ws, "playbook", "--family", "rfm").stderr
    assert "Чемпіони" not in book and "Лояльні (Loyal)" in book, book
    ok("-w", ws, "report", "-o", tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Чемпіони" not in page and "Лояльні (Loyal)" in page  # its KPI and playbook tables
    # the rule: a name the catalogue has, over other cells than the built-in group's
    from segmint.config import STANDARD_RFM_GROUPS, Settings, load_settings

    assert labels.own_groups(load_settings(settings).families) == {("rfm", "Champions")}
    assert labels.own_groups(Settings().families) == frozenset()
    standard = Settings().families.model_copy(deep=True)
    standard.rfm.bins = 3  # the same map on terciles: the same groups
    standard.rfm.groups = [*STANDARD_RFM_GROUPS, STANDARD_RFM_GROUPS[0]]  # a row that names no cell
    assert labels.own_groups(standard) == frozenset()
