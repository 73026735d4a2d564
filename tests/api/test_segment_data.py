"""Member downloads and history over the API: an empty segment's CSV, the CSV in several chunks, the
download's file name, and the dates of the history's movements."""

from __future__ import annotations

import codecs
import csv
import io
import re
import urllib.parse

import pytest

from segmint.api.routes import segment_data

from .conftest import BIG_SPENDERS
from .test_errors import assert_error

NOBODY = "total_spent > 999999999"


def _members(api, name: str, **params):
    path = f"/segments/{urllib.parse.quote(name, safe='')}/members"
    return api.client.get(path, params=params, headers=api.as_("viewer"))


def test_an_empty_segment_downloads_as_the_header_alone(fresh):
    made = fresh.client.post("/segments", json={"name": "Empty", "rule": NOBODY}, headers=fresh.as_("editor"))
    assert made.status_code == 201 and made.json()["size"] == 0
    response = _members(fresh, "Empty", format="csv", columns="full_name,city,tags,monetary")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines() == ['"customer_id","full_name","city","tags","monetary"']
    default = _members(fresh, "Empty", format="csv")
    assert default.status_code == 200 and list(csv.reader(io.StringIO(default.text))) == [
        ["customer_id", "full_name", "email", "phone", "city"]
    ]
    page = _members(fresh, "Empty")
    assert page.status_code == 200
    assert page.json()["total"] == 0 and page.json()["members"] == []


def test_the_csv_written_in_chunks_has_one_header_and_every_row(client, monkeypatch):
    monkeypatch.setattr(segment_data, "CSV_BATCH", 7)
    whole = _members(client, BIG_SPENDERS, page_size=1000)
    expected = [m["customer_id"] for m in whole.json()["members"]]
    assert len(expected) > 3 * 7 and len(expected) % 7  # several chunks, the last one short
    response = _members(client, BIG_SPENDERS, format="csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][0] == "customer_id" and [r[0] for r in rows[1:]] == expected


def _disposition(response) -> tuple[str, str]:
    """The ASCII `filename` and the decoded `filename*` of the Content-Disposition header."""
    header = response.headers["content-disposition"]
    assert header.isascii() and header.startswith("attachment;")
    plain = re.search(r'filename="([^"\\]*)"', header)
    extended = re.search(r"filename\*=UTF-8''([^;\s]+)", header)
    assert plain and extended, header
    return plain.group(1), urllib.parse.unquote(extended.group(1), errors="strict")


@pytest.mark.parametrize("name", ["Сплячі VIP", "Спящие \"VIP\" 'кавычки'", "a;b,c d", "Plain"])
def test_the_download_is_named_after_the_segment_in_utf8(fresh, name):
    made = fresh.client.post(
        "/segments", json={"name": name, "rule": "total_spent > 9000"}, headers=fresh.as_("editor")
    )
    assert made.status_code == 201, made.text
    fallback, utf8 = _disposition(_members(fresh, name, format="csv"))
    assert utf8 == f"{name}.csv"
    assert fallback.endswith(".csv") and "\\u" not in fallback
    if name.isascii() and '"' not in name:
        assert fallback == f"{name}.csv"


def _history(api, **params):
    return api.client.get(f"/segments/{BIG_SPENDERS}/history", params=params, headers=api.as_("viewer"))


def test_history_from_after_to_is_refused(client):
    response = _history(client, **{"from": "2026-02-01", "to": "2025-01-01"})
    error = assert_error(response, 400, "bad_request")
    assert "2026-02-01" in error["message"] and "2025-01-01" in error["message"]
    # coded as the library's own refusal, so a client words it in its language
    assert error["details"] == {
        "code": "dates.end_before_start",
        "params": {"start": "2026-02-01", "end": "2025-01-01"},
    }
    assert _history(client, **{"from": "2025-01-01", "to": "2025-01-01"}).status_code == 200


def test_history_to_alone_counts_every_movement_up_to_it(client):
    earlier, now = _history(client).json()["sizes"]
    for day in (earlier, now):
        moved = _history(client, to=day["date"]).json()["movements"]
        assert moved is not None and moved["to"] == day["date"]
        assert moved["from"] <= earlier["date"]  # from the start of the history
        assert moved["entered"] - moved["left"] == day["size"]
    explicit = _history(client, **{"from": earlier["date"], "to": now["date"]}).json()["movements"]
    assert _history(client, to=now["date"]).json()["movements"] == explicit
    before = _history(client, to="2000-01-01").json()["movements"]
    assert before["from"] == before["to"] == "2000-01-01" and before["rows"] == []


def test_the_csv_download_neutralises_spreadsheet_formulas(fresh):
    """hunt-api B23: a customer named =HYPERLINK(...) was downloaded as a live formula."""
    ws = fresh.client.app.state.workspace.ws
    first, second = (
        r[0] for r in ws.raw.execute("SELECT customer_id FROM customers ORDER BY 1 LIMIT 2").fetchall()
    )
    ws.raw.execute(
        "UPDATE customers SET full_name = ?, city = ?, phone = ? WHERE customer_id = ?",
        ['=HYPERLINK("http://evil.example","click")', "@SUM(1+1)", "+380671234567", first],
    )
    made = fresh.client.post(
        "/segments",
        json={"name": "Hostile", "kind": "static", "members": [first, second]},
        headers=fresh.as_("editor"),
    )
    assert made.status_code == 201, made.text
    response = _members(fresh, "Hostile", format="csv", columns="customer_id,full_name,city,phone")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[1] == [first, '\'=HYPERLINK("http://evil.example","click")', "'@SUM(1+1)", "+380671234567"]
    # the JSON page is for programs: the values as they are
    page = _members(fresh, "Hostile", columns="customer_id,full_name,city")
    assert page.json()["members"][0] == {
        "customer_id": first,
        "full_name": '=HYPERLINK("http://evil.example","click")',
        "city": "@SUM(1+1)",
    }


def test_a_column_named_twice_is_listed_once(client):
    """hunt-api B1: the members came with the column once, but the answer's `columns` named it twice
    (["customer_id", "full_name", "full_name"]), so a client building a table header from it got two."""
    page = _members(client, BIG_SPENDERS, columns="full_name,city,full_name")
    assert page.status_code == 200, page.text
    assert page.json()["columns"] == ["customer_id", "full_name", "city"]
    assert set(page.json()["members"][0]) == {"customer_id", "full_name", "city"}
    assert _members(client, BIG_SPENDERS, columns="customer_id,city,customer_id").json()["columns"] == [
        "customer_id",
        "city",
    ]
    download = _members(client, BIG_SPENDERS, columns="full_name,city,full_name", format="csv")
    assert download.text.splitlines()[0] == '"customer_id","full_name","city"'


def test_bom_1_starts_the_csv_with_a_byte_order_mark_for_excel(client):
    """hunt-web W13: Excel on a Ukrainian or Russian Windows opens a double-clicked CSV without a BOM as
    cp1251, Cyrillic names as mojibake. ?bom=1 puts the UTF-8 BOM first; without it the bytes are as
    before (a script's CSV reader would read a BOM as part of the first column's name). Old code: no bom
    parameter, the same bytes either way."""
    plain = _members(client, BIG_SPENDERS, format="csv", columns="full_name,city")
    marked = _members(client, BIG_SPENDERS, format="csv", columns="full_name,city", bom="1")
    assert plain.status_code == marked.status_code == 200
    assert not plain.content.startswith(codecs.BOM_UTF8) and plain.content.startswith(b'"customer_id"')
    assert marked.content == codecs.BOM_UTF8 + plain.content
    assert re.search("[А-Яа-яІіЇїЄє]", marked.content.decode("utf-8-sig"))  # Cyrillic names, as UTF-8
    page = _members(client, BIG_SPENDERS, bom="1")  # the JSON page: bom does not apply
    assert page.status_code == 200 and page.json()["total"] == plain.text.count("\n") - 1


def test_members_as_of_say_which_refresh_stands_for_the_date(client):
    """With as_of the answer's computed_on names the refresh date whose membership it gives (a date no
    refresh computed reads the one before it), and is null before the history starts: there no one is
    recorded, which is not "no one was a member". The answer said only the date asked for, so a client
    read an empty page before the first refresh as an empty segment (the CLI says both in words)."""
    import datetime as dt

    viewer = client.as_("viewer")
    sizes = client.client.get(f"/segments/{BIG_SPENDERS}/history", headers=viewer).json()["sizes"]
    first, last = (dt.date.fromisoformat(sizes[i]["date"]) for i in (0, -1))
    assert first < last - dt.timedelta(days=10)
    cases = [
        (first - dt.timedelta(days=1), None, 0),
        (first + dt.timedelta(days=10), first, sizes[0]["size"]),
        (last, last, sizes[-1]["size"]),
    ]
    for day, computed, total in cases:
        page = _members(client, BIG_SPENDERS, as_of=day.isoformat()).json()
        assert (page["as_of"], page["computed_on"], page["total"]) == (
            day.isoformat(),
            computed and computed.isoformat(),
            total,
        )
    assert _members(client, BIG_SPENDERS).json()["computed_on"] is None
    params = {"group": "Champions", "as_of": (first + dt.timedelta(days=10)).isoformat()}
    group = client.client.get("/families/rfm/members", params=params, headers=viewer).json()
    assert group["computed_on"] == first.isoformat() and group["total"] > 0


def test_members_as_of_between_refreshes_give_the_columns_of_computed_on(client):
    """The members of a date no refresh computed are those of computed_on, the refresh before it; their
    columns were computed on the date asked, so a page of the 'Champions' of a date said rfm_group 'At
    Risk' or 'Lost' for some of them (the CLI's members --as-of alike). The columns are computed_on's: every
    row's group is the group asked for, and its spend is that date's."""
    import datetime as dt

    viewer = client.as_("viewer")
    sizes = client.client.get("/families/rfm/history", headers=viewer).json()["sizes"]
    first, last = (dt.date.fromisoformat(sizes[i]["date"]) for i in (0, -1))
    between = (last - dt.timedelta(days=1)).isoformat()
    columns = "rfm_group,rfm.group,monetary"
    for group in ("Champions", "At Risk"):
        params = {"group": group, "as_of": between, "columns": columns, "page_size": 1000}
        page = client.client.get("/families/rfm/members", params=params, headers=viewer).json()
        assert page["computed_on"] == first.isoformat() and page["total"] > 0
        assert {(row["rfm_group"], row["rfm.group"]) for row in page["members"]} == {(group, group)}
        params["as_of"] = first.isoformat()
        assert (
            client.client.get("/families/rfm/members", params=params, headers=viewer).json()["members"]
            == page["members"]
        )
