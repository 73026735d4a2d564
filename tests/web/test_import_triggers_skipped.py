"""The import page names the triggers that the trigger run after an events import skipped, and why, in the
page's language (through TestClient): the refresh the import's events cause runs the triggers in the
server (api/refreshing.py), and a trigger an older segmint stored with a 99999999999-day delay (tests/
triggers/test_broken_trigger.py) is skipped by every run. The page said only that the refresh finished,
though the refresh's summary carried the skipped trigger."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import ws_of
from tests.web.test_import_refresh import refresh_state, upload, wait_for_state
from tests.web.test_pages import csrf_of
from tests.web.test_trigger_run_skipped import SAID, _store_old_trigger

from segmint.triggers import create_trigger, list_firings


def _events(ws) -> bytes:
    """One cart abandoned the day before the shop's last order, by its first customer."""
    (customer, last) = ws.raw.execute(
        "SELECT min(customer_id), max(ordered_at) FROM orders"
    ).fetchone()
    when = (last - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    return f"event_id,customer_id,event_type,occurred_at\nweb-e1,{customer},cart_abandon,{when}\n".encode()


def _box(page: str) -> str:
    return unescape(page.split('id="import-refresh"')[1].split("</section>")[0])


@pytest.mark.parametrize("lang", SAID)
def test_the_import_page_names_a_trigger_the_imports_refresh_skipped_in_its_language(client, shop, lang):
    """Old code: the import's page showed "Families and segments refreshed with this import" and nothing
    of the trigger the refresh's trigger run skipped. Now each skipped trigger's reason is worded from its
    code (trigger.stored_delay_too_long) in the page's language, on the page and in the box it polls; the
    other trigger still fired for the imported event."""
    log_in(client, shop.tokens["editor"])
    ws = ws_of(client)
    create_trigger(ws, "welcome", "event", "cart_abandon", "tag", {"tag": "welcome"})
    _store_old_trigger(ws)
    import_id = upload(client, csrf_of(client, "/ui/imports"), "events", "події.csv", _events(ws))
    assert refresh_state(wait_for_state(client, import_id)) == "finished"
    for path in (f"/ui/import/refresh?id={import_id}&lang={lang}", f"/ui/import?id={import_id}&lang={lang}"):
        box = _box(client.get(path).text)
        assert 'data-state="finished"' in box, box
        assert SAID[lang] in box, box
        assert box.count('data-skipped="0ld0ld0ld0ld"') == 1
        for other, words in SAID.items():  # the page's language only
            assert other == lang or words not in box
    assert len(list_firings(ws, "welcome", "done", None)) == 1  # the other trigger fired


@pytest.mark.parametrize("lang", SAID)
def test_the_import_page_names_a_trigger_an_events_import_without_a_refresh_skipped(client, shop, lang):
    """An events import that changes nothing (its one event's customer unknown: quarantined) needs no
    refresh and runs the triggers itself. Old code: _landed dropped that run's result, so the import's
    page said nothing of the skipped trigger. Now it names it, in the page's language."""
    log_in(client, shop.tokens["editor"])
    ws = ws_of(client)
    _store_old_trigger(ws)
    events = b"event_id,customer_id,event_type,occurred_at\nweb-e9,nobody,cart_abandon,2025-12-30 10:00:00\n"
    import_id = upload(client, csrf_of(client, "/ui/imports"), "events", "події.csv", events)
    shown = unescape(client.get(f"/ui/import?id={import_id}&lang={lang}").text)
    assert 'data-state=' not in shown  # no refresh ran
    box = shown.split('id="import-triggers-skipped"')[1].split("</section>")[0]
    assert SAID[lang] in box, box
    assert box.count('data-skipped="0ld0ld0ld0ld"') == 1
