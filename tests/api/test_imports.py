"""Imports over the API: a cp1251 upload with a JSON mapping lands (one row quarantined, with its reason),
a preset upload with a refresh, listing and paging, and bad files answered with file, row and column while
the store stays exactly as it was."""

from __future__ import annotations

import json

import pytest

from .conftest import _api

# A Ukrainian CRM export: cp1251, semicolons, dd.mm.yyyy; "Номер картки" is no known alias of customer_id.
CUSTOMERS = (
    "Номер картки;ПІБ;Мобільний;Місто;Дата народження\n"
    "N-001;Олександр Петренко;067 123 45 67;Київ;12.03.1985\n"
    "N-002;Мар'яна Коваленко;050 765 43 21;Львів;01.01.1990\n"
    ";Без Коду;063 000 00 00;Одеса;05.05.1975\n"
)
MAPPING = json.dumps({"Номер картки": "customer_id"}, ensure_ascii=False)

# The UCI Online Retail layout (the online-retail preset): two invoices, one of them cancelled.
ONLINE_RETAIL = (
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
    "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom\n"
    "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom\n"
)

STORE_TABLES = ("customers", "orders", "order_items", "events", "imports", "quarantine", "rejected_values")


def store_counts(api) -> dict[str, int]:
    ws = api.client.app.state.workspace.ws
    return {t: ws.raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in STORE_TABLES}


def upload(api, name: str, content: bytes, role: str = "editor", **form):
    return api.client.post(
        "/imports",
        files={"file": (name, content, "text/csv")},
        data={key: str(value).lower() if isinstance(value, bool) else value for key, value in form.items()},
        headers=api.as_(role),
    )


@pytest.fixture(scope="module")
def imported(template, tmp_path_factory):
    """An app on its own copy of the demo shop, after the cp1251 customers file was uploaded."""
    api = _api(template, tmp_path_factory.mktemp("api-imports"))
    with api.client:
        before = store_counts(api)
        response = upload(api, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING)
        assert response.status_code == 201, response.text
        yield api, response.json(), before


def test_an_upload_lands_and_quarantines_what_it_cannot(imported):
    api, summary, before = imported
    assert summary["status"] == "completed" and summary["file"] == "клієнти.csv"
    assert (summary["rows_read"], summary["inserted"], summary["quarantined"]) == (3, 2, 1)
    assert summary["mapping"]["Номер картки"] == "customer_id" and summary["refresh"] is None
    after = store_counts(api)
    assert after["customers"] == before["customers"] + 2 and after["imports"] == before["imports"] + 1
    profile = api.client.get("/customers/N-001", headers=api.as_("viewer")).json()
    attributes = profile["attributes"]
    assert (attributes["full_name"], attributes["city"]) == ("Олександр Петренко", "Київ")
    assert (attributes["phone"], attributes["birth_date"]) == ("+380671234567", "1985-03-12")


def test_imports_are_listed_with_status_and_counts(imported):
    api, summary, _ = imported
    listed = api.client.get("/imports", headers=api.as_("viewer")).json()
    first = listed["imports"][0]  # the latest first
    assert first["import_id"] == summary["import_id"] and first["status"] == "completed"
    assert (first["file"], first["entity"], first["rows_read"], first["quarantined"]) == (
        "клієнти.csv",
        "customers",
        3,
        1,
    )
    assert listed["total"] == len(listed["imports"]) == 1  # the demo shop is built without imports
    one = api.client.get(f"/imports/{summary['import_id']}", headers=api.as_("viewer")).json()
    assert one["quarantine_reasons"] == {"missing customer_id": 1} and one["rejected_values"] == 0
    assert len(one["file_sha256"]) == 64


def test_the_quarantine_is_paged_with_reasons(imported):
    api, summary, _ = imported
    path = f"/imports/{summary['import_id']}/quarantine"
    page = api.client.get(path, headers=api.as_("viewer")).json()
    assert page["total"] == 1
    (row,) = page["rows"]
    assert (row["row"], row["column"], row["reason"]) == (4, "Номер картки", "missing customer_id")
    assert row["record"]["ПІБ"] == "Без Коду"
    # its code and params, for a client that words it in its own language (docs/import.md)
    assert (row["reason_code"], row["reason_params"]) == ("import.missing", {"field": "customer_id"})
    empty = api.client.get(path, params={"page": 2, "page_size": 1}, headers=api.as_("viewer")).json()
    assert (empty["total"], empty["rows"]) == (1, [])
    missing = api.client.get("/imports/nope/quarantine", headers=api.as_("viewer"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_an_upload_says_how_it_read_dates_and_float_ids_as_the_cli_does(fresh):
    """The import summary's date_orders and float_ids (docs/import.md) are in the API's answer too: the
    answer's model listed its fields one by one and dropped both."""
    content = (
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        "536365,85123A,X,6,12/01/2010 08:26,2.55,17850.0,United Kingdom\n"
        "540000,85123A,X,6,12/13/2010 09:02,2.55,17851.0,United Kingdom\n"
    )
    response = upload(fresh, "retail.csv", content.encode(), entity="orders", preset="online-retail")
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["inserted"], body["quarantined"]) == (2, 0)
    assert body["date_orders"] == {"InvoiceDate": "month-first"}
    assert body["float_ids"] == ["CustomerID"]
    ws = fresh.client.app.state.workspace.ws
    assert ws.raw.execute(
        "SELECT customer_id, ordered_at::DATE::VARCHAR FROM orders WHERE order_id = '536365'"
    ).fetchall() == [("17850", "2010-12-01")]


def test_a_preset_upload_with_a_refresh(fresh):
    response = upload(
        fresh,
        "online retail.csv",
        ONLINE_RETAIL.encode(),
        entity="orders",
        preset="online-retail",
        refresh=True,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["rows_read"], body["inserted"], body["quarantined"]) == (3, 2, 0)
    assert body["tables"]["order_items"]["inserted"] == 3
    assert body["refresh"]["customers"] > 0  # families and segments were recomputed
    ws = fresh.client.app.state.workspace.ws
    statuses = dict(
        ws.raw.execute(
            "SELECT order_id, status FROM orders WHERE order_id IN ('536365', 'C536379')"
        ).fetchall()
    )
    assert statuses == {"536365": "completed", "C536379": "cancelled"}


BAD_FILES = [
    # (file name, bytes, form, row, column, words in the message)
    ("twice.csv", b"customer_id,email,email\nA1,a@b.ua,c@d.ua\n", {}, 1, "email", "appears twice"),
    (
        "wrong encoding.csv",
        "customer_id,full_name\nA1,Ok\nA2,Олена\n".encode("cp1251"),
        {"encoding": "utf-8"},
        3,
        "full_name",
        "not valid utf-8",
    ),
    ("empty.csv", b"", {}, None, None, "empty"),
    ("notes.docx", b"hello", {}, None, None, "unsupported file type"),
]
# each one's reason code (docs/import.md, "Reason codes")
CODES = {
    "twice.csv": "import.header_twice",
    "wrong encoding.csv": "import.encoding_bytes",
    "empty.csv": "import.file_empty",
    "notes.docx": "import.file_type",
}


@pytest.mark.parametrize("name,content,form,row,column,words", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_says_where_and_writes_nothing(fresh, name, content, form, row, column, words):
    before = store_counts(fresh)
    response = upload(fresh, name, content, entity="customers", **form)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_file" and words in error["message"]
    details = error["details"]
    assert {key: details[key] for key in ("file", "row", "column")} == {
        "file": name,
        "row": row,
        "column": column,
    }
    assert details["code"] == CODES[name] and isinstance(details["params"], dict)
    ws_path = fresh.client.app.state.workspace.path
    assert str(ws_path) not in error["message"]  # the client knows its file by name, not the server path
    assert store_counts(fresh) == before
    assert not any((ws_path / "uploads").glob("*/*"))  # the failed upload's file is gone too


def test_a_mapping_naming_a_missing_column(fresh):
    before = store_counts(fresh)
    response = upload(
        fresh, "c.csv", b"id,name\nA1,Ann\n", entity="customers", mapping=json.dumps({"Телефон": "phone"})
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "c.csv" in error["message"] and "'Телефон'" in error["message"]
    assert (error["details"]["code"], error["details"]["params"]["file"]) == ("import.no_column", "c.csv")
    assert str(fresh.client.app.state.workspace.path) not in error["message"]
    bad_json = upload(fresh, "c.csv", b"id,name\nA1,Ann\n", entity="customers", mapping="{phone")
    assert bad_json.status_code == 422 and bad_json.json()["error"]["details"][0]["location"] == [
        "body",
        "mapping",
    ]
    assert store_counts(fresh) == before


def test_a_viewer_cannot_upload(client):
    before = store_counts(client)
    response = upload(client, "c.csv", b"customer_id\nV1\n", role="viewer", entity="customers")
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert store_counts(client) == before


def test_the_values_refused_while_their_row_landed_are_listed(fresh):
    """hunt-web W16: GET /imports/{id} gives rejected_values as a count only; the web's import page lists
    them (row, key, column, value, reason), and no route gave them to a script. Old code: 404 for
    /imports/{id}/rejected."""
    content = (
        "customer_id;full_name;email;birth_date\n"
        "R-1;Оксана Коваль;oksana@@mail;1990-02-30\n"
        "R-2;Ірина Бойко;iryna@shop.ua;1985-03-12\n"
    )
    response = upload(fresh, "клієнти.csv", content.encode(), entity="customers")
    assert response.status_code == 201, response.text
    summary = response.json()
    assert (summary["inserted"], summary["quarantined"], summary["rejected_values"]) == (2, 0, 2)
    path = f"/imports/{summary['import_id']}/rejected"
    page = fresh.client.get(path, headers=fresh.as_("viewer")).json()
    assert (page["total"], page["page"], page["page_size"]) == (2, 1, 50)
    assert [(r["row"], r["record_key"], r["column"], r["value"]) for r in page["rows"]] == [
        (2, "R-1", "birth_date", "1990-02-30"),
        (2, "R-1", "email", "oksana@@mail"),
    ]
    ws = fresh.client.app.state.workspace.ws
    stored = ws.raw.execute(
        'SELECT "column", reason, reason_code FROM rejected_values WHERE import_id = ? ORDER BY 1',
        [summary["import_id"]],
    ).fetchall()
    assert [(r["column"], r["reason"], r["reason_code"]) for r in page["rows"]] == stored
    assert all(r["reason_code"] and isinstance(r["reason_params"], dict) for r in page["rows"])
    second = fresh.client.get(path, params={"page": 2, "page_size": 1}, headers=fresh.as_("viewer")).json()
    assert (second["total"], [r["column"] for r in second["rows"]]) == (2, ["email"])
    missing = fresh.client.get("/imports/nope/rejected", headers=fresh.as_("viewer"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
