"""The triggers page's "Run now" names the triggers the run skipped and why, in the page's language (through
TestClient): a trigger an older segmint stored with a 99999999999-day delay (tests/triggers/
test_broken_trigger.py) is skipped by every run, and the page said only the run's counts."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from tests.triggers.test_broken_trigger import OLD_DELAY
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import TARGET, csrf_of, post, ws_of

from segmint.triggers import create_trigger, list_firings

SAID = {
    "en": "trigger 'старий' is skipped: its delay of 99999999999d is longer than the longest, 3650 days "
    "(an older segmint stored it); delete it and create it again with a delay of at most 3650d",
    "uk": "тригер 'старий' пропущено: його затримка 99999999999d довша за найдовшу, 3650 днів (її зберегла "
    "старіша версія segmint); видаліть тригер і створіть його знову із затримкою щонайбільше 3650d",
    "ru": "триггер 'старий' пропущен: его задержка 99999999999d длиннее самой долгой, 3650 дней (её "
    "сохранила более старая версия segmint); удалите триггер и создайте его заново с задержкой не более "
    "3650d",
}


def _store_old_trigger(ws) -> None:
    """The row an older segmint wrote for a trigger on entering TARGET with a 99999999999d delay."""
    ws.raw.execute(
        "INSERT INTO triggers VALUES ('0ld0ld0ld0ld', 'старий', 'enter', ?, NULL, NULL, NULL, ?, 'tag',"
        " '{\"tag\": \"old\"}', NULL, true, TIMESTAMP '2025-01-01 00:00:00')",
        [TARGET, OLD_DELAY],
    )


def _summary(html: str) -> str:
    return unescape(html.split('id="run-summary"')[1].split("</section>")[0])


@pytest.mark.parametrize("lang", SAID)
def test_run_now_names_a_skipped_trigger_and_why_in_the_page_language(client, shop, lang):
    """Old code: the page got the run's summary with its `skipped` and showed only the counts ("Run
    finished: 12 new firings, 0 waiting"): the trigger no run can record stayed silent on the page. Now each
    skipped trigger's reason is worded from its code (trigger.stored_delay_too_long) in the page's
    language, and the other triggers still run."""
    log_in(client, shop.tokens["editor"])
    ws = ws_of(client)
    create_trigger(ws, "All at risk", "enter", TARGET, "tag", {"tag": "risk"}, since=dt.datetime(2000, 1, 1))
    _store_old_trigger(ws)
    csrf = csrf_of(client, f"/ui/triggers?lang={lang}")
    ran = post(client, f"/ui/triggers/run?lang={lang}", {}, csrf)
    assert ran.status_code == 200, ran.text
    summary = _summary(ran.text)
    assert SAID[lang] in summary, summary
    assert summary.count('data-skipped="0ld0ld0ld0ld"') == 1
    for other, words in SAID.items():  # the page's language only
        assert other == lang or words not in summary
    assert len(list_firings(ws, "All at risk", "done", None)) > 0  # the other trigger ran
    # deleted as the reason says, the next run skips nothing and says no reason
    assert post(client, "/ui/triggers/delete", {"name": "старий"}, csrf).status_code == 303
    again = post(client, f"/ui/triggers/run?lang={lang}", {}, csrf)
    assert again.status_code == 200 and 'id="run-summary"' in again.text
    assert "data-skipped" not in again.text and "'старий'" not in _summary(again.text)
