"""Customer search and profile over the API, checked against the store itself."""

from __future__ import annotations

from .conftest import BIG_SPENDERS


def _store(client):
    return client.client.app.state.workspace.ws.raw


def test_search_by_name_email_phone_and_id(client):
    headers = client.as_("viewer")
    raw = _store(client)
    customer_id, full_name, email, phone = raw.execute(
        "SELECT customer_id, full_name, email, phone FROM customers "
        "WHERE email IS NOT NULL AND phone IS NOT NULL ORDER BY customer_id LIMIT 1"
    ).fetchone()
    surname = full_name.split()[-1]
    for q in (customer_id, surname.upper(), email.split("@")[0], phone[-7:]):
        body = client.client.get("/customers", params={"q": q, "limit": 200}, headers=headers).json()
        assert customer_id in [c["customer_id"] for c in body["customers"]], q
        assert body["total"] >= len(body["customers"]) >= 1
    by_surname = client.client.get("/customers", params={"q": surname, "limit": 200}, headers=headers).json()
    (expected,) = raw.execute(
        "SELECT count(*) FROM customers WHERE merged_into IS NULL AND (lower(full_name) LIKE ? OR "
        "lower(email) LIKE ? OR customer_id = ?)",
        [f"%{surname.lower()}%", f"%{surname.lower()}%", surname],
    ).fetchone()
    assert by_surname["total"] == expected


def test_search_pages(client):
    headers = client.as_("viewer")
    first = client.client.get("/customers", params={"limit": 5}, headers=headers).json()
    second = client.client.get("/customers", params={"limit": 5, "offset": 5}, headers=headers).json()
    ids = [c["customer_id"] for c in first["customers"] + second["customers"]]
    assert len(set(ids)) == 10 and ids == sorted(ids)
    (live,) = _store(client).execute("SELECT count(*) FROM customers WHERE merged_into IS NULL").fetchone()
    assert first["total"] == live


def test_profile(client):
    headers = client.as_("viewer")
    members = client.client.get(f"/segments/{BIG_SPENDERS}/members", headers=headers).json()["members"]
    customer_id = members[0]["customer_id"]
    body = client.client.get(f"/customers/{customer_id}", headers=headers).json()
    raw = _store(client)
    assert body["attributes"]["full_name"] == members[0]["full_name"]
    orders, total = raw.execute(
        "SELECT count(*), sum(total) FILTER (WHERE status = 'completed') FROM orders WHERE customer_id = ?",
        [customer_id],
    ).fetchone()
    assert body["orders"]["count"] == orders
    assert body["orders"]["total"] == float(total)
    assert len(body["orders"]["recent"]) == min(orders, 20)
    (events,) = raw.execute("SELECT count(*) FROM events WHERE customer_id = ?", [customer_id]).fetchone()
    assert body["events"]["count"] == events
    assert BIG_SPENDERS in body["segments"]
    group = raw.execute("SELECT rfm_group FROM features WHERE customer_id = ?", [customer_id]).fetchone()[0]
    assert body["families"]["rfm"] == group
    assert body["predictions"]["rfm_group"] == group
    assert "clv_12m" in body["predictions"]
    assert any(h["segment"] == BIG_SPENDERS and h["valid_to"] is None for h in body["segment_history"])


def test_profile_order_summary_covers_every_order_not_only_the_recent(client):
    """The summary counts all of a customer's orders while `recent` lists the latest 20 (one query)."""
    headers = client.as_("viewer")
    raw = _store(client)
    customer_id, count, completed, first_at, last_at = raw.execute(
        "SELECT customer_id, count(*), count(*) FILTER (WHERE status = 'completed'), min(ordered_at), "
        "max(ordered_at) FROM orders WHERE customer_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"
    ).fetchone()
    assert count > 20  # so the summary must look past the 20 recent ones
    orders = client.client.get(f"/customers/{customer_id}", headers=headers).json()["orders"]
    assert (orders["count"], orders["completed"]) == (count, completed)
    assert (orders["first_at"], orders["last_at"]) == (first_at.isoformat(), last_at.isoformat())
    latest = raw.execute(
        "SELECT order_id FROM orders WHERE customer_id = ? ORDER BY ordered_at DESC, order_id LIMIT 20",
        [customer_id],
    ).fetchall()
    assert [o["order_id"] for o in orders["recent"]] == [row[0] for row in latest]
    (nobody,) = raw.execute(
        "SELECT customer_id FROM customers WHERE customer_id NOT IN "
        "(SELECT customer_id FROM orders WHERE customer_id IS NOT NULL) ORDER BY 1 LIMIT 1"
    ).fetchone()
    none = client.client.get(f"/customers/{nobody}", headers=headers).json()["orders"]
    assert none == {
        "count": 0,
        "completed": 0,
        "total": None,
        "first_at": None,
        "last_at": None,
        "recent": [],
    }


def test_a_search_with_a_nul_character_finds_what_the_rest_of_it_finds(client):
    """Old code: `q=%00` (or a name pasted with a NUL) went into DuckDB SQL, which cannot quote one: a 500."""
    headers = client.as_("viewer")
    (customer_id,) = _store(client).execute("SELECT min(customer_id) FROM customers").fetchone()
    answer = client.client.get("/customers", params={"q": f"{customer_id}\0"}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert customer_id in [c["customer_id"] for c in answer.json()["customers"]]
    everyone = client.client.get("/customers", headers=headers).json()["total"]
    assert client.client.get("/customers", params={"q": "\0"}, headers=headers).json()["total"] == everyone
