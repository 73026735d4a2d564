"""Steps the web tests take the way a user takes them in the pages, shared by several test files."""

from __future__ import annotations

from tests.web.test_import_errors import upload
from tests.web.test_import_refresh import wait_for_state


def import_then_save_static(
    client, lang: str, file_name: str, content: bytes, segment: str, rule: str
) -> None:
    """A customers file uploaded on the import form (waited for until it finished), then a static segment
    of `rule` saved from the builder, by the logged-in client."""
    answer = upload(client, lang, file_name, content, entity="customers")
    assert answer.status_code == 303, answer.text
    assert 'data-state="finished"' in wait_for_state(client, answer.headers["location"].split("id=")[1])
    csrf = client.get("/ui/builder").text.split('name="csrf" value="')[1].split('"')[0]
    saved = client.post(
        "/ui/builder/save",
        data={"csrf": csrf, "name": segment, "rule_text": rule, "kind": "static"},
        headers={"origin": "http://testserver"},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
