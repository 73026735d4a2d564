"""`segmint dedupe --undo` of an unknown merge, or of one already undone, is refused in the workspace's
language: merge errors carry a code and params worded in uk and ru (web/merge_errors.py). Before, they
were plain English f-strings after a translated "Помилка:"."""

from __future__ import annotations

import pytest
from tests.cli import segmint
from tests.coded import assert_worded_in_uk_and_ru, calls, placeholders

from segmint import Workspace
from segmint.errors import CodedError
from segmint.quality.merge import merge_duplicates, undo_merge


@pytest.fixture
def undone(tmp_path):
    """A uk workspace (as every new one) with one merge, undone: its id."""
    path = tmp_path / "crm"
    assert segmint("init", str(path)).returncode == 0
    people = "customer_id,first_name,last_name,email,phone\nA1,Ann,Lee,ann@ex.com,+380671112233\n"
    people += "A2,Ann,Lee,ann@ex.com,+380671112233\n"
    (tmp_path / "c.csv").write_text(people, encoding="utf-8")
    assert (
        segmint("-w", str(path), "import", "customers", str(tmp_path / "c.csv"), "--no-refresh").returncode
        == 0
    )
    with Workspace.open(path) as ws:
        merge_id = merge_duplicates(ws).merge_id
        assert merge_id is not None
        undo_merge(ws, merge_id)
    return path, merge_id


def test_an_undo_that_cannot_be_done_is_refused_in_the_workspaces_language(undone):
    path, merge_id = undone
    again = segmint("-w", str(path), "dedupe", "--undo", merge_id, "--no-refresh", language=None, wide=True)
    assert again.returncode == 1 and f"об’єднання {merge_id} уже скасовано" in again.stderr
    assert "already undone" not in again.stderr
    nosuch = segmint("-w", str(path), "dedupe", "--undo", "nosuch", language="ru", wide=True)
    assert (
        nosuch.returncode == 1 and "нет объединения nosuch; см. `segmint dedupe --history`" in nosuch.stderr
    )
    english = segmint("-w", str(path), "dedupe", "--undo", "nosuch", wide=True)
    assert "no merge nosuch; see `segmint dedupe --history`" in english.stderr


@pytest.mark.parametrize(("code", "which"), [("merge.undone", "done"), ("merge.unknown", "nosuch")])
def test_every_undo_code_is_raised_and_worded_in_ukrainian_and_russian(code, which, undone):
    path, merge_id = undone
    with Workspace.open(path) as ws, pytest.raises(CodedError) as caught:
        undo_merge(ws, merge_id if which == "done" else "nosuch")
    assert (caught.value.code, caught.value.params) == (code, {"merge": caught.value.params["merge"]})
    assert_worded_in_uk_and_ru(caught.value)


def test_every_merge_code_has_both_wordings_and_every_raise_gives_one():
    from segmint.web.merge_errors import RU, UK

    assert sorted(UK) == sorted(RU)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
    sites = calls(("CodedError", "SegmintError"), where=lambda path, _: path.name == "merge.py")
    codes = set()
    for file, line, _, call in sites:
        given = [keyword.value.value for keyword in call.keywords if keyword.arg == "code"]
        assert given, f"{file}:{line}"
        codes.update(given)
    assert codes == set(UK)


def test_an_undo_a_later_merge_holds_is_refused_naming_it_in_the_workspaces_language(tmp_path):
    """merge.superseded: the first merge's survivor A1 was merged into A0 since; `--undo` of the first
    says which merge to undo first, in the workspace's language (a new workspace is Ukrainian)."""
    path = tmp_path / "crm"
    assert segmint("init", str(path)).returncode == 0
    ids = []
    for people in ("A1,2023-01-01\nA2,2024-01-01\n", "A0,2022-01-01\n"):
        rows = "".join(f"{row},Ann,Lee,ann@ex.com,+380671112233\n" for row in people.split())
        (tmp_path / "c.csv").write_text("customer_id,signup_date,first_name,last_name,email,phone\n" + rows)
        imported = segmint("-w", str(path), "import", "customers", str(tmp_path / "c.csv"), "--no-refresh")
        assert imported.returncode == 0, imported.stderr
        with Workspace.open(path) as ws:
            ids.append(merge_duplicates(ws).merge_id)
    first, second = ids
    refused = segmint("-w", str(path), "dedupe", "--undo", first, "--no-refresh", language=None, wide=True)
    assert refused.returncode == 1
    assert f"об’єднання {first} поки не можна скасувати" in refused.stderr
    assert f"спершу скасуйте {second}" in refused.stderr
    with Workspace.open(path) as ws, pytest.raises(CodedError) as caught:
        undo_merge(ws, first)
    assert caught.value.code == "merge.superseded"
    assert caught.value.params == {"merge": first, "later": [second], "customers": ["A1"]}
    assert_worded_in_uk_and_ru(caught.value)
