"""The pages through TestClient: login required, sessions, CSRF refusals, roles, escaping, languages."""

from __future__ import annotations

import pytest
from tests.web.conftest import ORIGIN, log_in

from segmint.web.strings import STRINGS

PAGES = ["/ui/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_a_login(client, path):
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/ui/login?next=")
    client.cookies.set("segmint_session", "sgm_forged")
    assert client.get(path, follow_redirects=False).status_code == 303


def test_htmx_requests_are_sent_to_login_by_header(client):
    answer = client.get("/ui/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert answer.headers["HX-Redirect"].startswith("/ui/login")


def test_login_sets_a_strict_http_only_cookie(client, shop):
    answer = client.post(
        "/ui/login", data={"token": shop.tokens["viewer"]}, headers=ORIGIN, follow_redirects=False
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/ui/", follow_redirects=False).status_code == 200


def test_login_refuses_a_wrong_token_and_a_foreign_origin(client, shop):
    wrong = client.post("/ui/login", data={"token": "sgm_nope"}, headers=ORIGIN, follow_redirects=False)
    assert "segmint_session" not in wrong.headers.get("set-cookie", "")
    foreign = client.post(
        "/ui/login",
        data={"token": shop.tokens["viewer"]},
        headers={"origin": "http://evil.example"},
        follow_redirects=False,
    )
    assert foreign.status_code == 403
    assert "segmint_session" not in foreign.headers.get("set-cookie", "")


def test_login_does_not_redirect_to_another_site(client, shop):
    answer = client.post(
        "/ui/login",
        data={"token": shop.tokens["viewer"], "next": "//evil.example/x"},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/ui/"


def test_logout_needs_the_csrf_token(client, shop):
    log_in(client, shop.tokens["viewer"])
    refused = client.post("/ui/logout", headers=ORIGIN, follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/ui/", follow_redirects=False).status_code == 200  # still signed in


def test_revoking_the_token_ends_the_session(client, shop):
    from segmint.api.tokens import list_tokens, revoke_token

    log_in(client, shop.tokens["editor"])
    ws = client.app.state.workspace.ws
    editor = next(t for t in list_tokens(ws) if t.role == "editor")
    revoke_token(ws, editor.token_id)
    assert client.get("/ui/", follow_redirects=False).status_code == 303


def test_language_by_query_then_cookie(client, shop):
    log_in(client, shop.tokens["viewer"])
    assert "Families" in client.get("/ui/").text
    assert "Родини сегментів" in client.get("/ui/?lang=uk").text
    assert "Родини сегментів" in client.get("/ui/").text
    assert "Families" in client.get("/ui/?lang=en").text


def test_every_string_has_both_languages():
    missing = [key for key, entry in STRINGS.items() if not entry.get("en") or not entry.get("uk")]
    assert missing == []


def test_scripts_are_served_by_the_app(client):
    for path in ("/ui/vendor/htmx.min.js", "/ui/vendor/plotly.min.js", "/ui/static/app.css"):
        answer = client.get(path)
        assert answer.status_code == 200 and len(answer.content) > 1000, path
