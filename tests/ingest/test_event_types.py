"""Event types as Ukrainian and Russian CRM logs write them land as their canonical type (hunt U12)."""

from __future__ import annotations

from tests.ingest.conftest import write

from segmint import import_file

TYPED = {
    "відкриття листа": "email_open", "Відкрив лист": "email_open", "открытие письма": "email_open",
    "клік": "email_click", "Клик": "email_click", "перегляд сторінки": "page_view",
    "Просмотр  страницы": "page_view", "додав у кошик": "cart_add", "добавил в корзину": "cart_add",
    "відписка": "email_unsubscribe", "візит на сайт": "site_visit", "покинутий-кошик": "cart_abandon",
    "відгук": "review", "опрос": "survey_answer", "Email Open": "email_open", "page-view": "page_view",
}  # fmt: skip


def test_ukrainian_and_russian_event_types_land_as_their_type(workspace, tmp_path):
    """The old code quarantined every one but the English ones ('невідомий тип події 'відкриття_листа'')."""
    customers = "Код клієнта;Ім'я\n" + "".join(f"C{i};Ім'я\n" for i in range(len(TYPED)))
    import_file(workspace, "customers", write(tmp_path / "c.csv", customers), refresh=False)
    rows = "".join(f"C{i};{typed};03.03.2024;email\n" for i, typed in enumerate(TYPED))
    rows += "C0;покупка;03.03.2024;сайт\n"
    path = write(tmp_path / "ev.csv", "Код клієнта;Подія;Дата;Канал\n" + rows)
    summary = import_file(workspace, "events", path, refresh=False)
    assert (summary.landed, summary.quarantined) == (len(TYPED), 1)  # a purchase is an order, not an event
    stored = dict(workspace.raw.execute("SELECT customer_id, event_type FROM events").fetchall())
    assert stored == {f"C{i}": kind for i, kind in enumerate(TYPED.values())}
    (reason,) = workspace.raw.execute("SELECT reason FROM quarantine").fetchone()
    assert "покупка" in reason


def test_every_alias_names_a_known_type():
    from segmint.ingest.fields import EVENT_TYPE_ALIASES, EVENT_TYPES

    assert set(EVENT_TYPE_ALIASES) <= set(EVENT_TYPES)
