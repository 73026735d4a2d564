"""A bug on a page (an unexpected exception) is answered by an error page in the page's language, the API's
by its coded JSON, and the server carries on on the same connection (QA s37, webforms 1)."""

from __future__ import annotations

import http.client
import logging
from html import unescape
from urllib.parse import urlsplit

import pytest
from tests.api.served import serving
from tests.web.conftest import copy_of

from segmint.api import create_app

WORDS = {
    "en": "This page could not be shown",
    "uk": "Цю сторінку не вдалося показати",
    "ru": "Эту страницу не удалось показать",
}


def _failing_app(shop, tmp_path):
    app = create_app(copy_of(shop, tmp_path))

    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    app.add_api_route("/ui/boom", boom)  # a page with a bug, and an API route with one
    app.add_api_route("/boom", boom)
    return app


def test_a_bug_on_a_page_is_an_error_page_in_its_language_and_the_connection_goes_on(shop, tmp_path, caplog):
    """Old code: the page answered the API's JSON (internal_error), and Starlette re-raised the exception
    after answering: uvicorn logged "Exception in ASGI application" and closed the keep-alive connection,
    so the next request on it failed (Connection reset / RemoteDisconnected)."""
    with caplog.at_level(logging.ERROR), serving(_failing_app(shop, tmp_path), threads=4) as url:
        connection = http.client.HTTPConnection(urlsplit(url).hostname, urlsplit(url).port, timeout=30)
        try:
            for lang, words in WORDS.items():
                connection.request("GET", "/ui/boom", headers={"accept-language": lang})
                answer = connection.getresponse()
                text = unescape(answer.read().decode())
                assert answer.status == 500, text
                assert answer.getheader("content-type", "").startswith("text/html"), text
                assert words in text and "<html" in text and 'href="/ui/"' in text
                assert "secret" not in text and "Traceback" not in text and "internal_error" not in text
            connection.request("GET", "/boom")  # the API's route: its coded JSON, still
            answer = connection.getresponse()
            body = answer.read()
            assert answer.status == 500 and answer.getheader("content-type") == "application/json", body
            assert b'"internal_error"' in body and b"secret" not in body
            connection.request("GET", "/health")  # the same connection, still open
            answer = connection.getresponse()
            assert answer.status == 200, answer.read()
            answer.read()
        finally:
            connection.close()
    logged = [record for record in caplog.records if record.exc_info]
    assert any("secret internals" in str(record.exc_info[1]) for record in logged)
    assert not any("Exception in ASGI application" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_the_error_page_is_worded_in_the_chosen_language(shop, tmp_path, lang):
    from fastapi.testclient import TestClient

    with TestClient(_failing_app(shop, tmp_path), raise_server_exceptions=False) as client:
        answer = client.get(f"/ui/boom?lang={lang}")
    assert answer.status_code == 500 and WORDS[lang] in unescape(answer.text)
    assert "secret" not in answer.text
