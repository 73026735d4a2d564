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


# what each refusal says in en, uk (the workspace's own language) and ru
OUT_OF_RANGE = [
    (
        ["big", "--event", "cart_abandon", "--delay", "99999999999d"],
        {
            "en": "--delay is at most 3650 days (3650d, ten years), not '99999999999d'",
            None: "затримка — щонайбільше 3650 днів (3650d, десять років), а не '99999999999d'",
            "ru": "задержка — не более 3650 дней (3650d, десять лет), а не '99999999999d'",
        },
    ),
    (
        ["typo", "--event", "cart_abandonn"],
        {
            "en": "unknown event type 'cart_abandonn' for --event; one of email_sent, email_open, ",
            None: "невідомий тип події 'cart_abandonn'; тип події — один із: email_sent, email_open, ",
            "ru": "неизвестный тип события 'cart_abandonn'; тип события — один из: email_sent, email_open, ",
        },
    ),
    (
        ["Т" * 500, "--event", "cart_abandon"],
        {
            "en": "a trigger's NAME is at most 200 characters, not 500",
            None: "назва тригера — щонайбільше 200 символів, а не 500",
            "ru": "название триггера — не более 200 символов, а не 500",
        },
    ),
]


def test_a_delay_event_type_or_name_out_of_range_is_refused_when_the_trigger_is_made(workspace, tmp_path):
    """Old code stored all three: a delay of 99999999999d then broke every `triggers run` and the
    refresh of every events import with an OverflowError traceback; a misspelt event type never fired; a
    500-character name was kept. Each is refused now, in the workspace's language, naming the option and
    the range, and nothing is stored; the longest delay (3650d) and an event type typed as the import
    reads it are taken."""
    path = workspace.path
    workspace.close()
    for args, said in OUT_OF_RANGE:
        for language, words in said.items():
            done = segmint("triggers", "create", *args, "--on", "event", "--action", "tag", "--tag", "t",
                           "-w", path, wide=True, language=language)  # fmt: skip
            assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
            assert words in done.stderr, (language, done.stderr)
    assert _json("triggers", "list", "-w", path) == {"triggers": []}
    longest = _json("triggers", "create", "longest", "--on", "event", "--event", "Покинутий кошик",
                    "--action", "tag", "--tag", "t", "--delay", "3650d", "-w", path)  # fmt: skip
    assert (longest["target"], longest["delay_seconds"]) == ("cart_abandon", 3650 * 86_400)
    (tmp_path / "c.csv").write_text("customer_id,email\nc1,c1@example.com\n", encoding="utf-8")
    events = "event_id,customer_id,event_type,occurred_at\ne1,c1,cart_abandon,2025-12-30 10:00:00\n"
    (tmp_path / "e.csv").write_text(events, encoding="utf-8")
    for entity in ("customers", "events"):
        done = segmint("import", entity, tmp_path / f"{entity[0]}.csv", "-w", path, wide=True)
        assert done.returncode == 0, done.stderr
    (firing,) = _json("triggers", "firings", "-w", path)["firings"]
    assert (firing["state"], firing["due_at"]) == ("due", "2035-12-28T10:00:00")


def test_a_missing_event_or_segment_is_said_in_the_workspaces_language(workspace):
    """`triggers create` checked for --event / --segment before it opened the workspace, so a uk
    workspace read 'Error: give --event TYPE for --on event, ...' in English."""
    path = workspace.path
    workspace.close()
    said = {
        None: "Помилка: вкажіть --event ТИП для --on event або --segment НАЗВА для --on enter / exit",
        "ru": "Ошибка: укажите --event ТИП для --on event или --segment НАЗВАНИЕ для --on enter / exit",
    }
    for language, words in said.items():
        done = segmint("triggers", "create", "x", "--on", "event", "--action", "tag", "--tag", "t",
                       "-w", path, language=language, wide=True)  # fmt: skip
        assert done.returncode == 1 and words in done.stderr, done.stderr


def test_a_missing_action_parameter_names_the_cli_option_not_the_web_forms_field(workspace):
    """The uk and ru of trigger.action_needs are the web form's ("заповніть «Параметр дії» (segment)"), and
    the CLI showed them as they are: a terminal has no such field, and the English named --segment (the
    trigger's target option) for --static-segment. The CLI names the option in every language now; the
    web form keeps its field label (tests/web/test_form_errors_languages.py)."""
    path = workspace.path
    workspace.close()
    said = {
        "en": [
            "Error: the static-segment action needs --static-segment",
            "Error: the tag action needs --tag",
        ],
        None: [
            "Помилка: для дії static-segment вкажіть --static-segment",
            "Помилка: для дії tag вкажіть --tag",
        ],
        "ru": [
            "Ошибка: для действия static-segment укажите --static-segment",
            "Ошибка: для действия tag укажите --tag",
        ],
    }
    for language, words in said.items():
        for action, expected in zip(("static-segment", "tag"), words, strict=True):
            done = segmint("triggers", "create", "x", "--on", "event", "--event", "cart_abandon", "--action",
                           action, "-w", path, language=language, wide=True)  # fmt: skip
            assert done.returncode == 1 and expected in done.stderr, (language, done.stderr)
            assert "Параметр" not in done.stderr, done.stderr
    assert _json("triggers", "list", "-w", path) == {"triggers": []}


def _shop_with_two_triggers(shop):
    """The shop with a static segment `kept`, trigger `keep` (enter At Risk: add to `kept` after 2d) and
    trigger `tagged` (enter At Risk: tag after 90m)."""
    path = shop.path
    (customer,) = shop.raw.execute("SELECT min(customer_id) FROM customers").fetchone()
    shop.close()
    segmint("segments", "create", "kept", "--static", "--members", customer, "-w", path, wide=True)
    for name, action in (("keep", ["static-segment", "--static-segment", "kept", "--delay", "2d"]),
                         ("tagged", ["tag", "--tag", "t", "--delay", "90m"])):  # fmt: skip
        _json("triggers", "create", name, "--on", "enter", "--segment", AT_RISK, "--action", *action,
              "-w", path)  # fmt: skip
    return path


def test_the_list_shows_a_delay_and_an_action_as_the_options_take_them(shop):
    """`triggers list` showed --delay 2d as 172800s and --action static-segment as static_segment: neither
    is what the user typed, nor what `create` takes. Now 2d and static-segment (each unit exact: 1h30m, not
    5400s; uk and ru in words); --json keeps delay_seconds and the stored action."""
    path = _shop_with_two_triggers(shop)
    table = segmint("triggers", "list", "-w", path, wide=True).stderr
    rows = {line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[1:-1]]
            for line in table.splitlines() if line.startswith("│")}  # fmt: skip
    assert (rows["keep"][3], rows["keep"][4]) == ("2d", "static-segment"), table
    assert (rows["tagged"][3], rows["tagged"][4]) == ("1h30m", "tag"), table
    listed = {t["name"]: t for t in _json("triggers", "list", "-w", path)["triggers"]}
    assert (listed["keep"]["delay_seconds"], listed["keep"]["action"]) == (172_800, "static_segment")
    assert listed["tagged"]["delay_seconds"] == 5_400
    uk = segmint("triggers", "list", "-w", path, wide=True, language="uk").stderr
    assert "2 дні" in uk and "1 година 30 хвилин" in uk, uk


def test_a_deleted_triggers_firings_keep_its_name_and_are_found_by_it(shop):
    """A deleted trigger's firings stay on record, but `triggers firings` showed them with "trigger": null
    (its name was only in the deleted row) and `--trigger NAME` answered "no trigger 'NAME'". The firing
    keeps the name it was recorded under (migration 0026); a name no firing has is still refused."""
    path = _shop_with_two_triggers(shop)
    with Workspace.open(path) as ws:
        lib.refresh(ws, as_of=D2)  # its run records and performs both triggers' firings
    before = _json("triggers", "firings", "--trigger", "tagged", "--limit", "10000", "-w", path)["firings"]
    assert before and {f["trigger"] for f in before} == {"tagged"}
    _json("triggers", "delete", "tagged", "-w", path)
    after = _json("triggers", "firings", "--trigger", "tagged", "--limit", "10000", "-w", path)["firings"]
    assert after == before
    every = _json("triggers", "firings", "--limit", "10000", "-w", path)["firings"]
    assert {f["trigger"] for f in every} == {"keep", "tagged"}
    text = segmint("triggers", "firings", "--trigger", "tagged", "--limit", "3", "-w", path, wide=True)
    assert text.returncode == 0 and "tagged" in text.stderr, text.stderr
    done = segmint("triggers", "firings", "--trigger", "nothing", "-w", path, wide=True)
    assert done.returncode == 1 and "no trigger 'nothing'" in done.stderr, done.stderr
