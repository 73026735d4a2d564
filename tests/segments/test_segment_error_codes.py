"""Every SegmentError the library raises carries a stable code and params, and the web UI words every code in
Ukrainian and Russian (web/segment_errors.py, segment_errors_ru.py) instead of matching the English text, as
it does rule errors (tests/rules/test_error_codes.py). One real refusal per code on a real workspace; a scan
of the source fails when a raise site of the coded modules has no code, or a code no wording. Also hunt-cli
L4: a name that is neither a segment nor a family suggests the nearest one and lists the families."""

from __future__ import annotations

import ast as pyast
import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest
from tests.cli import segmint as run
from tests.coded import calls, given_codes, placeholders

import segmint
from segmint import history, triggers
from segmint.cli.segments import Format, _read_ids, create_command, edit_command, members_command
from segmint.segments import membership, store
from segmint.segments.model import SegmentError, check_kind, check_name
from segmint.store.files import UNWRITABLE
from segmint.store.yaml_files import ENDINGS
from segmint.web.messages import translate
from segmint.web.segment_errors import UK
from segmint.web.segment_errors_ru import RU

from .tinyshop import BIG

# the modules that raise a SegmentError (the scan below reads every module and checks this list)
CODED = (
    "api/routes/common.py",
    "cli/common.py",
    "cli/segments.py",
    "history/__init__.py",
    "history/queries.py",
    "history/refresh.py",
    "segments/membership.py",
    "segments/model.py",
    "segments/store.py",
    "segments/yamlio.py",
)
FOREIGN = {"uk": "ыэъёЫЭЪЁ", "ru": "іїєґІЇЄҐ"}  # letters of the other language only
ENGLISH = re.compile(r"\b(the|no|named|known|did you mean|is not|cannot|needs|choose|already|exists|has)\b")
PARTS = {
    "segment.unknown.hint",
    "segment.unknown.families",
    "segment.unknown.known",
    "segment.unknown.none",
    "segment.unknown.more",
    "family.unknown.hint",
    "column.unknown.plain",
    "column.unknown.hint",
    "ids.merged_into",
    "where.file",
    "where.line",
    "where.column",
    "label.segment",
    "label.entry",
}


def _with_trigger(ws, action_target: str, watched: str):
    segmint.segments.create(ws, watched, 'tags contains "vip"')
    if action_target != watched:
        segmint.segments.create(ws, action_target, kind="static", members=[])
    triggers.create_trigger(ws, "watch", "enter", watched, "static_segment", {"segment": action_target})


def _reader(ws):
    segmint.segments.create(ws, "Big", BIG)
    segmint.segments.create(ws, "Reads", 'in_segment("Big")')


def _file(ws, text: str | bytes, name: str = "segments.yaml") -> Path:
    """A file next to the workspace (in the test's own folder)."""
    path = Path(ws.path).parent / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _load(ws, text: str | bytes):
    return segmint.segments.load_yaml(ws, _file(ws, text))


def _read_only(ws):
    """A file nobody may write: chmod for a user, the immutable flag for root (whom modes do not stop)."""
    path = _file(ws, "", "locked.csv")
    flag = ["chattr", "+i", str(path)] if os.geteuid() == 0 else None
    if flag:
        subprocess.run(flag, check=True)
    else:
        path.chmod(0o444)
    try:
        membership.check_writable(path)
    finally:
        if flag:
            subprocess.run(["chattr", "-i", str(path)], check=True)


def _unreadable(ws):
    """A members file that may not be read: chmod 000 for a user; root, whom file modes do not stop, may
    not read another process's memory (/proc/1/mem: the kernel's ptrace check)."""
    if os.geteuid() == 0:
        return _read_ids(Path("/proc/1/mem"))
    path = _file(ws, "A\n", "locked.txt")
    path.chmod(0)
    return _read_ids(path)


def _write_failed(ws):
    """The temporary file next to the target is a folder: the write itself fails (after the checks)."""
    (Path(ws.path).parent / ".out.csv.part").mkdir()
    membership.write_file(Path(ws.path).parent / "out.csv", b"customer_id\n")


def _legacy_column(ws):
    """A stored features column that a past date's computed features do not have (a workspace refreshed
    by an older version): asked for on a past date, it has no value."""
    segmint.refresh(ws)
    ws.raw.execute("ALTER TABLE features ADD COLUMN legacy_score INTEGER")
    segmint.segments.create(ws, "Big", BIG)
    membership.member_table(ws, "Big", ["customer_id", "legacy_score"], as_of=dt.date(2024, 1, 15))


# code -> what raises it on a fresh tiny shop (a code an error of a YAML entry has: the entry's error,
# wrapped in file.entry; `raised` finds it there)
SAMPLES = {
    "segment.unknown": lambda ws: segmint.segments.get(ws, "Nope"),
    "name.empty": lambda ws: check_name("  "),
    "name.too_long": lambda ws: check_name("x" * 201),
    "name.control": lambda ws: check_name("a\x07b"),
    "name.invisible": lambda ws: check_name("a\u200bb"),
    "name.slash": lambda ws: check_name("a/b"),
    "name.dots": lambda ws: check_name(".."),
    "name.taken": lambda ws: [
        segmint.segments.create(ws, "Big", BIG),
        segmint.segments.create(ws, "Big", BIG),
    ],
    "name.taken.case": lambda ws: [
        segmint.segments.create(ws, "Big", BIG),
        segmint.segments.create(ws, "BIG", BIG),
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
    "refreeze.no_rule": lambda ws: [
        segmint.segments.create(ws, "S", kind="static", members=["A"]),
        segmint.segments.edit(ws, "S", refreeze=True),
    ],
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
    "group.in_name": lambda ws: history.transitions(ws, "rfm:Champions", "2024-01-31", "2024-03-31"),
    "group.unknown": lambda ws: history.membership_on(ws, "rfm", group="Gold"),
    "group.unknown.hint": lambda ws: history.membership_on(ws, "rfm", group="Champs"),
    "family.unknown": lambda ws: history.queries.spelled_family(ws, "Rfmm"),
    # members and exports (segments.membership)
    "family.needs_group": lambda ws: segmint.segments.members(ws, "preferences"),
    "family.needs_group.example": lambda ws: segmint.segments.members(ws, "rfm"),
    "column.unknown": lambda ws: [
        segmint.refresh(ws),  # the features' columns, rfm_group among them
        membership.member_table(ws, "rfm", ["rfm.group", "colour"]),
    ],
    "column.no_value": _legacy_column,
    "column.not_refreshed": lambda ws: [
        segmint.segments.create(ws, "Big", BIG),  # no refresh yet: no features
        membership.member_table(ws, "Big", ["customer_id", "rfm.group"]),
    ],
    "column.not_a_value": lambda ws: [
        segmint.segments.create(ws, "Big", BIG),
        membership.member_table(ws, "Big", ["customer_id", "bought"]),
    ],
    "column.not_a_value.field": lambda ws: [
        segmint.segments.create(ws, "Big", BIG),
        membership.member_table(ws, "Big", ["customer_id", "spent"]),
    ],
    "export.needs_file": lambda ws: segmint.segments.export_members(ws, "rfm", None, "parquet"),
    "export.format": lambda ws: membership.export_format(None, "xls"),
    "export.xlsx_rows": lambda ws: membership.check_sheet_rows("rfm", 1_048_576),
    "export.format_mismatch": lambda ws: membership.export_format("members.csv", "json"),
    "file.unwritable.folder": lambda ws: membership.check_writable(Path(ws.path).parent),
    "file.unwritable.no_folder": lambda ws: membership.check_writable(Path(ws.path).parent / "no" / "a.csv"),
    "file.unwritable.not_folder": lambda ws: membership.check_writable(_file(ws, "x", "a.txt") / "a.csv"),
    "file.unwritable.permission": _read_only,
    "file.write_failed": _write_failed,
    # a YAML file of segments (segments.yamlio)
    "file.entry": lambda ws: _load(ws, "segments:\n  - name: A\n    rule: total_spent >\n"),
    "file.entry.rule": lambda ws: _load(ws, 'segments:\n  - name: A\n    rule: "total_spent >"\n'),
    "file.twice": lambda ws: _load(ws, f"- {{name: A, rule: {BIG}}}\n- {{name: A, rule: {BIG}}}\n"),
    "file.cycle": lambda ws: _load(
        ws, "- {name: A, rule: 'in_segment(\"B\")'}\n- {name: B, rule: 'in_segment(\"A\")'}\n"
    ),
    "file.members": lambda ws: _load(ws, "- {name: S, kind: static, members: [A, ZZZ]}\n"),
    "file.several": lambda ws: _load(
        ws, "- {name: A, kind: static}\n- 5\n- {name: B, rule: total_spent >}\n"
    ),
    "file.missing": lambda ws: segmint.segments.load_yaml(ws, Path(ws.path).parent / "none.yaml"),
    "file.folder": lambda ws: segmint.segments.load_yaml(ws, Path(ws.path).parent),
    "file.permission": lambda ws: _unreadable(ws),
    "file.not_utf8": lambda ws: _load(ws, b"- {name: \x98}\n"),  # no cp1251 byte (cp1251 is read)
    "file.yaml": lambda ws: _load(ws, "segments: []\n---\nsegments: []\n"),
    "file.yaml.colon": lambda ws: _load(ws, f"- name: A\n  description: VIP: big\n  rule: {BIG}\n"),
    "file.yaml.tab": lambda ws: _load(ws, "segments:\n\t- name: A\n"),
    "file.yaml.character": lambda ws: _load(ws, "- name: @vip\n"),
    "file.yaml.control": lambda ws: _load(ws, "- name: A\x07\n"),
    "file.yaml.unclosed_quote": lambda ws: _load(ws, '- name: "A\n  kind: dynamic\n'),
    "file.yaml.bracket": lambda ws: _load(ws, "segments:\n  - name: [A\n"),
    "file.yaml.after_quote": lambda ws: _load(ws, '- name: A\n  rule: "city" = "Kyiv"\n'),
    "file.yaml.indent": lambda ws: _load(ws, "- name: A\n kind: dynamic\n"),
    "file.not_list": lambda ws: _load(ws, "segments: 5\n"),
    "entry.not_mapping": lambda ws: _load(ws, "- 5\n"),
    "entry.unknown_key": lambda ws: _load(ws, "- {name: A, colour: red}\n"),
    "entry.unknown_key.hint": lambda ws: _load(ws, "- {name: A, rulee: total_spent > 1}\n"),
    "entry.rule_not_text": lambda ws: _load(ws, "- {name: A, rule: 5}\n"),
    "entry.members": lambda ws: _load(ws, f"- {{name: A, rule: {BIG}, members: [A]}}\n"),
    "entry.static_source": lambda ws: _load(ws, "- {name: A, kind: static}\n"),
    # the CLI's members file and options (cli/segments.py)
    "members_file.unreadable": lambda ws: _read_ids(Path("/proc/self/mem")),  # EIO: an error of no code
    "members_file.not_utf8": lambda ws: _read_ids(_file(ws, b"A\n\x98\n", "ids.txt")),  # no cp1251 byte
    "members_file.columns": lambda ws: _read_ids(_file(ws, "A,B\nC,D\n", "ids.csv")),
    "options.rule_and_members": lambda ws: create_command("S", rule=BIG, members="A"),
    "options.nothing_to_edit": lambda ws: edit_command("S"),
    "options.no_columns": lambda ws: members_command("rfm", columns=" , "),
    "options.json_format": lambda ws: members_command("rfm", format=Format.csv, json_output=True),
    # history
    "dates.end_before_start": lambda ws: history.movements(ws, "rfm", "2024-03-01", "2024-01-01"),
    "refresh.after_reference": lambda ws: segmint.refresh(ws, as_of="2100-01-01"),
    "refresh.before_customers": lambda ws: segmint.refresh(ws, as_of="1990-01-01"),
    "refresh.backfill": lambda ws: segmint.refresh(ws, backfill="daily"),
}


def raised(code: str, ws) -> SegmentError:
    """The error of `code` that SAMPLES[code] raises: the raised one, or the one it wraps (`cause`)."""
    with pytest.raises(SegmentError) as caught:
        SAMPLES[code](ws)
    error = caught.value
    while error.code != code and isinstance(error.cause, SegmentError):
        error = error.cause
    return error


def _items(value) -> list:
    """What a param shows: a list's items, a mapping's keys and values, else the value; a problem listed
    by file.several (its code and params) shows what its params show."""
    if isinstance(value, dict) and {"code", "params"} <= set(value):
        return [item for one in value["params"].values() for item in _items(one)]
    if isinstance(value, list):
        return [item for one in value for item in _items(one)]
    if isinstance(value, dict):
        return [*value, *value.values()]
    return [value]


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
            for item in _items(value):
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
    return [(path, line, call) for path, line, _, call in calls({"SegmentError"})]


def test_every_raise_site_gives_a_code_that_is_worded():
    sites = _raise_sites()
    assert sorted({path for path, _, _ in sites}) == list(CODED)  # every module that raises one
    assert len(sites) >= 55  # the scan finds the raise sites
    assert [(path, line) for path, line, call in sites if "code" not in {k.arg for k in call.keywords}] == []
    # f"file.unwritable.{reason}": a reason of UNWRITABLE; f"file.{ending}": of store.yaml_files' ENDINGS
    # (a file that cannot be opened, or not YAML: UNREADABLE's are among them)
    codes, unread = given_codes(sites, UNWRITABLE, {"file.": ENDINGS})
    assert unread == []
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


def test_a_character_yaml_does_not_take_names_its_line_and_column(shop):
    """A control character in a segments file was 'FILE:: not valid YAML: unacceptable character #x0007:
    special characters are not allowed\\n  in "<unicode string>", position 31': no line, and PyYAML's
    name for the text. It is a ReaderError, which has an offset, not a line."""
    path = _file(shop, "segments:\n  - name: A\x07\n    rule: total_spent > 250\n")
    with pytest.raises(SegmentError) as caught:
        segmint.segments.load_yaml(shop, path)
    error = caught.value
    assert str(error) == (
        f"{path}: line 2, column 12: not valid YAML: special characters are not allowed (U+0007); remove the "
        "character"
    )
    assert error.code == "file.yaml.control" and error.params["line"] == 2
    assert translate(error, "uk") == (
        f"{path}: рядок 2, стовпець 12: некоректний YAML: недопустимий символ (U+0007); вилучіть його"
    )
    assert segmint.segments.all_segments(shop) == []


def test_ids_not_members_gives_the_ids_their_survivors_and_how_many_more(shop):
    """Old code: params.ids was the English text ("'B' (merged into 'C'), … …"), so the uk/ru wording
    carried "merged into" in English and a client had to parse quoted text; past five it said "…"."""
    shop.raw.execute(
        "INSERT INTO customers (customer_id, imported_at) SELECT 'X' || i, now() FROM range(10, 17) t(i)"
    )
    shop.raw.execute("UPDATE customers SET merged_into = 'C' WHERE customer_id = 'B'")
    segmint.segments.create(shop, "S", kind="static", members=["A"])
    with pytest.raises(SegmentError) as caught:
        store.change_members(shop, "S", remove=["A", "B", *(f"X{i}" for i in range(10, 17))])
    error = caught.value
    ids = ["B", "X10", "X11", "X12", "X13"]
    assert error.params == {"name": "S", "ids": ids, "merged": {"B": "C"}, "more": 3}
    assert str(error) == (
        "not a member of 'S': 'B' (merged into 'C'), 'X10', 'X11', 'X12', 'X13' and 3 more; "
        "nothing was removed"
    )
    assert translate(error, "uk") == (
        "не учасники 'S': 'B' (об'єднано в 'C'), 'X10', 'X11', 'X12', 'X13' і ще 3; нічого не вилучено"
    )
    assert translate(error, "ru") == (
        "не участники 'S': 'B' (объединён с 'C'), 'X10', 'X11', 'X12', 'X13' и ещё 3; ничего не удалено"
    )
    assert [m for (m,) in shop.raw.execute("SELECT customer_id FROM segment_members").fetchall()] == ["A"]


def test_an_unknown_family_names_the_families_and_the_nearest(shop):
    """family.unknown (history.queries.spelled_family: `kpis --family`, `playbook --family`, the API's
    /families/{name}) names the families, and the nearest one when one is near; any case is the family."""
    families = ", ".join(history.evaluate.family_definitions(shop))
    assert history.queries.spelled_family(shop, " RFM_Simple ") == "rfm_simple"
    with pytest.raises(SegmentError) as caught:
        history.queries.spelled_family(shop, "nosuch")
    error = caught.value
    assert (error.code, error.params) == ("family.unknown", {"name": "nosuch", "known": families.split(", ")})
    assert str(error) == f"no family named 'nosuch'; families: {families}"
    assert translate(error, "uk") == f"родини з назвою 'nosuch' немає; родини: {families}"
    assert translate(error, "ru") == f"семейства с названием 'nosuch' нет; семейства: {families}"
    error = raised("family.unknown", shop)
    assert error.params["hint"] == "rfm"
    assert str(error) == f"no family named 'Rfmm' (did you mean 'rfm'?); families: {families}"
    assert translate(error, "uk") == f"родини з назвою 'Rfmm' немає (можливо, 'rfm'?); родини: {families}"
