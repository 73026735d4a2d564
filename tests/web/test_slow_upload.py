"""A file uploaded on the imports page over a slow connection does not hold the workspace while its bytes
arrive: the page's form is read before the request waits for the workspace (web/session.received_form)."""

from __future__ import annotations

import re
import threading

import httpx
import pytest
from tests.api.served import serving
from tests.web.conftest import copy_of

from segmint import Workspace
from segmint.api import create_app

BOUNDARY = "segmint-test-boundary"


def test_a_slow_upload_holds_nobody_up_while_its_file_arrives(shop, tmp_path):
    """The page read the posted form after taking the workspace (the session check takes it), so until
    the last byte of the file had arrived every page and API call waited: the body is held here half sent,
    and GET /segments was not answered. Now it is, and the upload lands once the rest arrives."""
    path = copy_of(shop, tmp_path)
    editor, viewer = shop.tokens["editor"], {"Authorization": f"Bearer {shop.tokens['viewer']}"}
    with serving(create_app(path), 40) as url:
        browser = httpx.Client(base_url=url, headers={"origin": url}, timeout=120)
        assert browser.post("/ui/login", data={"token": editor}).status_code == 303
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', browser.get("/ui/imports").text).group(1)
        half_sent, rest = threading.Event(), threading.Event()

        def body():
            yield (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="entity"\r\n\r\ncustomers\r\n'
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="повільний.csv"\r\n'
                "Content-Type: text/csv\r\n\r\ncustomer_id,full_name\r\nSLOW-1,Повільна Олена\r\n"
            ).encode()
            half_sent.set()
            assert rest.wait(60), "the test never sent the rest"
            yield f"SLOW-2,Повільний Петро\r\n\r\n--{BOUNDARY}--\r\n".encode()

        answer: dict = {}
        kind = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
        uploading = threading.Thread(
            target=lambda: answer.update(response=browser.post("/ui/imports", content=body(), headers=kind))
        )
        uploading.start()
        try:
            assert half_sent.wait(30)
            try:
                segments = httpx.get(url + "/segments", headers=viewer, timeout=10)
            except httpx.TimeoutException:
                pytest.fail("GET /segments unanswered for 10 s while an upload's file was arriving")
            assert segments.status_code == 200, segments.text
        finally:
            rest.set()
        uploading.join(120)
    landed = answer["response"]
    assert landed.status_code == 303 and landed.headers["location"].startswith("/ui/import?"), landed.text
    with Workspace.open(path) as ws:
        names = ws.raw.execute("SELECT full_name FROM customers WHERE customer_id LIKE 'SLOW-%' ORDER BY 1")
        assert names.fetchall() == [("Повільна Олена",), ("Повільний Петро",)]
