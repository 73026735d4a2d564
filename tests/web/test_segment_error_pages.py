"""A page whose library call stops with a segment error shows it in the page's language, worded from its
code (web/segment_errors.py); the error page used to take the English text and match it against patterns,
which messages.py no longer has for segment errors."""

from __future__ import annotations

import html

import pytest

from segmint.segments.model import check_name

SHOWN = {
    "en": "segment name 'a/b' contains '/': the REST API could not address it",
    "uk": "назва сегмента 'a/b' містить '/': REST API не змогло б до нього звернутися",
    "ru": "название сегмента 'a/b' содержит '/': REST API не смог бы к нему обратиться",
}


@pytest.mark.parametrize("lang", SHOWN)
def test_a_segment_error_on_an_error_page_reads_in_the_page_language(client, lang):
    def broken() -> None:
        check_name("a/b")

    client.app.add_api_route("/ui/broken-segment", broken, methods=["GET"])
    client.cookies.set("segmint_lang", lang)
    answer = client.get("/ui/broken-segment")
    assert answer.status_code == 400
    shown = html.unescape(answer.text.split('role="alert">', 1)[1].split("</p>", 1)[0])
    assert shown == SHOWN[lang], shown
