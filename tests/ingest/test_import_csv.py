"""A messy cp1251 export from a Ukrainian CRM imports, with every refused value explained."""

from __future__ import annotations

import json

import pytest
from tests.ingest.conftest import ORDERS_UK, snapshot, write

from segmint import MappingError, import_file


def rows(ws, sql):
    return ws.raw.execute(sql).fetchall()


def test_cp1251_customers_are_normalised(workspace, customers_cp1251):
    summary = import_file(workspace, "customers", customers_cp1251)
    assert (summary.rows_read, summary.inserted, summary.quarantined) == (7, 6, 1)
    assert summary.rows_read == summary.landed + summary.quarantined
    people = {
        r[0]: r[1:]
        for r in rows(
            workspace,
            "SELECT customer_id, first_name, last_name, email, phone, "
            "birth_date::VARCHAR, city, country, gender FROM customers",
        )
    }
    assert people["C001"] == (
        "Олександр",
        "Петренко",
        "oleksandr.petrenko@gmail.com",
        "+380671234567",
        "1985-03-12",
        "Київ",
        "UA",
        "m",
    )
    assert people["C002"][:2] == ("Мар'яна", "Коваленко")
    assert people["C002"][3] == "+380507654321"
    assert people["C003"][1] == "Шевчук-Бойко"
    assert people["C003"][2] is None and people["C003"][4] is None  # bad e-mail and 30.02 refused, row kept
    assert people["C005"][3:] == ("+48601234567", "1988-07-17", "Warszawa", "PL", "f")
    assert people["C006"][4] == "1979-01-01" and people["C006"][6] == "UA"  # 1.1.1979, Russian "Украина"
    refused = rows(
        workspace, 'SELECT record_key, "row", "column", value, reason FROM rejected_values ORDER BY 3'
    )
    assert [(r[0], r[1], r[2], r[3]) for r in refused] == [
        ("C003", 4, "E-mail", "iryna@@example"),
        ("C003", 4, "Дата народження", "30.02.1990"),
    ]
    assert "calendar date" in refused[1][4]
    (quarantined,) = rows(workspace, 'SELECT "row", "column", reason, record FROM quarantine')
    assert quarantined[:3] == (7, "Код клієнта", "missing customer_id")
    assert json.loads(quarantined[3])["Прізвище"] == "Без"
    # The column the model has no place for lands in `custom`.
    (custom,) = rows(workspace, "SELECT custom FROM customers WHERE customer_id = 'C001'")[0]
    assert json.loads(custom) == {"Улюблена крамниця": "Центр"}


def test_cp1251_orders_with_comma_decimals_guests_and_bad_rows(workspace, customers_cp1251, orders_cp1251):
    import_file(workspace, "customers", customers_cp1251)
    summary = import_file(workspace, "orders", orders_cp1251)
    assert (summary.rows_read, summary.inserted, summary.quarantined) == (8, 5, 3)
    orders = {
        r[0]: r[1:]
        for r in rows(
            workspace,
            "SELECT order_id, customer_id, is_guest, total::VARCHAR, "
            "discount::VARCHAR, channel, status FROM orders",
        )
    }
    assert orders["A-1001"] == ("C001", False, "1250.5000", "0.0000", "online", "completed")
    assert orders["A-1002"][4:] == ("pos", "completed")
    assert orders["A-1003"][4] == "online"
    assert orders["A-1005"][:2] == (None, True)  # a guest purchase is kept and flagged
    reasons = {
        r[0]: r[1:]
        for r in rows(
            workspace, 'SELECT "row", "column", value, reason FROM quarantine WHERE entity = \'orders\''
        )
    }
    assert reasons[7][:2] == ("Код клієнта", "C999") and "unknown customer 'C999'" in reasons[7][2]
    assert reasons[8][:2] == ("Дата", "дата?") and "not a date" in reasons[8][2]
    assert reasons[9][:2] == ("Сума", "-15,00") and "negative amount" in reasons[9][2]


def test_reimport_changes_nothing_and_updates_are_counted(workspace, customers_cp1251, tmp_path):
    import_file(workspace, "customers", customers_cp1251)
    before = snapshot(workspace)
    again = import_file(workspace, "customers", customers_cp1251)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 6)
    after = snapshot(workspace)
    for table in ("customers", "orders", "order_items", "events"):
        assert after[table] == before[table]
    changed = write(
        tmp_path / "phones.csv", "id,phone\nC001,+380 67 000 00 01\nC002,+380 (50) 765-43-21\nC777,\n"
    )
    summary = import_file(workspace, "customers", changed)
    assert (summary.inserted, summary.updated, summary.unchanged) == (1, 1, 1)
    # Only the provided column changed; the rest of C001 is as it was.
    assert rows(workspace, "SELECT phone, first_name, email FROM customers WHERE customer_id = 'C001'") == [
        ("+380670000001", "Олександр", "oleksandr.petrenko@gmail.com")
    ]


def test_duplicate_keys_last_wins_and_earlier_rows_are_quarantined(workspace, tmp_path):
    path = write(tmp_path / "dups.csv", "id,email\nA,a1@x.com\nB,b@x.com\nA,a2@x.com\nA,a3@x.com\n")
    summary = import_file(workspace, "customers", path)
    assert (summary.rows_read, summary.inserted, summary.quarantined) == (4, 2, 2)
    assert rows(workspace, "SELECT email FROM customers WHERE customer_id = 'A'") == [("a3@x.com",)]
    assert rows(workspace, 'SELECT "row", reason FROM quarantine ORDER BY 1') == [
        (2, "duplicate key, superseded by row 5"),
        (4, "duplicate key, superseded by row 5"),
    ]


def test_an_order_with_an_empty_status_cell_lands_as_completed(workspace, tmp_path):
    """A status column with an empty cell crashed the whole import with DuckDB's 'NOT NULL constraint
    failed: orders.status' (a traceback from the CLI): an empty cell is no status, so the default holds."""
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nR1\n"))
    orders = "order_id,customer_id,ordered_at,total,status\nQ1,R1,2024-03-01,5,paid\nQ2,R1,2024-03-02,6,\n"
    summary = import_file(workspace, "orders", write(tmp_path / "o.csv", orders))
    assert (summary.inserted, summary.quarantined) == (2, 0)
    assert rows(workspace, "SELECT order_id, status FROM orders ORDER BY 1") == [
        ("Q1", "completed"),
        ("Q2", "completed"),
    ]


def test_utf8_bom_comma_file(workspace, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "Customer ID,Name,Email\n1,Łukasz,L@X.PL\n".encode())
    summary = import_file(workspace, "customers", path)
    assert summary.mapping == {"Customer ID": "customer_id", "Name": "first_name", "Email": "email"}
    assert rows(workspace, "SELECT customer_id, first_name, email FROM customers") == [
        ("1", "Łukasz", "l@x.pl")
    ]


def test_mapping_by_map_yaml_and_errors(workspace, tmp_path):
    path = write(tmp_path / "odd.csv", "Kod|Tel|Note\nK1|067 111 22 33|vip\n")
    with pytest.raises(MappingError, match="customer_id"):
        import_file(workspace, "customers", path)
    with pytest.raises(MappingError, match="did you mean 'Tel'"):
        import_file(workspace, "customers", path, mapping={"Kod": "customer_id", "Tell": "phone"})
    with pytest.raises(MappingError, match="did you mean 'phone'"):
        import_file(workspace, "customers", path, mapping=["Kod=customer_id", "Tel=phones"])
    yaml_file = write(
        tmp_path / "map.yaml", "columns:\n  Kod: customer_id\n  Tel: phone\n  Note: tags\ndelimiter: '|'\n"
    )
    summary = import_file(workspace, "customers", path, mapping_file=yaml_file)
    assert summary.inserted == 1
    assert rows(workspace, "SELECT phone, tags FROM customers") == [("+380671112233", ["vip"])]


def test_a_mapping_file_saved_as_windows_1251_is_read(workspace, tmp_path):
    """A mapping file with Cyrillic headers saved by Notepad as "ANSI" (Windows-1251), as the import reads
    a data file and `segments load` a YAML one. Old code: UnicodeDecodeError's traceback, nothing said."""
    path = tmp_path / "clients.csv"
    path.write_bytes("Код;Тел\nK1;067 111 22 33\n".encode("cp1251"))
    yaml_file = tmp_path / "map.yaml"
    yaml_file.write_bytes("columns:\n  Код: customer_id\n  Тел: phone\n".encode("cp1251"))
    summary = import_file(workspace, "customers", path, mapping_file=yaml_file)
    assert summary.inserted == 1
    assert rows(workspace, "SELECT customer_id, phone FROM customers") == [("K1", "+380671112233")]
    yaml_file.write_bytes(b"columns:\n  \x98: customer_id\n")  # 0x98 is no character in either
    with pytest.raises(MappingError, match=r"map\.yaml: not UTF-8 text") as refused:
        import_file(workspace, "customers", path, mapping_file=yaml_file)
    assert refused.value.code == "import.mapping_not_utf8"


def test_a_month_first_date_makes_its_whole_column_month_first(workspace, tmp_path):
    """12/25/1990 reads only month-first, so 05/04/1990 in the same column is 4 May: the old code refused
    the first and landed the second as 5 April. A declared format reads the same."""
    path = write(tmp_path / "us.csv", "id,birth_date\n1,12/25/1990\n2,05/04/1990\n")
    import_file(workspace, "customers", path)
    assert rows(workspace, "SELECT customer_id, birth_date::VARCHAR FROM customers ORDER BY 1") == [
        ("1", "1990-12-25"),
        ("2", "1990-05-04"),
    ]
    assert rows(workspace, "SELECT count(*) FROM rejected_values") == [(0,)]
    import_file(workspace, "customers", path, date_format="%m/%d/%Y")
    assert rows(workspace, "SELECT birth_date::VARCHAR FROM customers ORDER BY customer_id") == [
        ("1990-12-25",),
        ("1990-05-04",),
    ]


def test_line_level_orders_become_orders_and_items(workspace, tmp_path):
    text = (
        "order;customer;date;sku;product;qty;price\n"
        "N1;;01.02.2024;P1;Чай;2;10,50\nN1;;01.02.2024;P2;Кава;1;99,00\nN2;;02.02.2024;P1;Чай;1;10,50\n"
        "N2;;02.02.2024;P1;Чай;1;10,50\n"
    )
    path = write(tmp_path / "lines.csv", text)
    summary = import_file(workspace, "orders", path)
    assert summary.tables["orders"]["inserted"] == 2 and summary.tables["order_items"]["inserted"] == 4
    assert rows(workspace, "SELECT order_id, total::VARCHAR, is_guest FROM orders ORDER BY 1") == [
        ("N1", "120.0000", True),
        ("N2", "21.0000", True),
    ]
    assert rows(workspace, "SELECT count(*) FROM order_items WHERE order_id = 'N2'") == [(2,)]
    again = import_file(workspace, "orders", path)
    assert again.unchanged == 2 and again.tables["order_items"]["unchanged"] == 4
    changed = write(tmp_path / "lines2.csv", text.replace("Кава;1;99,00", "Кава;3;99,00"))
    third = import_file(workspace, "orders", changed)
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 1)
    assert rows(workspace, "SELECT total::VARCHAR FROM orders WHERE order_id = 'N1'") == [("318.0000",)]
    assert rows(workspace, "SELECT count(*) FROM order_items") == [(4,)]


def test_a_line_files_discounts_are_its_lines_and_the_total_is_after_them(workspace, tmp_path):
    """A row of a line file is a line: its discount is the line's, the order's is the sum, and a total
    computed from the lines is after them (docs/import.md: total is the value after discount). The first
    line's discount was the order's, the lines' were 0 and the total was before any discount, so two
    orders with the same lines in another order came out with different discounts, both overstated."""
    text = (
        "order_id,ordered_at,product_name,category,quantity,unit_price,discount\n"
        "O1,2024-12-01 10:00,Boots,Взуття,1,100,0\nO1,2024-12-01 10:00,Socks,Одяг,2,25,20\n"
        "O2,2024-12-05 10:00,Socks,Одяг,2,25,20\nO2,2024-12-05 10:00,Boots,Взуття,1,100,\n"
        "O3,2024-12-06 10:00,Boots,Взуття,1,100,15\nO3,2024-12-06 10:00,Socks,Одяг,1,25,\n"
    )
    summary = import_file(workspace, "orders", write(tmp_path / "lines.csv", text))
    assert summary.tables["order_items"]["inserted"] == 6
    assert rows(workspace, "SELECT order_id, total::VARCHAR, discount::VARCHAR FROM orders ORDER BY 1") == [
        ("O1", "130.0000", "20.0000"),
        ("O2", "130.0000", "20.0000"),
        ("O3", "110.0000", "15.0000"),
    ]
    assert rows(
        workspace, "SELECT order_id, product_name, discount::VARCHAR FROM order_items ORDER BY 1, line_no"
    ) == [
        ("O1", "Boots", "0.0000"),
        ("O1", "Socks", "20.0000"),
        ("O2", "Socks", "20.0000"),
        ("O2", "Boots", "0.0000"),
        ("O3", "Boots", "15.0000"),
        ("O3", "Socks", "0.0000"),
    ]
    again = import_file(workspace, "orders", write(tmp_path / "again.csv", text))
    assert again.unchanged == 3 and again.tables["order_items"]["unchanged"] == 6
    moved = import_file(workspace, "orders", write(tmp_path / "moved.csv", text.replace("100,15", "100,5")))
    assert (moved.updated, moved.tables["order_items"]["updated"]) == (1, 2)
    assert rows(workspace, "SELECT total::VARCHAR, discount::VARCHAR FROM orders WHERE order_id = 'O3'") == [
        ("120.0000", "5.0000")
    ]


def test_orders_text_matches_the_fixture():
    assert "A-1006;C999" in ORDERS_UK  # the unknown-customer row the tests above rely on


def test_events_are_stored_in_customer_order(workspace, tmp_path):
    """An export comes in time order; the events are stored grouped by customer (so a look-up of one
    customer's events reads one row group of the import, not every event), each batch of new events so."""
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nC3\nC1\nC2\n"))
    moments = [f"2025-01-{day:02d} 10:00:00" for day in range(1, 13)]
    for batch, part in enumerate((moments[:6], moments[6:])):
        lines = [f"E{batch}{n},C{3 - n % 3},email_open,{moment}" for n, moment in enumerate(part)]
        text = "event_id,customer_id,event_type,occurred_at\n" + "\n".join(lines) + "\n"
        assert import_file(workspace, "events", write(tmp_path / f"e{batch}.csv", text)).inserted == 6
    stored = rows(workspace, "SELECT event_id, customer_id FROM events ORDER BY rowid")
    assert len(stored) == 12
    first, second = [customer for _, customer in stored[:6]], [customer for _, customer in stored[6:]]
    assert first == sorted(first) and second == sorted(second), stored
    assert {event for event, _ in stored[:6]} == {f"E0{n}" for n in range(6)}


def test_a_long_tail_of_small_event_imports_is_rewritten_in_customer_order(workspace, tmp_path, monkeypatch):
    """Small imports after a big one leave an unsorted tail; once it passes a quarter of the table (and
    MIN_TAIL rows, lowered here from 500,000) the import rewrites the events in customer order."""
    from segmint.store import order

    monkeypatch.setattr(order, "MIN_TAIL", 10)
    import_file(
        workspace,
        "customers",
        write(tmp_path / "c.csv", "customer_id\n" + "\n".join(f"C{n}" for n in range(1, 10))),
    )

    def events(batch: int, count: int) -> int:
        lines = [
            f"E{batch}-{i},C{(7 * i + batch) % 9 + 1},site_visit,2025-02-{1 + i % 28:02d} 09:00:00"
            for i in range(count)
        ]
        text = "event_id,customer_id,event_type,occurred_at\n" + "\n".join(lines) + "\n"
        return import_file(workspace, "events", write(tmp_path / f"e{batch}.csv", text)).inserted

    def stored() -> list[str]:
        return [customer for (customer,) in rows(workspace, "SELECT customer_id FROM events ORDER BY rowid")]

    def in_order() -> int:
        return rows(workspace, "SELECT in_order_rows FROM table_order WHERE table_name = 'events'")[0][0]

    assert events(0, 40) == 40 and in_order() == 40  # the first import is one sorted run
    for batch in (1, 2, 3):  # tails of 4, 8, 12 rows: under a quarter of the table
        assert events(batch, 4) == 4
    assert in_order() == 40 and stored() != sorted(stored())
    assert events(4, 4) == 4  # a tail of 16 of 56 rows: rewritten
    assert in_order() == 56 and stored() == sorted(stored())
    imported = {f"E0-{i}" for i in range(40)} | {f"E{b}-{i}" for b in (1, 2, 3, 4) for i in range(4)}
    assert {event for (event,) in rows(workspace, "SELECT event_id FROM events")} == imported


def test_products_import_and_update_by_product_id(workspace, tmp_path):
    """The products table keeps no imported_at, and every upsert wrote one: the import failed."""
    first = import_file(workspace, "products", write(tmp_path / "p.csv", "артикул;назва;ціна\nP1;Чай;5\n"))
    again = write(tmp_path / "p2.csv", "артикул;назва;ціна\nP1;Чай;6,50\nP2;Кава;99\n")
    second = import_file(workspace, "products", again)
    assert (first.inserted, second.inserted, second.updated) == (1, 1, 1)
    assert rows(workspace, "SELECT product_id, name, price::VARCHAR FROM products ORDER BY 1") == [
        ("P1", "Чай", "6.5000"),
        ("P2", "Кава", "99.0000"),
    ]


def test_a_product_row_without_its_code_is_quarantined_and_not_counted_in(workspace, tmp_path):
    """products' key was never required (skipped as an order line's field): a row without a product code
    was counted inserted but never stored once the catalogue had products, crashed the import on NOT NULL
    into an empty one, and a file without the column was an Ibis traceback instead of the mapping error."""
    first = import_file(
        workspace, "products", write(tmp_path / "p1.csv", "product_id,name\nP1,Tea\n,No code\n")
    )
    assert (first.rows_read, first.inserted, first.quarantined, first.landed) == (2, 1, 1, 1)
    again = write(tmp_path / "p2.csv", "product_id,name\nP1,Tea\n,No code\nP9,New\n")
    second = import_file(workspace, "products", again)
    assert (second.rows_read, second.inserted, second.unchanged, second.quarantined) == (3, 1, 1, 1)
    assert second.landed == second.inserted + second.updated + second.unchanged
    assert rows(workspace, "SELECT product_id FROM products ORDER BY 1") == [("P1",), ("P9",)]
    assert rows(workspace, 'SELECT file, "row", "column", reason FROM quarantine ORDER BY file') == [
        (str(tmp_path / "p1.csv"), 3, "product_id", "missing product_id"),
        (str(tmp_path / "p2.csv"), 3, "product_id", "missing product_id"),
    ]
    before = snapshot(workspace)
    with pytest.raises(
        MappingError, match="no column for the required field 'product_id' of products"
    ) as err:
        import_file(workspace, "products", write(tmp_path / "noid.csv", "name,category\nTea,Drinks\n"))
    assert err.value.code == "import.required_column"
    assert snapshot(workspace) == before


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bad_line", [False, True])
def test_rows_after_an_empty_line_keep_their_spreadsheet_row(workspace, tmp_path, newline, bad_line):
    """DuckDB's reader skips empty lines, and the rows were numbered by position: every quarantined row and
    refused value after an empty line pointed one line too early per empty line before it. A spreadsheet
    shows an empty line as a row, and a quoted cell across lines (even one with an empty line in it) as one
    row, as DuckDB numbers the records it rejects."""
    lines = ["customer_id,last_name,email", "K1,Шевченко,k1@ukr.net", "", 'K2,"Коваль', ""]
    lines += ['Друга",k2@@ukr.net']
    lines += ["", "", ",Без,"] + (["K3,Зайвий,k3@ukr.net,x"] if bad_line else []) + ["", ",Ще,", "", ""]
    summary = import_file(workspace, "customers", write(tmp_path / "blank.csv", newline.join(lines)))
    assert (summary.inserted, summary.quarantined) == (2, 3 if bad_line else 2)
    quarantined = rows(workspace, 'SELECT "row", "column", reason FROM quarantine ORDER BY 1')
    assert [(row, column) for row, column, _reason in quarantined] == [(7, "customer_id")] + (
        [(8, None), (10, "customer_id")] if bad_line else [(9, "customer_id")]
    )
    refused = rows(workspace, 'SELECT record_key, "row", value FROM rejected_values')
    assert refused == [("K2", 4, "k2@@ukr.net")]


def test_a_totals_row_is_quarantined_not_landed_as_a_customer(workspace, tmp_path):
    """A CRM report ends with its totals row; it landed as a customer named Разом (a product named Total),
    counted among the customers and in every segment of those with no purchases."""
    path = write(
        tmp_path / "клієнти.csv",
        "Код клієнта;ПІБ;Дохід\nC1;Іван Петренко;10 000,00\nC2;Олена Коваль;20 000,00\nРазом:;;30 000,00\n",
        "cp1251",
    )
    summary = import_file(workspace, "customers", path, refresh=False)
    assert (summary.rows_read, summary.landed, summary.quarantined) == (3, 2, 1)
    assert rows(workspace, "SELECT customer_id FROM customers ORDER BY 1") == [("C1",), ("C2",)]
    assert rows(workspace, 'SELECT "row", "column", value, reason_code FROM quarantine') == [
        (4, "Код клієнта", "Разом:", "import.totals_row")
    ]
    products = write(tmp_path / "products.csv", "sku,name,price\nP1,Mug,10\nTOTAL,,10\n")
    summary = import_file(workspace, "products", products, refresh=False)
    assert (summary.landed, summary.quarantined) == (1, 1)
    assert rows(workspace, "SELECT product_id FROM products") == [("P1",)]
