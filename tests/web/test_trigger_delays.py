"""A trigger's delay on the triggers page (H6's Russian hunt, session 20): listed exactly, in the page's
language, and read when typed the way the page lists it (through TestClient)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import csrf_of, post, ws_of

from segmint.triggers import find_trigger

TRIGGER = {"on": "enter", "target": "rfm:At Risk", "action": "tag", "param": "ризик"}

# lang -> (delay as typed in the API's form, as the page lists it)
LISTED = {
    "ru": [("10d", "10 дней"), ("45d", "45 дней"), ("1d12h", "1 день 12 часов"), ("400d", "400 дней")],
    "uk": [("10d", "10 днів"), ("45d", "45 днів"), ("1d12h", "1 день 12 годин")],
    "en": [("10d", "10 days"), ("14d", "14 days"), ("2h30m", "2 hours 30 minutes")],
}


def listed_delay(client, name: str, lang: str) -> str:
    page = unescape(client.get(f"/ui/triggers?lang={lang}").text)
    row = page.split(f"<td>{name}</td>")[1].split("</tr>")[0]
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[2].strip()  # when, action, delay


@pytest.mark.parametrize("lang", LISTED)
def test_a_delay_is_listed_exactly_in_the_page_language(client, shop, lang):
    """Old code: Babel's format_timedelta rounded each part to the largest unit it reached, so a 10-day
    delay was listed as '1 неделя' (1 тиждень, 1 week), 45 days as '2 месяца' and 400 days as '1 год'."""
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, f"/ui/triggers?lang={lang}")
    for number, (typed, shown) in enumerate(LISTED[lang]):
        name = f"Затримка {number}"
        answer = post(client, "/ui/triggers", {**TRIGGER, "name": name, "delay": typed}, csrf)
        assert answer.status_code == 303, answer.text
        assert listed_delay(client, name, lang) == shown, typed
        assert find_trigger(ws_of(client), name) is not None


# lang -> (delay as a user of the page types it, seconds)
TYPED = {
    "ru": [
        ("2 дня", 172_800),
        ("1 день 12 часов", 129_600),
        ("3 дн.", 259_200),
        ("30 мин", 1_800),
        ("2d", 172_800),
    ],
    "uk": [("2 дні", 172_800), ("1 тиждень", 604_800), ("5 днів 2 години", 439_200), ("90", 90)],
    "en": [("2 days", 172_800), ("1 week, 2 hours", 612_000), ("1d12h", 129_600)],
}


@pytest.mark.parametrize("lang", TYPED)
def test_a_delay_typed_the_way_the_page_lists_it_is_read(client, shop, lang):
    """Old code: '2 дня' was refused ("не удаётся прочитать задержку '2 дня'"), while the page lists a
    two-day delay as '2 дня'; only 2d, 30m, ... were read. What the page lists reads back as the same."""
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, f"/ui/triggers?lang={lang}")
    for number, (typed, seconds) in enumerate(TYPED[lang]):
        name = f"Набрана {number}"
        answer = post(client, f"/ui/triggers?lang={lang}", {**TRIGGER, "name": name, "delay": typed}, csrf)
        assert answer.status_code == 303, (typed, answer.text)
        assert find_trigger(ws_of(client), name).delay_seconds == seconds, typed
        again = f"{name} ещё"
        shown = listed_delay(client, name, lang)
        post(client, f"/ui/triggers?lang={lang}", {**TRIGGER, "name": again, "delay": shown}, csrf)
        assert find_trigger(ws_of(client), again).delay_seconds == seconds, shown
