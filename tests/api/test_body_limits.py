"""No request body is read before its sender is known, and none larger than the [server] table's
max_upload_mb is taken (api/limits.py, api/auth.AuthFirst, web/session.received_form).

A real uvicorn serves the app, wrapped to count the body bytes the app takes from the server per path;
the clients are real httpx clients streaming their bodies."""

from __future__ import annotations

import collections
import shutil

import httpx
import pytest
from fastapi.routing import APIRoute
from tests.api.served import serving

from segmint import Workspace
from segmint.api import create_app
from segmint.api.app import ROUTERS
from segmint.api.auth import AuthFirst, least_role
from segmint.errors import ConfigError
from segmint.web.app import PAGES

MB = 1024 * 1024
BOUNDARY = "segmint-limit-boundary"
MULTIPART = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


class Pulled:
    """The app, counting the body bytes it took from the server, by path."""

    def __init__(self, app):
        self.app, self.bytes = app, collections.Counter()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def counted():
            message = await receive()
            if message["type"] == "http.request":
                self.bytes[scope["path"]] += len(message.get("body", b""))
            return message

        await self.app(scope, counted, send)


def upload_body(megabytes: int):
    """A multipart upload of a customers CSV of about `megabytes` MB, streamed 1 MB at a time."""
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="entity"\r\n\r\ncustomers\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        "Content-Type: text/csv\r\n\r\ncustomer_id,full_name\r\n"
    ).encode()
    row = b"BIG-0000001,Olena Big\r\n"
    for _ in range(megabytes):
        yield row * (MB // len(row))
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def workspace(template, folder, server: str = ""):
    """A copy of the template workspace, with `server` appended to its segmint.toml."""
    path = folder / "ws"
    shutil.copytree(template[0], path)
    config = path / "segmint.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + server, encoding="utf-8")
    return path


def stored(path) -> tuple[int, list]:
    """The imports recorded and the files kept in the workspace's uploads folder."""
    with Workspace.open(path) as ws:
        imports = ws.raw.execute("SELECT count(*) FROM imports").fetchone()[0]
    return imports, sorted(p.name for p in (path / "uploads").rglob("*") if p.is_file())


def test_no_body_is_read_before_the_token_or_session_is_checked(template, tmp_path):
    """Old code: FastAPI read the body of POST /imports (the upload spooled to a temporary file) and of
    POST /segments before their token check, and the pages' received_form read a posted form before the
    session check: all 16 MB of each upload below were taken in before the 401 or the login page; and the
    login page and a one-click unsubscribe, which take no token, read any body whole."""
    path = workspace(template, tmp_path)
    before = stored(path)
    app = Pulled(create_app(path))
    viewer = {"Authorization": f"Bearer {template[1]['viewer']}"}
    with serving(app, 40) as url, httpx.Client(base_url=url, timeout=120) as client:
        anonymous = client.post("/imports", content=upload_body(16), headers=MULTIPART)
        too_low = client.post("/imports", content=upload_body(16), headers={**MULTIPART, **viewer})
        segment = client.post("/segments", content=b'{"name": "x", "rule": "' + b"1" * 16 * MB + b'"}')
        page = client.post("/ui/imports", content=upload_body(16), headers={**MULTIPART, "origin": url})
        builder = client.post(
            "/ui/builder/save", content=upload_body(16), headers={**MULTIPART, "origin": url}
        )
        english = {**MULTIPART, "origin": url, "accept-language": "en"}  # a page in a Ukrainian workspace
        login = client.post("/ui/login", content=upload_body(16), headers=english)
        unsubscribe = client.post("/unsubscribe/whoever", content=upload_body(16), headers=MULTIPART)
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "unauthorized"
    assert too_low.status_code == 403 and too_low.json()["error"]["code"] == "forbidden"
    assert segment.status_code == 401 and segment.json()["error"]["code"] == "unauthorized"
    for answer in (page, builder):
        assert answer.status_code == 303 and answer.headers["location"].startswith("/ui/login?"), answer.text
    # the login page and a one-click unsubscribe take no token: a small form, never a file
    assert login.status_code == 413 and "larger than a form sent before signing in" in login.text
    assert unsubscribe.status_code == 413 and unsubscribe.json()["error"]["code"] == "body_too_large"
    assert app.bytes["/ui/login"] < MB and app.bytes["/unsubscribe/whoever"] < MB
    assert {
        path: count for path, count in app.bytes.items() if "login" not in path and "unsub" not in path
    } == {}
    assert stored(path) == before


def test_a_body_over_max_upload_mb_is_refused_with_413(template, tmp_path):
    """Old code: no limit, so an upload of any size was spooled to a temporary file, copied into the
    workspace and imported. Now a body declared larger than max_upload_mb is refused before a byte of it is
    read, one sent without a length once it has passed the limit; nothing is stored either way."""
    path = workspace(template, tmp_path, "[server]\nmax_upload_mb = 1\n")
    before = stored(path)
    app = Pulled(create_app(path))
    editor = {"Authorization": f"Bearer {template[1]['editor']}"}
    declared = b"".join(upload_body(3))
    with serving(app, 40) as url, httpx.Client(base_url=url, timeout=120) as client:
        sized = client.post("/imports", content=declared, headers={**MULTIPART, **editor})
        read_so_far = app.bytes["/imports"]
        streamed = client.post("/imports", content=upload_body(3), headers={**MULTIPART, **editor})
        streamed_read = app.bytes["/imports"]
        small = client.post(
            "/imports",
            files={"file": ("small.csv", b"customer_id\nSMALL-1\n")},
            data={"entity": "customers"},
            headers=editor,
        )
    for answer in (sized, streamed):
        assert answer.status_code == 413, answer.text
        error = answer.json()["error"]
        assert error["code"] == "body_too_large" and error["details"] == {"max_upload_mb": 1}
        assert "at most 1 MB" in error["message"] and "max_upload_mb" in error["message"]
    assert read_so_far == 0
    assert MB < streamed_read < 2 * MB  # read until it passed the limit
    assert small.status_code == 201, small.text
    imports, files = stored(path)
    assert (imports, files) == (before[0] + 1, [*before[1], "small.csv"])


def test_max_upload_mb_is_checked_when_the_server_starts(template, tmp_path):
    path = workspace(template, tmp_path, "[server]\nmax_upload_mb = 0\n")
    with pytest.raises(ConfigError, match=r"\[server\] max_upload_mb") as raised:
        create_app(path)
    assert "segmint.toml" in str(raised.value)


def test_every_route_that_reads_a_body_checks_the_token_or_size_first():
    """AuthFirst must be the class of every route FastAPI reads a body for (the API's, the login page's):
    a router made without it reads bodies unchecked."""
    modules = [*ROUTERS, *PAGES]
    routes = [route for module in modules for route in module.router.routes if isinstance(route, APIRoute)]
    reading = [route for route in routes if route.body_field is not None]
    assert len([route for route in reading if least_role(route.dependant)]) >= 10  # segments, imports, …
    assert {"/ui/login", "/unsubscribe/{token}"} <= {route.path for route in reading}
    assert [route.path for route in reading if not isinstance(route, AuthFirst)] == []
