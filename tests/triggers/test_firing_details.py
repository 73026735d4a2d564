"""A firing's detail in the reader's language: stored as English text plus a code and params
(segmint.triggers.details), worded by web/firing_details.py in `segmint triggers firings` and on the
triggers page. Before, a Ukrainian workspace read "campaign 'Win back': left out: no consent"."""

from __future__ import annotations

import json
import string

import pytest
from tests.cli import segmint

import segmint as lib
from segmint import triggers
from segmint.campaigns import Campaign, Message, create_campaign
from segmint.triggers.details import ENGLISH
from segmint.web import firing_details

from .conftest import AT_RISK, D2


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_detail_code_is_worded_with_the_same_params(lang):
    table = firing_details.TABLE.texts[lang]
    assert set(table) == set(ENGLISH)
    for code, english in ENGLISH.items():
        assert _fields(table[code]) == _fields(english), code
        params = {name: "x" for name in _fields(english)}
        worded = firing_details.word({"detail_code": code, "detail_params": params, "detail": "?"}, lang)
        assert worded not in ("?", english.format(**params)), code


def test_a_detail_with_no_code_is_shown_as_stored():
    firing = {"detail_code": None, "detail_params": None, "detail": "HTTP 503 Service Unavailable"}
    assert firing_details.word(firing, "uk") == "HTTP 503 Service Unavailable"
    coded = {"detail_code": "firing.tagged", "detail_params": {"tag": "vip"}, "detail": "tagged 'vip'"}
    assert firing_details.word(coded, "en") == "tagged 'vip'"


def test_the_firings_of_a_message_and_a_tag_trigger_read_in_the_workspaces_language(shop):
    message = Message(AT_RISK, "A", "Hi {{ name }}", "Hi")
    campaign = Campaign("Win back", "email", [message], holdout_share=0.3)
    create_campaign(shop, campaign)
    triggers.create_trigger(shop, "msg", "enter", AT_RISK, "message", {"campaign": "Win back"})
    triggers.create_trigger(shop, "mark", "enter", AT_RISK, "tag", {"tag": "vip"})
    lib.refresh(shop, as_of=D2)
    path = shop.path
    shop.close()

    listed = json.loads(segmint("triggers", "firings", "--limit", "1000", "--json", "-w", path).stdout)
    by_code = {}
    for firing in listed["firings"]:  # --json keeps the English text, and gives the code beside it
        assert firing["detail"] == ENGLISH[firing["detail_code"]].format(**firing["detail_params"])
        by_code.setdefault(firing["detail_code"], firing)
    assert {"firing.tagged", "firing.campaign.queued", "firing.campaign.holdout"} <= set(by_code)
    assert "firing.campaign.left_out" in by_code  # customers of the demo without e-mail consent

    for lang, words in {
        "uk": ["додано мітку 'vip'", "кампанія 'Win back': у черзі (варіант A)",
               "кампанія 'Win back': не включено: немає згоди"],
        "ru": ["добавлена метка 'vip'", "кампания 'Win back': в очереди (вариант A)",
               "кампания 'Win back': не включено: нет согласия"],
    }.items():  # fmt: skip
        done = segmint("triggers", "firings", "--limit", "1000", "-w", path, language=lang, columns=400)
        assert done.returncode == 0, done.stderr
        shown = " ".join(done.stderr.split())
        for text in words:
            assert text in shown, (lang, text)
        assert "left out" not in shown and "tagged" not in shown and "queued" not in shown


def test_a_segment_error_a_firing_met_is_worded_by_its_code(shop):
    """A static-segment action whose segment was deleted behind the library's back records the
    SegmentError's code and params: worded as web/segment_errors.py words it."""
    lib.segments.create(shop, "Gone soon", kind="static", members=[])
    triggers.create_trigger(shop, "to gone", "enter", AT_RISK, "static_segment", {"segment": "Gone soon"})
    shop.raw.execute("DELETE FROM segments WHERE name = 'Gone soon'")
    lib.refresh(shop, as_of=D2)
    firing = triggers.list_firings(shop, "to gone", limit=1)[0]
    assert firing["detail_code"] == "segment.unknown" and "Gone soon" in firing["detail"]
    worded = firing_details.word(firing, "uk")
    assert worded.startswith("сегмента з назвою 'Gone soon' немає"), worded
