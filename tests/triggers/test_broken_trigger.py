"""A trigger an older segmint stored with a delay no timedelta holds (before `triggers create` refused a
delay over 3650 days) is skipped and reported by name; the other triggers still record and perform."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from tests.cli import segmint

from segmint import Workspace
from segmint.api import create_app
from segmint.api.tokens import create_token

OLD_DELAY = 99_999_999_999 * 86_400  # "99999999999d", as an older `triggers create` stored it
SAID = {
    "en": "trigger 'старий' is skipped: its delay of 99999999999d is longer than the longest, 3650 days "
    "(an older segmint stored it); delete it and create it again with a delay of at most 3650d",
    None: "тригер 'старий' пропущено: його затримка 99999999999d довша за найдовшу, 3650 днів (її зберегла "
    "старіша версія segmint); видаліть тригер і створіть його знову із затримкою щонайбільше 3650d",
    "ru": "триггер 'старий' пропущен: его задержка 99999999999d длиннее самой долгой, 3650 дней (её "
    "сохранила более старая версия segmint); удалите триггер и создайте его заново с задержкой не более "
    "3650d",
}


def _ok(*args, **options):
    done = segmint(*args, wide=True, **options)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done


def _store_old_trigger(path) -> None:
    """The row an older segmint wrote for `triggers create старий --on event --event cart_abandon --delay
    99999999999d --action tag --tag old` (since NULL: every event counts)."""
    with Workspace.open(path) as ws:
        ws.raw.execute(
            "INSERT INTO triggers VALUES ('0ld0ld0ld0ld', 'старий', 'event', 'cart_abandon', NULL, NULL,"
            " NULL, ?, 'tag', '{\"tag\": \"old\"}', NULL, true, TIMESTAMP '2025-01-01 00:00:00')",
            [OLD_DELAY],
        )


def _fired(path) -> tuple[dict[str, list[str]], list[tuple[str, str, str]]]:
    with Workspace.open(path) as ws:
        tags = dict(ws.raw.execute("SELECT customer_id, tags FROM customers ORDER BY 1").fetchall())
        firings = ws.raw.execute(
            "SELECT name, customer_id, state FROM trigger_firings JOIN triggers USING (trigger_id) "
            "ORDER BY 1, 2"
        ).fetchall()
    return tags, firings


def test_a_delay_beyond_3650_days_stored_by_an_older_version_skips_that_trigger_only(workspace, tmp_path):
    """Old code: the import's refresh ran record_new for 'старий' outside the per-trigger error handling,
    and timedelta(seconds=99999999999 days) raised OverflowError: the events import (and every `triggers
    run`) ended in a traceback and 'welcome' never fired. Now the import succeeds, 'welcome' tags its
    customer, and `triggers run` names 'старий' and why, in the workspace's language, and in --json as
    one document with `skipped` beside the counts; the API's run gives the same."""
    path = workspace.path
    workspace.close()
    (tmp_path / "c.csv").write_text("customer_id,email\nc1,c1@example.com\nc2,c2@example.com\n", "utf-8")
    _ok("import", "customers", tmp_path / "c.csv", "-w", path)
    _ok("triggers", "create", "welcome", "--on", "event", "--event", "cart_abandon", "--action", "tag",
        "--tag", "welcome", "-w", path)  # fmt: skip
    _store_old_trigger(path)
    events = "event_id,customer_id,event_type,occurred_at\ne1,c1,cart_abandon,2025-12-30 10:00:00\n"
    (tmp_path / "e.csv").write_text(events, encoding="utf-8")
    imported = _ok("import", "events", tmp_path / "e.csv", "-w", path)  # its refresh runs the triggers
    assert SAID["en"] in imported.stderr, imported.stderr  # and its summary names the skipped trigger
    tags, firings = _fired(path)
    assert tags == {"c1": ["welcome"], "c2": None}
    assert firings == [("welcome", "c1", "done")]  # and none for 'старий'

    ran = json.loads(_ok("triggers", "run", "--json", "-w", path).stdout)
    assert (ran["recorded"], ran["executed"], ran["waiting"]) == (0, {}, 0)
    assert ran["skipped"] == [
        {
            "trigger": "старий",
            "trigger_id": "0ld0ld0ld0ld",
            "reason": SAID["en"],
            "reason_code": "trigger.stored_delay_too_long",
            "reason_params": {"name": "старий", "days": 99_999_999_999, "limit": 3650},
        }
    ]
    refreshed = json.loads(_ok("refresh", "--json", "-w", path).stdout)  # a refresh says it too
    assert [(s["trigger"], s["reason_code"]) for s in refreshed["triggers_skipped"]] == [
        ("старий", "trigger.stored_delay_too_long")
    ]
    for language, words in SAID.items():  # None: the workspace's own, Ukrainian
        done = _ok("triggers", "run", "-w", path, language=language)
        assert words in done.stderr, (language, done.stderr)

    with Workspace.open(path) as ws:
        token = create_token(ws, "editor", "test")[1]
    with TestClient(create_app(path), raise_server_exceptions=False) as api:
        answer = api.post("/triggers/run", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    assert [s["trigger"] for s in answer.json()["skipped"]] == ["старий"]


def test_an_event_dated_in_9999_waits_for_ever_and_stops_nothing(workspace, tmp_path):
    """Old code: an event dated 31.12.9999 (how some CRMs write "never") plus the trigger's one-day delay
    is past datetime's end, and the OverflowError of `occurred + delay` ended its import (and every later
    `triggers run`) in a traceback, so no other event of that import fired either. Now that firing is due
    at the calendar's last moment (it waits, never due) and the 2025 event's firing is performed."""
    path = workspace.path
    workspace.close()
    (tmp_path / "c.csv").write_text("customer_id,email\nc1,c1@example.com\nc2,c2@example.com\n", "utf-8")
    _ok("import", "customers", tmp_path / "c.csv", "-w", path)
    _ok("triggers", "create", "welcome", "--on", "event", "--event", "cart_abandon", "--action", "tag",
        "--tag", "welcome", "--delay", "1d", "-w", path)  # fmt: skip
    events = (
        "event_id,customer_id,event_type,occurred_at\n"
        "e1,c1,cart_abandon,2025-12-30 10:00:00\ne2,c2,cart_abandon,9999-12-31 10:00:00\n"
    )
    (tmp_path / "e.csv").write_text(events, encoding="utf-8")
    _ok("import", "events", tmp_path / "e.csv", "-w", path)
    tags, firings = _fired(path)
    assert tags == {"c1": ["welcome"], "c2": None}
    assert firings == [("welcome", "c1", "done"), ("welcome", "c2", "due")]
    waiting = json.loads(_ok("triggers", "firings", "--state", "due", "--json", "-w", path).stdout)["firings"]
    assert [f["due_at"] for f in waiting] == ["9999-12-31T23:59:59.999999"]
    ran = json.loads(_ok("triggers", "run", "--json", "-w", path).stdout)
    assert (ran["waiting"], ran["skipped"]) == (1, [])


def test_an_events_import_without_a_refresh_names_the_triggers_its_run_skipped(workspace, tmp_path):
    """An events import that needs no refresh (--no-refresh, or a file whose events are all stored already)
    runs the triggers itself. Old code: that run's result was dropped, so the import said nothing of
    'старий' (only its refresh's summary did, 51d29b0). Now the CLI prints it after the import's summary,
    --json has it as triggers_skipped (the objects `triggers run --json` gives), and so do the API's
    answer and the web import page, in the page's language."""
    path = workspace.path
    workspace.close()
    (tmp_path / "c.csv").write_text("customer_id,email\nc1,c1@example.com\n", "utf-8")
    _ok("import", "customers", tmp_path / "c.csv", "-w", path)
    _store_old_trigger(path)
    events = "event_id,customer_id,event_type,occurred_at\ne1,c1,cart_abandon,2025-12-30 10:00:00\n"
    (tmp_path / "e.csv").write_text(events, encoding="utf-8")
    imported = _ok("import", "events", tmp_path / "e.csv", "--no-refresh", "-w", path)
    assert SAID["en"] in imported.stderr, imported.stderr
    again = json.loads(_ok("import", "events", tmp_path / "e.csv", "--json", "-w", path).stdout)
    assert (again["unchanged"], again["refresh"]) == (1, None)  # nothing changed: no refresh ran
    assert [(s["trigger"], s["reason_code"]) for s in again["triggers_skipped"]] == [
        ("старий", "trigger.stored_delay_too_long")
    ]

    with Workspace.open(path) as ws:
        token = create_token(ws, "editor", "test")[1]
    with TestClient(create_app(path), raise_server_exceptions=False) as api:
        bearer = {"Authorization": f"Bearer {token}"}
        answer = api.post(
            "/imports",
            headers=bearer,
            data={"entity": "events"},
            files={"file": ("e.csv", events, "text/csv")},
        )
        assert answer.status_code == 201, answer.text
        assert [s["trigger"] for s in answer.json()["triggers_skipped"]] == ["старий"]
