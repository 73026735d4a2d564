"""`segmint triggers create|list|run|firings|delete` through the real CLI."""

from __future__ import annotations

import json

from tests.cli import segmint

import segmint as lib
from segmint import Workspace

from .conftest import AT_RISK, D2


def _json(*args):
    done = segmint(*args, "--json", wide=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_create_list_run_firings_delete(shop):
    path = shop.path
    shop.close()  # the CLI opens the workspace itself
    made = _json("triggers", "create", "winback", "--on", "enter", "--segment", AT_RISK, "--action", "tag",
                 "--tag", "winback", "--delay", "1d", "-w", path)  # fmt: skip
    assert made["name"] == "winback" and made["delay_seconds"] == 86_400 and made["ref"] == "rfm"
    assert made["since"].startswith("2025-06-30")  # the last refresh of rfm when it was made
    hook = _json("triggers", "create", "hook", "--on", "event", "--event", "cart_abandon", "--action",
                 "webhook", "--url", "http://127.0.0.1:9/x", "--secret", "k", "-w", path)  # fmt: skip
    assert hook["params"] == {"url": "http://127.0.0.1:9/x", "secret": "***"}  # the secret is not shown
    listed = _json("triggers", "list", "-w", path)
    assert [t["name"] for t in listed["triggers"]] == ["winback", "hook"]
    with Workspace.open(path) as ws:
        lib.refresh(ws, as_of=D2)  # its hook performs the firings: D2 + 1 day is long past
    run = _json("triggers", "run", "-w", path)
    assert run["recorded"] == 0 and run["executed"] == {}  # nothing left to do
    firings = _json("triggers", "firings", "--trigger", "winback", "-w", path)["firings"]
    assert firings and {f["state"] for f in firings} == {"done"}
    assert {(f["occurred_at"], f["due_at"]) for f in firings} == {(f"{D2}T00:00:00", "2025-09-01T00:00:00")}
    text = segmint("triggers", "firings", "--state", "done", "--limit", "3", "-w", path, wide=True)
    assert text.returncode == 0 and "winback" in text.stderr and text.stdout == ""
    gone = _json("triggers", "delete", "winback", "-w", path)
    assert gone == {"deleted": "winback", "waiting_firings_dropped": 0}
    with Workspace.open(path) as ws:
        assert [t.name for t in lib.triggers.all_triggers(ws)] == ["hook"]


def test_errors_are_clear(shop):
    path = shop.path
    shop.close()
    done = segmint("triggers", "create", "x", "--on", "enter", "--segment", "Nobody", "--action", "tag",
                   "--tag", "t", "-w", path, wide=True)  # fmt: skip
    assert done.returncode == 1 and "unknown segment 'Nobody'" in done.stderr
    done = segmint("triggers", "run", "--now", "tomorrow", "-w", path, wide=True)
    assert done.returncode == 1 and "--now must be a date" in done.stderr
