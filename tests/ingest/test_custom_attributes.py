"""Columns that match no field are kept in customers.custom: a later file updates its own keys only."""

from __future__ import annotations

import json

from tests.ingest.conftest import write

from segmint import import_file

CARDS = "id;email;Бонусна картка;Улюблений магазин\nK1;a@b.ua;1234;Лівобережна\nK2;c@d.ua;5678;Позняки\n"
KIDS = "id;phone;Кількість дітей;Улюблений магазин\nK1;0671234567;2;Оболонь\nK2;0501234567;1;\n"


def custom(ws) -> dict[str, dict]:
    rows = ws.raw.execute("SELECT customer_id, custom FROM customers ORDER BY 1").fetchall()
    return {customer: json.loads(value) for customer, value in rows}


def test_a_later_file_merges_its_extra_columns_into_the_earlier_ones(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "cards.csv", CARDS), refresh=False)
    summary = import_file(workspace, "customers", write(tmp_path / "kids.csv", KIDS), refresh=False)
    # the old code replaced custom whole: K1 kept only {"Кількість дітей": "2", "Улюблений магазин": ...}
    assert custom(workspace) == {
        "K1": {"Бонусна картка": "1234", "Улюблений магазин": "Оболонь", "Кількість дітей": "2"},
        # an empty cell clears that attribute, as an empty cell clears a field
        "K2": {"Бонусна картка": "5678", "Кількість дітей": "1"},
    }
    assert summary.updated == 2
    again = import_file(workspace, "customers", write(tmp_path / "again.csv", KIDS), refresh=False)
    assert (again.updated, again.unchanged) == (0, 2)


def test_an_empty_extra_cell_stores_no_key_on_a_first_import(workspace, tmp_path):
    """A first import stored an empty cell of an extra column as {"Карта": null}, where an update removes the
    key (docs/import.md: an empty cell removes its key): the audit counted `custom` as filled, and a merge
    kept the survivor's null card instead of bringing the duplicate's."""
    from segmint.quality.auditing import audit
    from segmint.quality.merge import merge_duplicates

    cards = (
        "customer_id;Прізвище;Імя;Телефон;Email;Дата реєстрації;Карта\n"
        "K1;Шевченко;Тарас;067 123 45 67;;01.02.2023;\n"
        "K2;Шевченко;Тарас;+380671234567;taras@gmail.com;05.03.2025;12345\n"
    )
    import_file(workspace, "customers", write(tmp_path / "cards.csv", cards), refresh=False)
    assert custom(workspace) == {"K1": {}, "K2": {"Карта": "12345"}}
    filled = {c.field: c.filled for c in audit(workspace, duplicates=False).completeness}
    assert filled["custom"] == 1
    merged = merge_duplicates(workspace)
    assert merged.survivors == {"K1": ["K2"]}
    assert custom(workspace)["K1"] == {"Карта": "12345"}
