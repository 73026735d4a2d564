"""A trigger's delay on the triggers page (H6's Russian hunt, session 20): listed exactly, in the page's
language (through TestClient)."""

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
