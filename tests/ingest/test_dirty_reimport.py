"""A messy CRM export imported over good data: what the store keeps, what the audit counts."""

from __future__ import annotations

from tests.ingest.conftest import write

from segmint import import_file

GOOD = (
    "Код клієнта;ПІБ;Телефон;Email;Дата народження;Країна\n"
    "K1;Шевченко Тарас;067 123 45 67;Taras.Shev@Gmail.com ;09.03.1984;Україна\n"
    "K2;Ганна Коваленко;+38(050)765-43-21;hanna@ukr.net;31.12.1990;Україна\n"
)
# The same customers again from another system: K1's e-mail, phone, birth date and country are typos.
TYPOS = "Код клієнта;Телефон;Email;Дата народження;Країна\nK1;067;taras@@gmail;32.13.1984;Нарнія\n"


def stored(ws, customer_id):
    return ws.raw.execute(
        "SELECT email, phone, birth_date::VARCHAR, country FROM customers WHERE customer_id = ?",
        [customer_id],
    ).fetchone()


def test_a_refused_value_does_not_erase_the_stored_one(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "good.csv", GOOD), refresh=False)
    before = stored(workspace, "K1")
    assert before == ("taras.shev@gmail.com", "+380671234567", "1984-03-09", "UA")
    summary = import_file(workspace, "customers", write(tmp_path / "typos.csv", TYPOS), refresh=False)
    assert summary.rejected_values == 4
    assert stored(workspace, "K1") == before  # each refused value is kept in rejected_values, not stored
    assert (summary.updated, summary.unchanged) == (0, 1)
    # An empty cell is no refusal: it still clears the value, as the file says.
    import_file(
        workspace, "customers", write(tmp_path / "blank.csv", "customer_id;email\nK1;\n"), refresh=False
    )
    assert stored(workspace, "K1") == (None, *before[1:])


def test_a_refused_value_still_replaces_nothing_on_a_new_customer(workspace, tmp_path):
    summary = import_file(
        workspace, "customers", write(tmp_path / "new.csv", TYPOS.replace("K1", "K9")), refresh=False
    )
    assert (summary.inserted, summary.rejected_values) == (1, 4)
    assert stored(workspace, "K9") == (None, None, None, None)


def test_a_refused_country_on_orders_does_not_erase_the_customers_country(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "good.csv", GOOD), refresh=False)
    orders = (
        "order_id;customer_id;ordered_at;total;country\n"
        "Z1;K1;01.03.2024;10;Нарнія\nZ2;K2;01.03.2024;10;Польща\n"
    )
    summary = import_file(
        workspace, "orders", write(tmp_path / "o.csv", orders), create_missing_customers=True, refresh=False
    )
    assert (summary.landed, summary.rejected_values) == (2, 1)
    assert stored(workspace, "K1")[3] == "UA"
    assert stored(workspace, "K2")[3] == "PL"  # a valid one still replaces it


def test_an_order_whose_lines_name_different_customers_is_quarantined(workspace, tmp_path):
    """Receipt numbers that restart per shop or day give two customers' lines one order id: merged, the
    second customer's purchase would vanish into the first one's order."""
    import_file(workspace, "customers", write(tmp_path / "good.csv", GOOD), refresh=False)
    lines = (
        "Номер чека;Клієнт;Дата;Артикул;Кількість;Ціна\n"
        "E1;K1;01.03.2024 10:00;A1;2;10\n"
        "E2;K1;01.03.2024 10:05;A1;1;10\n"
        "E1;K2;05.03.2024 12:00;A2;1;20\n"
        "E2;K1;01.03.2024 10:06;A3;1;5\n"
        "E3;;02.03.2024;A1;1;10\n"
        "E3;K2;02.03.2024;A1;1;10\n"
    )
    summary = import_file(workspace, "orders", write(tmp_path / "lines.csv", lines), refresh=False)
    assert summary.rows_read == summary.landed + summary.quarantined == 6
    assert summary.tables["orders"]["inserted"] == 1 and summary.tables["order_items"]["inserted"] == 2
    assert workspace.raw.execute("SELECT order_id, customer_id, total FROM orders").fetchall() == [
        ("E2", "K1", 15)
    ]
    rows = workspace.raw.execute(
        'SELECT "row", "column", value, reason FROM quarantine WHERE import_id = ? ORDER BY "row"',
        [summary.import_id],
    ).fetchall()
    assert [r[:3] for r in rows] == [
        (2, "Клієнт", "K1"),
        (4, "Клієнт", "K2"),
        (6, "Клієнт", None),
        (7, "Клієнт", "K2"),
    ]
    assert rows[0][3] == "the lines of order 'E1' name different customers (K1 on row 2, K2 on row 4)"
    assert rows[2][3] == "the lines of order 'E3' name different customers (none on row 6, K2 on row 7)"


def test_orders_and_events_of_a_merged_away_customer_go_to_the_survivor(workspace, tmp_path):
    """docs/data-model.md: after a dedupe merge, an order that arrives later under the merged id still finds
    its customer. It landed under the merged-away record, which every metric leaves out."""
    from segmint.quality.dedupe import find_duplicates
    from segmint.quality.merge import merge_duplicates

    people = (
        "customer_id;full_name;phone;email\n"
        "K3;Ганна Коваленко;8-067-765-43-21;hanna@gmial.com\n"
        "K4;Анна Коваленко;0677654321;anna.kov@i.ua\n"
        "K5;Петро Іваненко;0501112233;petro@ukr.net\n"
    )
    import_file(workspace, "customers", write(tmp_path / "c.csv", people), refresh=False)
    report = find_duplicates(workspace)
    assert sorted(report.clusters.customer_id) == ["K3", "K4"]
    merge_duplicates(workspace, report)
    (survivor,) = {m for (m,) in workspace.raw.execute("SELECT merged_into FROM customers").fetchall() if m}
    orders = (
        "Номер чека;Клієнт;Дата;Артикул;Кількість;Ціна\n"
        "M1;K3;01.03.2024;A1;1;10\nM1;K4;01.03.2024;A2;1;5\nM2;K5;02.03.2024;A1;1;10\n"
    )
    summary = import_file(workspace, "orders", write(tmp_path / "o.csv", orders), refresh=False)
    assert (summary.landed, summary.quarantined) == (3, 0)  # K3 and K4 are one buyer now
    assert workspace.raw.execute("SELECT order_id, customer_id FROM orders ORDER BY 1").fetchall() == [
        ("M1", survivor),
        ("M2", "K5"),
    ]
    events = "customer_id;event_type;occurred_at\nK3;email_open;03.03.2024\nK5;email_open;03.03.2024\n"
    import_file(workspace, "events", write(tmp_path / "e.csv", events), refresh=False)
    stored_events = workspace.raw.execute("SELECT customer_id FROM events ORDER BY 1").fetchall()
    assert stored_events == sorted([(survivor,), ("K5",)])


def test_an_orders_file_without_a_customer_column_lands_as_guest_orders(workspace, tmp_path):
    """customer_id is optional on orders (a till's export has none): it crashed with a DuckDB Binder Error
    traceback. New orders are guest purchases; a known order keeps its customer."""
    import_file(workspace, "customers", write(tmp_path / "good.csv", GOOD), refresh=False)
    first = "order_id;customer_id;ordered_at;total\nA1;K1;01.03.2024;10\n"
    import_file(workspace, "orders", write(tmp_path / "o1.csv", first), refresh=False)
    till = "Чек;Дата;Сума\nA1;01.03.2024;12,50\nA2;02.03.2024;1 234,50\n"
    summary = import_file(workspace, "orders", write(tmp_path / "till.csv", till), refresh=False)
    assert (summary.inserted, summary.updated, summary.quarantined) == (1, 1, 0)
    assert workspace.raw.execute(
        "SELECT order_id, customer_id, is_guest, total FROM orders ORDER BY 1"
    ).fetchall() == [("A1", "K1", False, 12.5), ("A2", None, True, 1234.5)]


def test_a_lines_file_without_order_fields_keeps_the_stored_ones(workspace, tmp_path):
    """Only the columns a file provides are updated (docs/import.md): a file of order lines without the
    customer, channel or store columns set them NULL on the orders it touched."""
    import_file(workspace, "customers", write(tmp_path / "good.csv", GOOD), refresh=False)
    first = "order_id;customer_id;ordered_at;total;channel;store\nA1;K1;01.03.2024;10;online;Київ-1\n"
    import_file(workspace, "orders", write(tmp_path / "o1.csv", first), refresh=False)
    lines = "Чек;Дата;Артикул;Кількість;Ціна\nA1;01.03.2024;X1;2;5\nA2;02.03.2024;X1;1;5\n"
    summary = import_file(workspace, "orders", write(tmp_path / "lines.csv", lines), refresh=False)
    assert (summary.inserted, summary.updated) == (1, 1)
    assert workspace.raw.execute(
        "SELECT order_id, customer_id, is_guest, channel, store, total FROM orders ORDER BY 1"
    ).fetchall() == [("A1", "K1", False, "online", "Київ-1", 10), ("A2", None, True, None, None, 5)]
