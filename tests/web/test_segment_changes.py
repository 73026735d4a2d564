"""A static segment's members are added and removed, and a segment is deleted, from its page (a CRM analyst
had no way to do either in the web UI: only the CLI and the API could). Refusals come back on the page in
its language with what was typed; a viewer, a missing CSRF token or an unticked confirmation change
nothing."""

from __future__ import annotations

import html
import re

import pytest
from tests.web.conftest import BIG_SPENDERS, ORIGIN, log_in
from tests.web.test_pages import csrf_of

import segmint

LIST = "Ручной список"


def ws_of(client):
    return client.app.state.workspace.ws


def member_ids(client, name: str) -> list[str]:
    ws = ws_of(client)
    segment = segmint.segments.find(ws, name)
    rows = ws.raw.execute(
        "SELECT customer_id FROM segment_members WHERE segment_id = ? ORDER BY customer_id",
        [segment.segment_id],
    ).fetchall()
    return [row[0] for row in rows]


def customer_ids(client, n: int) -> list[str]:
    rows = ws_of(client).raw.execute("SELECT customer_id FROM customers ORDER BY customer_id LIMIT ?", [n])
    return [row[0] for row in rows.fetchall()]


def alert(text: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">(.*?)</p>', text, re.S)
    assert found, text
    return html.unescape(found.group(1))


def post(client, path: str, data: dict, csrf: str):
    return client.post(path, data={**data, "csrf": csrf}, headers=ORIGIN, follow_redirects=False)


def test_static_members_are_added_and_removed_on_the_segment_page_in_russian(client, shop):
    log_in(client, shop.tokens["editor"])
    first, second, third, fourth = customer_ids(client, 4)
    segmint.segments.create(ws_of(client), LIST, kind="static", members=[first])
    client.cookies.set("segmint_lang", "ru")
    csrf = csrf_of(client, f"/ui/segment?name={LIST}")

    # pasted as an analyst pastes a column from a spreadsheet: new lines, commas, spaces
    added = post(client, "/ui/segment/members", {"name": LIST, "ids": f"{second},\n{third} ; {first}"}, csrf)
    assert added.status_code == 303
    assert member_ids(client, LIST) == sorted([first, second, third])
    shown = client.get(added.headers["location"])
    assert alert(shown.text, "members-changed") == "Добавлено участников: 2."
    assert "Найдено участников: 3" in shown.text

    # a typo: nothing changes, the page says which id in Russian and keeps what was typed
    typo = f"{second}\nC-НЕТ-ТАКОГО"
    refused = post(client, "/ui/segment/members", {"name": LIST, "ids": typo, "action": "remove"}, csrf)
    assert refused.status_code == 400
    assert alert(refused.text, "member-error") == "нет клиента с идентификатором 'C-НЕТ-ТАКОГО'"
    assert f">{html.escape(typo)}</textarea>" in refused.text
    assert 'id="members-changed"' not in refused.text  # no "added: ." beside the refusal
    assert member_ids(client, LIST) == sorted([first, second, third])

    outside = post(client, "/ui/segment/members", {"name": LIST, "ids": fourth, "action": "remove"}, csrf)
    assert outside.status_code == 400
    assert alert(outside.text, "member-error") == f"не участники '{LIST}': '{fourth}'; ничего не удалено"

    nothing = post(client, "/ui/segment/members", {"name": LIST, "ids": " ,\n"}, csrf)
    assert nothing.status_code == 400
    assert alert(nothing.text, "member-error") == "Введите или вставьте хотя бы один код клиента."

    removed = post(
        client, "/ui/segment/members", {"name": LIST, "ids": f"{first} {third}", "action": "remove"}, csrf
    )
    assert removed.status_code == 303
    assert member_ids(client, LIST) == [second]
    assert alert(client.get(removed.headers["location"]).text, "members-changed") == "Убрано участников: 2."


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", "Учасників додають або прибирають, а не 'bogus': нічого не змінено."),
        ("ru", "Участников добавляют или убирают, а не 'bogus': ничего не изменено."),
        ("en", "The members are added or removed, not 'bogus': nothing was changed."),
    ],
)
def test_an_unknown_member_action_is_refused_not_taken_for_add(client, shop, lang, said):
    """Old code: any action but "remove" added the ids (303, the customer a member)."""
    log_in(client, shop.tokens["editor"])
    first, second = customer_ids(client, 2)
    segmint.segments.create(ws_of(client), LIST, kind="static", members=[first])
    client.cookies.set("segmint_lang", lang)
    csrf = csrf_of(client, f"/ui/segment?name={LIST}")
    answer = post(client, "/ui/segment/members", {"name": LIST, "ids": second, "action": "bogus"}, csrf)
    assert answer.status_code == 400
    assert alert(answer.text, "member-error") == said
    assert f">{second}</textarea>" in answer.text  # what was typed, kept
    assert member_ids(client, LIST) == [first]


def test_a_dynamic_segment_has_no_member_form_and_its_members_are_not_changed(client, shop):
    log_in(client, shop.tokens["editor"])
    page = client.get(f"/ui/segment?name={BIG_SPENDERS}")
    assert 'id="delete-segment"' in page.text and 'id="change-members"' not in page.text
    (someone,) = customer_ids(client, 1)
    before = member_ids(client, BIG_SPENDERS)
    answer = post(
        client, "/ui/segment/members?lang=ru", {"name": BIG_SPENDERS, "ids": someone}, csrf_of(client)
    )
    assert answer.status_code == 400
    assert alert(answer.text, "member-error").startswith(f"'{BIG_SPENDERS}' — динамический")
    assert member_ids(client, BIG_SPENDERS) == before


def test_a_viewer_sees_no_forms_and_cannot_change_or_delete(client, shop):
    segmint.segments.create(ws_of(client), LIST, kind="static", members=customer_ids(client, 1))
    log_in(client, shop.tokens["viewer"])
    page = client.get(f"/ui/segment?name={LIST}")
    assert page.status_code == 200
    assert 'id="change-members"' not in page.text and 'id="delete-segment"' not in page.text
    csrf = csrf_of(client)
    more = customer_ids(client, 3)[1:]
    assert post(client, "/ui/segment/members", {"name": LIST, "ids": " ".join(more)}, csrf).status_code == 403
    assert post(client, "/ui/segment/delete", {"name": LIST, "confirm": "1"}, csrf).status_code == 403
    assert len(member_ids(client, LIST)) == 1


def test_a_segment_is_deleted_from_its_page_only_when_confirmed(client, shop):
    log_in(client, shop.tokens["editor"])
    client.cookies.set("segmint_lang", "ru")
    ws = ws_of(client)
    csrf = csrf_of(client, f"/ui/segment?name={BIG_SPENDERS}")

    assert (
        post(client, "/ui/segment/delete", {"name": BIG_SPENDERS, "confirm": "1"}, "0" * 64).status_code
        == 403
    )
    unconfirmed = post(client, "/ui/segment/delete", {"name": BIG_SPENDERS}, csrf)
    assert unconfirmed.status_code == 400
    assert (
        alert(unconfirmed.text, "delete-error")
        == "Ничего не удалено: сначала поставьте отметку подтверждения."
    )
    assert segmint.segments.find(ws, BIG_SPENDERS) is not None

    # another rule reads it: refused in Russian, nothing deleted
    segmint.segments.create(ws, "Читает", f'in_segment("{BIG_SPENDERS}")')
    read = post(client, "/ui/segment/delete", {"name": BIG_SPENDERS, "confirm": "1"}, csrf)
    assert read.status_code == 400
    assert alert(read.text, "delete-error").startswith(f"нельзя удалить '{BIG_SPENDERS}'")
    assert segmint.segments.find(ws, BIG_SPENDERS) is not None

    post(client, "/ui/segment/delete", {"name": "Читает", "confirm": "1"}, csrf)
    deleted = post(client, "/ui/segment/delete", {"name": BIG_SPENDERS, "confirm": "1"}, csrf)
    assert deleted.status_code == 303
    assert segmint.segments.find(ws, BIG_SPENDERS) is None
    listed = client.get(deleted.headers["location"])
    assert alert(listed.text, "segment-deleted") == f"Сегмент «{BIG_SPENDERS}» удалён."
    assert f">{BIG_SPENDERS}</a>" not in listed.text
    history = ws.raw.execute("SELECT count(*) FROM membership_snapshots WHERE kind = 'segment'").fetchone()[0]
    assert history == 0


def test_an_empty_member_table_says_why_it_is_empty(client, shop):
    """Old code drew the column headers over no row at all: an empty segment and a search that found
    nobody looked like a page that had not loaded."""
    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "ru")
    segmint.segments.create(ws_of(client), "Никого", "total_spent > 999999999")
    empty = client.get("/ui/segment?name=Никого")
    said = "В сегменте сейчас никого нет: его правило не отбирает ни одного клиента."
    assert html.unescape(re.search(r'id="no-members">(.*?)</td>', empty.text).group(1)) == said
    found = client.get(f"/ui/segment/members?name={BIG_SPENDERS}&q=zzz")
    said = "Ни один участник не подходит под «zzz»."
    assert html.unescape(re.search(r'id="no-members">(.*?)</td>', found.text).group(1)) == said
    assert 'id="no-members"' not in client.get(f"/ui/segment?name={BIG_SPENDERS}").text
