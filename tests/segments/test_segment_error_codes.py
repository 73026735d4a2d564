"""Every SegmentError the library raises carries a stable code and params, and the web UI words every code in
Ukrainian and Russian (web/segment_errors.py, segment_errors_ru.py) instead of matching the English text, as
it does rule errors (tests/rules/test_error_codes.py). One real refusal per code on a real workspace; a scan
of the source fails when a raise site of the coded modules has no code, or a code no wording. Also hunt-cli
L4: a name that is neither a segment nor a family suggests the nearest one and lists the families."""

from __future__ import annotations

import ast as pyast
import re
import string
from pathlib import Path

import pytest
from tests.cli import segmint as run

import segmint
from segmint import history, triggers
from segmint.segments import store
from segmint.segments.model import SegmentError, check_kind, check_name
from segmint.web.messages import translate
from segmint.web.segment_errors import UK
from segmint.web.segment_errors_ru import RU

from .tinyshop import BIG

SOURCE = Path(segmint.__file__).parent
# the modules whose every SegmentError has a code (the others: see CODED_NOT_YET)
CODED = ("segments/model.py", "segments/store.py", "history/queries.py")
FOREIGN = {"uk": "ыэъёЫЭЪЁ", "ru": "іїєґІЇЄҐ"}  # letters of the other language only
ENGLISH = re.compile(r"\b(the|no|named|known|did you mean|is not|cannot|needs|choose|already|exists|has)\b")
PARTS = {"segment.unknown.hint", "segment.unknown.families", "segment.unknown.known", "segment.unknown.none"}


def _with_trigger(ws, action_target: str, watched: str):
    segmint.segments.create(ws, watched, 'tags contains "vip"')
    if action_target != watched:
        segmint.segments.create(ws, action_target, kind="static", members=[])
    triggers.create_trigger(ws, "watch", "enter", watched, "static_segment", {"segment": action_target})


def _reader(ws):
    segmint.segments.create(ws, "Big", BIG)
    segmint.segments.create(ws, "Reads", 'in_segment("Big")')


# code -> what raises it on a fresh tiny shop
SAMPLES = {
    "segment.unknown": lambda ws: segmint.segments.get(ws, "Nope"),
    "name.empty": lambda ws: check_name("  "),
    "name.too_long": lambda ws: check_name("x" * 201),
    "name.control": lambda ws: check_name("a\x07b"),
    "name.invisible": lambda ws: check_name("a\u200bb"),
    "name.slash": lambda ws: check_name("a/b"),
    "name.taken": lambda ws: [
        segmint.segments.create(ws, "Big", BIG),
        segmint.segments.create(ws, "Big", BIG),
    ],
    "name.family": lambda ws: segmint.segments.create(ws, "rfm:At Risk", BIG),
    "kind.unknown": lambda ws: check_kind("frozen"),
    "rename.read_by": lambda ws: [_reader(ws), segmint.segments.edit(ws, "Big", new_name="Large")],
    "rename.triggers": lambda ws: [
        _with_trigger(ws, "Welcomed", "VIP"),
        segmint.segments.edit(ws, "Welcomed", new_name="Вітали"),
    ],
    "delete.read_by": lambda ws: [_reader(ws), segmint.segments.delete(ws, "Big")],
    "delete.triggers": lambda ws: [_with_trigger(ws, "Welcomed", "VIP"), segmint.segments.delete(ws, "VIP")],
    "rule.not_text": lambda ws: store.rule_source(5),
    "source.dynamic_members": lambda ws: segmint.segments.create(ws, "D", BIG, members=["A"]),
    "source.no_rule": lambda ws: segmint.segments.create(ws, "D", None, kind="dynamic"),
    "source.rule_or_members": lambda ws: segmint.segments.create(ws, "S", None, kind="static"),
    "members.dynamic": lambda ws: [
        segmint.segments.create(ws, "Big", BIG),
        store.add_members(ws, "Big", "A"),
    ],
    "ids.not_list": lambda ws: store.clean_ids(5),
    "ids.empty": lambda ws: store.clean_ids(["A", " "]),
    "ids.unknown": lambda ws: segmint.segments.create(ws, "S", kind="static", members=["A", "ZZZ"]),
    "ids.not_members": lambda ws: [
        segmint.segments.create(ws, "S", kind="static", members=["A"]),
        store.change_members(ws, "S", remove=["B"]),
    ],
    "group.of_segment": lambda ws: [
        segmint.segments.create(ws, "Big", BIG),
        history.membership_on(ws, "Big", group="Champions"),
    ],
    "group.unknown": lambda ws: history.membership_on(ws, "rfm", group="Champs"),
}


def raised(code: str, ws) -> SegmentError:
    with pytest.raises(SegmentError) as caught:
        SAMPLES[code](ws)
    return caught.value


def placeholders(text: str) -> list[str]:
    return sorted({field.split("!")[0] for _, field, _, _ in string.Formatter().parse(text) if field})


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_code_is_raised_and_worded_in_ukrainian_and_russian(code, shop):
    error = raised(code, shop)
    assert error.code == code, error
    assert translate(error, "en") == str(error) == error.message  # English as the library wrote it
    for lang in ("uk", "ru"):
        shown = translate(error, lang)
        assert shown != str(error), shown
        bare = re.sub(r"'[^']*'|\"[^\"]*\"|\S*_\S*|\([^)]*NAME\)|REST API", "", shown)
        assert not ENGLISH.search(bare), (lang, shown)
        assert not any(letter in FOREIGN[lang] for letter in bare), (lang, shown)
        for key, value in error.params.items():  # what the message quotes is shown (lists: each item)
            for item in value if isinstance(value, list) else [value]:
                assert str(item) in shown or repr(item) in shown, (lang, key, item, shown)


def test_a_refused_operation_changes_nothing(shop):
    """The refusals above leave the stored segments as they were (a rename refused keeps the name)."""
    _reader(shop)
    with pytest.raises(SegmentError):
        segmint.segments.edit(shop, "Big", new_name="Large")
    assert [s.name for s in segmint.segments.all_segments(shop)] == ["Big", "Reads"]


def test_an_unknown_name_is_worded_from_its_parts(shop):
    """The 'no segment named' family: with and without segments, a suggestion, families."""
    error = raised("segment.unknown", shop)
    assert str(error) == "no segment named 'Nope'; there are no segments yet"
    assert translate(error, "uk") == "сегмента з назвою 'Nope' немає; сегментів ще немає"
    assert translate(error, "ru") == "сегмента с названием 'Nope' нет; сегментов пока нет"
    segmint.segments.create(shop, "Великі", BIG)
    with pytest.raises(SegmentError) as caught:
        segmint.segments.get(shop, "великі!")
    error = caught.value
    assert str(error) == "no segment named 'великі!' (did you mean 'Великі'?); known segments: Великі"
    assert translate(error, "uk") == "сегмента з назвою 'великі!' немає (можливо, 'Великі'?); відомі: Великі"
    assert translate(error, "ru") == (
        "сегмента с названием 'великі!' нет (возможно, 'Великі'?); известные: Великі"
    )
    with pytest.raises(SegmentError) as caught:
        history.membership_on(shop, "rmf")
    error = caught.value
    assert error.params["hint"] == "rfm" and "rfm" in error.params["families"]
    assert translate(error, "uk").startswith("сегмента з назвою 'rmf' немає (можливо, 'rfm'?); родини: ")


def test_every_code_has_both_wordings_with_the_same_names():
    assert sorted(UK) == sorted(RU)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
    assert sorted(set(UK) - PARTS) == sorted(SAMPLES)  # each code is raised above


def _raise_sites() -> list[tuple[str, int, pyast.Call]]:
    found = []
    for relative in CODED:
        tree = pyast.parse((SOURCE / relative).read_text(encoding="utf-8"))
        for node in pyast.walk(tree):
            if isinstance(node, pyast.Call) and getattr(node.func, "id", None) == "SegmentError":
                found.append((relative, node.lineno, node))
    return found


def test_every_raise_site_gives_a_code_that_is_worded():
    sites = _raise_sites()
    assert len(sites) >= 20  # the scan finds the raise sites
    assert [(path, line) for path, line, call in sites if "code" not in {k.arg for k in call.keywords}] == []
    codes = set()
    for _path, _, call in sites:
        (code,) = [k.value.value for k in call.keywords if k.arg == "code"]
        codes.add(code)
    assert sorted(codes - set(UK)) == []  # a code without a wording
    assert sorted(set(UK) - PARTS - codes) == []  # a wording no raise site uses


def test_a_misspelt_family_suggests_it_and_lists_the_families(shop):
    """hunt-cli L4: `segments transitions rmf` said only "no segment named 'rmf'; known segments: ..."."""
    ws = shop.path
    segmint.segments.create(shop, "Великі", BIG)
    shop.close()
    done = run(
        "-w", ws, "segments", "transitions", "rmf", "--from", "2024-01-01", "--to", "2024-03-01", wide=True
    )
    assert done.returncode == 1, done
    error = " ".join(done.stderr.split())
    assert "Error: no segment named 'rmf' (did you mean 'rfm'?); families: rfm, " in error, done.stderr
    assert error.endswith("; known segments: Великі"), done.stderr
    assert "lifecycle" in error
