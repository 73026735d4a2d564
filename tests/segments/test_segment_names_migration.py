"""Migration 0024: segment names stored before they were written in their one spelling (a no-break or thin
space, decomposed letters) are rewritten in it, with the texts that name them (a static_segment trigger's
segment, a segment trigger's target, a campaign's target), so every lookup spells the name asked for and
looks it up once; two names that would become one are refused, naming them, and nothing is written."""

from __future__ import annotations

import sys
import unicodedata

import duckdb
import pytest
from tests.test_workspace import rewind

import segmint
from segmint import Workspace, triggers
from segmint.errors import WorkspaceError
from segmint.segments import SegmentError
from segmint.segments.model import spelling
from segmint.store import migrations
from segmint.store.workspace import DATABASE_FILE
from segmint.web.messages import translate

NBSP, THIN = "Мій\u00a0сегмент", "Ст\u2009атичний"
NFD = unicodedata.normalize("NFD", "Йод")


def ids(table) -> set[str]:
    return set(table.to_pyarrow().column("customer_id").to_pylist())


def stored_as_before(ws, written: dict[str, str]) -> None:
    """The workspace as a segmint before 0024 left it: at 0023, each name stored as written."""
    rewind(ws, 24)
    for name, old in written.items():
        ws.raw.execute("UPDATE segments SET name = ? WHERE name = ?", [old, name])


def test_names_stored_in_another_spelling_are_rewritten_with_what_names_them(shop):
    path = shop.path
    segmint.segments.create(shop, "Мій сегмент", "total_spent > 250")
    segmint.segments.create(shop, "Ст атичний", kind="static", members=["A", "C"])
    segmint.segments.create(shop, "Йод", kind="static", members=["B"])
    segmint.segments.create(shop, "R", 'in_segment("Мій сегмент")')
    triggers.create_trigger(
        shop, "to static", "enter", "Мій сегмент", "static_segment", {"segment": "Ст атичний"}
    )
    stored_as_before(shop, {"Мій сегмент": NBSP, "Ст атичний": THIN, "Йод": NFD})
    shop.raw.execute("UPDATE segments SET rule = ? WHERE name = 'R'", [f'in_segment("{NBSP}")'])
    shop.raw.execute(
        "UPDATE triggers SET target = ?, params = ? WHERE name = 'to static'",
        [NBSP, '{"segment": "' + THIN + '"}'],
    )
    shop.raw.execute(
        "INSERT INTO campaign_messages VALUES ('c1', ?, 'A', NULL, 'hi'), ('c1', ?, 'A', NULL, 'hi')",
        [NBSP, "rfm:At\u00a0Risk"],
    )
    shop.raw.execute("INSERT INTO campaign_recipients VALUES ('c1', 'A', ?, 'A', now())", [NBSP])
    shop.close()

    ws = Workspace.open(path)
    try:
        names = [name for (name,) in ws.raw.execute("SELECT name FROM segments ORDER BY name").fetchall()]
        assert sorted(names) == sorted(["Мій сегмент", "Ст атичний", "Йод", "R"])
        (version,) = ws.raw.execute("SELECT max(version) FROM schema_migrations").fetchone()
        assert version == len(migrations.available())  # 0024 and every later one
        # found by any spelling typed, as before; the rule written with the no-break space still reads it
        assert segmint.segments.get(ws, NBSP).name == "Мій сегмент"
        assert segmint.segments.get(ws, NFD).name == "Йод"
        assert ids(segmint.segments.members(ws, THIN)) == {"A", "C"}
        assert ids(segmint.segments.members(ws, "R")) == ids(segmint.segments.members(ws, "Мій сегмент"))
        assert ws.raw.execute(
            "SELECT target, json_extract_string(params, '$.segment') FROM triggers"
        ).fetchall() == [("Мій сегмент", "Ст атичний")]
        assert ws.raw.execute("SELECT target FROM campaign_messages ORDER BY target").fetchall() == [
            ("rfm:At\u00a0Risk",),  # a family's group: not a segment's name, left as written
            ("Мій сегмент",),
        ]
        assert ws.raw.execute("SELECT segment FROM campaign_recipients").fetchall() == [("Мій сегмент",)]
        # the trigger that adds to the static segment is found by its name: it cannot be deleted under it
        with pytest.raises(SegmentError) as refused:
            segmint.segments.delete(ws, "Ст атичний")
        assert refused.value.code == "delete.triggers"
        with pytest.raises(SegmentError) as refused:
            segmint.segments.delete(ws, "Мій сегмент")
        assert refused.value.code == "delete.read_by" and refused.value.params["readers"] == ["R"]
    finally:
        ws.close()


def test_two_names_that_become_one_are_refused_naming_them_and_nothing_is_written(shop):
    path = shop.path
    for name in ("Мій сегмент", "Мій сегмент 2", "Ст атичний", "Ст атичний 2", "Інший"):
        segmint.segments.create(shop, name, "total_spent > 100")
    stored_as_before(shop, {"Мій сегмент 2": NBSP, "Ст атичний 2": THIN, "Інший": "Інший\u00a0 "})
    shop.close()

    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(path)
    assert refused.value.code == "workspace.segment_names"
    pairs = [f"{'Мій сегмент'!r} = {NBSP!r}", f"{'Ст атичний'!r} = {THIN!r}"]
    assert refused.value.params == {"names": pairs}
    assert f"{pairs[0]}, {pairs[1]} would be one name" in str(refused.value)
    assert f"{pairs[0]}, {pairs[1]} стали б однією назвою" in translate(refused.value, "uk")
    assert f"{pairs[0]}, {pairs[1]} стали бы одним названием" in translate(refused.value, "ru")

    con = duckdb.connect(str(path / DATABASE_FILE), read_only=True)
    try:  # one transaction: neither the names nor the version moved
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (23,)
        names = {name for (name,) in con.execute("SELECT name FROM segments").fetchall()}
        assert names == {"Мій сегмент", NBSP, "Ст атичний", THIN, "Інший\u00a0 "}
    finally:
        con.close()


def test_a_trigger_given_a_segment_in_another_spelling_stores_its_name(shop):
    """Written in the one spelling too: before, a static_segment trigger kept "Ст\\u2009атичний" as typed,
    and deleting "Ст атичний" (matched by that text) did not see it: the trigger added to nothing."""
    segmint.segments.create(shop, "Мій сегмент", "total_spent > 250")
    segmint.segments.create(shop, "Ст атичний", kind="static", members=["A"])
    made = triggers.create_trigger(
        shop, "to static", "enter", NBSP + " ", "static_segment", {"segment": THIN}
    )
    assert (made.target, made.params["segment"]) == ("Мій сегмент", "Ст атичний")
    with pytest.raises(SegmentError) as refused:
        segmint.segments.delete(shop, "Ст атичний")
    assert refused.value.code == "delete.triggers"


# what model.spelling makes a space or trims: every Unicode space (Zs), all that str.strip strips (isspace)
EVERY = [chr(c) for c in range(sys.maxunicode + 1)]
SPACES = [ch for ch in EVERY if ch.isspace() or unicodedata.category(ch) == "Zs"]


def test_the_sql_spelling_of_0024_and_its_check_is_the_python_spelling():
    """A migration's SQL cannot call segments/model.py spelling, so 0024 spells names in a macro of its own,
    which the check before it runs too (migrations.spelling_macro). Before, the macro trimmed spaces only
    (SQL's trim), where str.strip trims tabs, newlines, NEL and U+2028/2029 too: a static_segment trigger's
    'Ст атичний\n', found by that name, was left as typed, and deleting the segment did not see it."""
    texts = [f"{ch}{ch}Мій{ch}сегмент{ch}" for ch in SPACES]
    texts += [unicodedata.normalize("NFD", word) for word in ("Йод", "їжак", "café", "\u2028 Й\u00a0ї\t ")]
    texts += [  # every character with a canonical decomposition, decomposed
        unicodedata.normalize("NFD", ch) for ch in EVERY if unicodedata.decomposition(ch)[:1] not in ("", "<")
    ]
    sql = migrations.available()[23].sql
    con = duckdb.connect()
    try:
        con.execute(migrations.spelling_macro(sql))
        con.execute("CREATE TABLE spelled AS SELECT * FROM unnest(?) AS t(name)", [texts])
        spelled = dict(con.execute("SELECT name, segment_spelling(name) FROM spelled").fetchall())
        assert [(text, spelled[text]) for text in texts if spelled[text] != spelling(text)] == []
        con.execute("DROP MACRO segment_spelling")

        # the check refuses exactly the names that spelling makes one
        names = sorted({*texts, *map(spelling, texts)})
        con.execute("CREATE TABLE segments AS SELECT * FROM unnest(?) AS t(name)", [names])
        with pytest.raises(WorkspaceError) as refused:
            migrations.BEFORE[24](con, sql)
        groups: dict[str, list[str]] = {}
        for name in names:
            groups.setdefault(spelling(name), []).append(name)
        one = [" = ".join(map(repr, group)) for group in groups.values() if len(group) > 1]
        assert sorted(refused.value.params["names"]) == sorted(one)
    finally:
        con.close()
