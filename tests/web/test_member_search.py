"""A segment's member search reads a name, an email and a phone as the customer search does (api/customers.py
people_matching): a phone written the way people write one, any apostrophe in a Ukrainian name; and neither
search takes the digits of an email for a phone number (hunt-web, s22)."""

from __future__ import annotations

import re
from html import unescape

from tests.web.flows import import_then_save_static
from tests.web.test_import_errors import log_in

CUSTOMERS = (
    "Код клієнта;Ім'я;Прізвище;Місто;Телефон;Email\n"
    "M1;Мар’яна;Коваль;Яготин;067 123 45 67;maryana_455@example.com\n"
    "M2;Петро;Бойко;Яготин;+380 50 455 12 34;petro.boiko@example.com\n"
)


def found(html: str) -> set[str]:
    return set(re.findall(r">(M\d)</a>", unescape(html)))


def test_the_member_search_finds_a_phone_as_typed_and_a_name_with_any_apostrophe(client, shop):
    """Old code: the member search compared the text as typed with the stored E.164 phone and name, so
    "(067) 123-45-67", "067 123 45 67" and "Мар'яна" (the keyboard's apostrophe, the name has ’) found
    nobody; the customer search found the phone but not the name, and its search for the email
    maryana_455@example.com also listed M2, whose phone has 455 in it."""
    log_in(client, shop.tokens["editor"])
    import_then_save_static(client, "uk", "клієнти.csv", CUSTOMERS.encode(), "Яготин", 'city = "Яготин"')

    def members(q: str) -> set[str]:
        return found(client.get("/ui/segment/members", params={"name": "Яготин", "q": q}).text)

    def customers(q: str) -> set[str]:
        return found(client.get("/ui/customers", params={"q": q}).text)

    typed = (
        "(067) 123-45-67",
        "067 123 45 67",
        "+38 067 123 4567",
        "0671234567",
        "Мар'яна",
        "МАРʼЯНА КОВАЛЬ",
    )
    for q in typed:
        assert members(q) == {"M1"}, q
        assert customers(q) == {"M1"}, q
    for q in ("maryana_455@example.com", "MARYANA_455"):
        assert members(q) == {"M1"}, q
        assert customers(q) == {"M1"}, q
    assert members("50 455") == {"M2"}  # digits written as a phone's are
    assert members("455") == {"M1", "M2"}  # M1's email has them too
    assert members("m2") == {"M2"}  # a part of the id


def test_the_customer_search_finds_a_code_typed_in_any_case_or_in_part(client, shop):
    """Old code: the customer search matched the id only whole and in its case, so "c0000006" and
    "0000006" found nobody (a segment's member search found both)."""
    log_in(client, shop.tokens["viewer"])
    ws = client.app.state.workspace.ws
    (first,) = ws.raw.execute("SELECT min(customer_id) FROM customers WHERE merged_into IS NULL").fetchone()
    for q in (first, first.lower(), first[1:]):
        page = unescape(client.get("/ui/customers", params={"q": q}).text)
        assert f">{first}</a>" in page, q


def test_a_search_with_a_nul_character_finds_what_the_rest_of_it_finds(client, shop):
    """Old code: a NUL in what was searched (pasted from a binary file, or `q=%00` in a link) went into
    DuckDB's SQL, which cannot quote one: the customer search and a segment's member search answered a 500
    (the API's JSON, on a page of the UI)."""
    log_in(client, shop.tokens["viewer"])
    members = client.get("/ui/segment/members", params={"name": "Big spenders"}).text
    first = re.findall(r">(C\d+)</a>", members)[0]  # a member, and a customer
    for path, params in (("/ui/customers", {}), ("/ui/segment/members", {"name": "Big spenders"})):
        whole = client.get(path, params={**params, "q": first})
        for q in (f"{first}\0", f"\0{first}", "\0"):
            answer = client.get(path, params={**params, "q": q})
            assert answer.status_code == 200, (path, q, answer.text[:300])
            if q != "\0":
                assert f">{first}</a>" in unescape(answer.text), (path, q)
        assert f">{first}</a>" in unescape(whole.text), path
