"""A file larger than the server takes ([server] max_upload_mb, api/limits.py) is refused on the imports
page with a 413 page that says so, and what to do, in the page's language; nothing is imported."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import ORIGIN, copy_of, log_in

from segmint import Workspace
from segmint.api import create_app

SAID = {
    "en": "The file is too large: this server takes at most 1 MB at once.",
    "uk": "Файл завеликий: цей сервер приймає щонайбільше 1 МБ за раз.",
    "ru": "Файл слишком большой: этот сервер принимает не больше 1 МБ за раз.",
}


@pytest.mark.parametrize("lang", sorted(SAID))
def test_an_upload_over_the_limit_gets_a_413_page_in_the_users_language(shop, tmp_path, lang):
    """Old code: no limit; the 2 MB file was imported."""
    path = copy_of(shop, tmp_path)
    config = path / "segmint.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[server]\nmax_upload_mb = 1\n", encoding="utf-8"
    )
    with Workspace.open(path) as ws:
        before = ws.raw.execute("SELECT count(*) FROM imports").fetchone()[0]
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        log_in(client, shop.tokens["editor"])
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ui/imports").text).group(1)
        rows = "".join(f"BIG-{n:07d},Олена Велика\n" for n in range(80_000)).encode()  # about 2 MB
        answer = client.post(
            f"/ui/imports?lang={lang}",
            data={"csrf": csrf, "entity": "customers"},
            files={"file": ("великий.csv", b"customer_id,full_name\n" + rows, "text/csv")},
            headers=ORIGIN,
        )
    assert answer.status_code == 413, answer.text
    assert SAID[lang] in answer.text and "max_upload_mb" in answer.text
    with Workspace.open(path) as ws:
        assert ws.raw.execute("SELECT count(*) FROM imports").fetchone()[0] == before
