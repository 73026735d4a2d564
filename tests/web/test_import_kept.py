"""A file uploaded on the import page is kept in the workspace as an API upload is (uploads/<time>-<id>/
<name>, api/uploads.py), beside the imports row that records its SHA-256; a refused one is not kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.web.conftest import log_in
from tests.web.test_import_errors import upload


def kept_files(client) -> list[Path]:
    return sorted((Path(client.app.state.workspace.ws.path) / "uploads").glob("*/*"))


def test_a_page_upload_is_kept_in_the_workspace_as_an_api_upload_is(client, shop):
    """The page imported from a temporary folder it then deleted: the imports row had a file_sha256, but
    no file was beside it, and a quarantined row could not be looked up in the file it came from."""
    log_in(client, shop.tokens["editor"])
    content = "customer_id,full_name\nK1,Олена Коваль\n,Без коду\n".encode()
    answer = upload(client, "uk", "клієнти.csv", content, entity="customers")
    assert answer.status_code == 303, answer.text
    import_id = answer.headers["location"].rsplit("=", 1)[1]
    (kept,) = kept_files(client)
    assert kept.name == "клієнти.csv" and kept.read_bytes() == content
    assert kept.parent.parent.name == "uploads"
    (sha,) = client.app.state.workspace.ws.raw.execute(
        "SELECT file_sha256 FROM imports WHERE import_id = ?", [import_id]
    ).fetchone()
    assert sha == hashlib.sha256(content).hexdigest()
    # an API upload lands beside it, the same way
    bearer = {"Authorization": f"Bearer {shop.tokens['editor']}"}
    files = {"file": ("api.csv", b"customer_id,full_name\nK2,Ivan\n", "text/csv")}
    assert (
        client.post("/imports", data={"entity": "customers"}, files=files, headers=bearer).status_code == 201
    )
    assert sorted(p.name for p in kept_files(client)) == ["api.csv", "клієнти.csv"]
    assert {p.parent.parent for p in kept_files(client)} == {kept.parent.parent}


def test_a_refused_page_upload_is_not_kept(client, shop):
    log_in(client, shop.tokens["editor"])
    answer = upload(client, "uk", "порожній.csv", b"", entity="customers")  # an empty file
    assert answer.status_code == 400
    answer = upload(client, "uk", "old.xls", b"\xd0\xcf\x11\xe0" + bytes(100), entity="customers")
    assert answer.status_code == 400
    assert kept_files(client) == []
    # a text export under a suffix the reader does not know is read, and kept, as CSV
    answer = upload(client, "uk", "export.dat", b"customer_id,full_name\nK3,Ivan\n", entity="customers")
    assert answer.status_code == 303, answer.text
    assert [p.name for p in kept_files(client)] == ["export.dat.csv"]
