"""A command asked for `--json` prints one JSON document on stdout when it is refused too: the error in the
REST API's shape, {"error": {"code", "message", "details"}}, with the details the API gives for the same
error (its stable code and params, a rule error's line and column), so a script reads why from stdout
as a client reads it from the API. A refused command printed nothing on stdout, and a script parsing it
failed on an empty document. Without --json stdout stays empty; stderr and the exit code are as before."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from tests.cli import ok, refused, segmint

from segmint import Workspace
from segmint.api import create_app
from segmint.api.tokens import create_token
from segmint.cli import common
from segmint.cli.common import print_json, print_json_refusal


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """An empty Ukrainian workspace with one segment."""
    path = tmp_path_factory.mktemp("json-refusals") / "shop"
    ok("init", path, "--language", "uk")
    ok("-w", path, "segments", "create", "Кияни", "--rule", 'city = "Київ"')
    return path


def refusal(done) -> dict:
    """The error document of a refused command (tests/cli.py refused() checks its shape and message)."""
    refused(done)
    return json.loads(done.stdout)["error"]


CASES = {
    # a coded library error, in the workspace's language
    "unknown segment": (
        ("segments", "show", "Ніхто"),
        1,
        "segment.unknown",
        "сегмента з назвою 'Ніхто' немає",
    ),
    # a rule error: its code, and its line and column in the details
    "rule": (("segments", "create", "X", "--rule", "city = "), 1, "syntax.ends_early.expected", "Рядок 1"),
    # an option's value refused while the command line is parsed, before --json is read
    "option": (("refresh", "--as-of", "31/02/2024"), 1, "cli.date", "'31/02/2024' — не дата"),
    "output": (
        ("segments", "export", "-o", "/no/such/folder/x.yaml"),
        1,
        "file.unwritable.no_folder",
        "теки",
    ),
    "folder": (("segments", "load", "."), 1, "file.folder", "це тека"),
    # a usage error: Click's, worded in the workspace's language, exit code 2
    "usage": (("segments", "create"), 2, "usage_error", "бракує аргументу name"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_refused_command_under_json_prints_its_error_as_one_json_document(shop, case):
    args, returncode, code, words = CASES[case]
    done = segmint("-w", shop, *args, "--json", language=None, cwd=shop)
    assert done.returncode == returncode, done.stderr
    error = refusal(done)
    assert error["code"] == code and words in error["message"]
    if code != "usage_error":
        assert error["details"]["code"] == code
    if case == "rule":
        assert (error["details"]["line"], error["details"]["column"]) == (1, 7)
    plain = segmint("-w", shop, *args, language=None, cwd=shop)  # without --json: as before
    assert (plain.returncode, plain.stdout, plain.stderr) == (returncode, "", done.stderr)


def test_json_after_a_double_dash_is_an_argument_not_the_option(shop):
    done = segmint("-w", shop, "segments", "show", "--", "--json", language=None)
    assert done.returncode == 1 and done.stdout == ""
    assert "'--json'" in done.stderr


def test_the_details_are_those_the_api_gives_for_the_same_error(shop):
    """Same workspace, same mistakes: a name that is taken, and a rule that ends early."""
    taken = refusal(segmint("-w", shop, "segments", "create", "Кияни", "--rule", "true", "--json"))
    rule = refusal(segmint("-w", shop, "segments", "create", "X", "--rule", "city = ", "--json"))
    assert taken["message"].startswith("a segment named 'Кияни' already exists")  # SEGMINT_LANGUAGE=en
    with Workspace.open(shop) as ws:
        token = create_token(ws, "admin", "test")[1]
    with TestClient(create_app(shop)) as client:
        headers = {"Authorization": f"Bearer {token}"}
        twice = client.post("/segments", json={"name": "Кияни", "rule": "true"}, headers=headers)
        ends = client.post("/segments", json={"name": "X", "rule": "city = "}, headers=headers)
    assert (twice.status_code, ends.status_code) == (400, 400)
    assert twice.json()["error"]["details"] == taken["details"] and taken["code"] == "name.taken"
    assert ends.json()["error"]["details"] == rule["details"]


# a file refused by the import, and the options it was read with (tests/api/test_imports.py BAD_FILES)
BAD_FILES = {
    "twice.csv": (b"customer_id,email,email\nA1,a@b.ua,c@d.ua\n", {}),
    "wrong encoding.csv": (
        "customer_id,full_name\nA1,Ok\nA2,Олена\n".encode("cp1251"),
        {"encoding": "utf-8"},
    ),
}


def test_a_refused_file_says_its_row_and_column_as_the_api_does(shop, tmp_path):
    """The import's refusal names the file, row and column at the top of its details, as the API's
    invalid_file answer does; the CLI gave only the code and params (the row was in the message)."""
    with Workspace.open(shop) as ws:
        token = create_token(ws, "editor", "test")[1]
    for name, (content, options) in BAD_FILES.items():
        (tmp_path / name).write_bytes(content)
        flags = [part for key, value in options.items() for part in (f"--{key}", value)]
        done = segmint("-w", shop, "import", "customers", name, *flags, "--json", cwd=tmp_path)
        details = refusal(done)["details"]
        with TestClient(create_app(shop)) as client:
            answer = client.post(
                "/imports",
                files={"file": (name, content, "text/csv")},
                data={"entity": "customers", **options},
                headers={"Authorization": f"Bearer {token}"},
            )
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_file"
        assert details == answer.json()["error"]["details"]
        assert details["row"] is not None and details["column"] is not None and details["file"] == name


def test_a_command_that_printed_its_document_prints_no_second_one(capsys, monkeypatch):
    monkeypatch.setattr(common, "_printed", False)  # as in a new process
    print_json_refusal(["segments", "list", "--json"], "error", "first")
    assert json.loads(capsys.readouterr().out)["error"]["message"] == "first"
    print_json({"done": True})
    print_json_refusal(["segments", "list", "--json"], "error", "after the document")
    assert capsys.readouterr().out.count("{\n") == 1
    print_json_refusal(["segments", "list"], "error", "no --json")
    assert capsys.readouterr().out == ""
