"""docs/import.md's field reference is generated from the importer's own field table."""

from __future__ import annotations

import pytest
from tests.ingest.conftest import write

from segmint import MappingError, import_file
from segmint.ingest.docs import BEGIN, DOC_PATH, END, entity_section, generate_fields, main, render
from segmint.ingest.fields import ENTITIES, header_key


def test_the_field_reference_in_docs_import_md_is_current():
    # if this fails, run: python -m segmint.ingest.docs
    page = DOC_PATH.read_text(encoding="utf-8")
    assert render(page) == page
    assert main(["--check"]) == 0


def test_every_field_and_header_of_every_entity_is_in_the_reference():
    reference = generate_fields()
    for entity in ENTITIES.values():
        assert f"`{entity.name}` → table `{entity.table}`" in reference or entity.name == "order_items"
        for field in entity.fields:
            assert f"| `{field.name}` |" in reference
            for alias in field.aliases:
                assert f"`{alias}`" in reference or alias == field.name


def test_a_stale_reference_is_noticed(tmp_path, monkeypatch):
    stale = DOC_PATH.read_text(encoding="utf-8").replace("| `phone` |", "| `telephone` |")
    copy = tmp_path / "import.md"
    copy.write_text(stale, encoding="utf-8")
    monkeypatch.setattr("segmint.ingest.docs.DOC_PATH", copy)
    assert main(["--check"]) == 1
    assert main([]) == 0 and main(["--check"]) == 0  # rewriting fixes it, prose kept
    assert copy.read_text(encoding="utf-8").split(BEGIN)[0] == stale.split(BEGIN)[0]
    assert END in copy.read_text(encoding="utf-8")


def test_headers_in_the_reference_are_in_the_loose_form_they_are_compared_in():
    # "Код клієнта" in a file matches the listed `кодклієнта`
    assert header_key("Код клієнта") == "кодклієнта" and "`кодклієнта`" in generate_fields()


def test_the_reference_says_an_orders_total_is_required_unless_the_file_has_lines(workspace, tmp_path):
    """The reference listed total as optional ("computed from the lines when absent") while a file of one
    row per order without it is refused; it is required there, and only there, as the import decides."""
    orders = [line.split(" | ") for line in entity_section(ENTITIES["orders"]) if line.startswith("| `")]
    rows = {cells[0]: cells[2] for cells in orders}
    assert rows["| `total`"] == "unless the file has lines"
    assert rows["| `quantity`"] == rows["| `unit_price`"] == "when the file has lines"
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nK1\n"))
    orders = write(tmp_path / "orders.csv", "order_id,customer_id,ordered_at\nE1,K1,2024-03-01\n")
    with pytest.raises(MappingError, match="no column for the required field 'total' of orders") as refused:
        import_file(workspace, "orders", orders)
    assert refused.value.code == "import.required_column" and refused.value.params["field"] == "total"
    lines = "order_id,customer_id,ordered_at,product_id,quantity,unit_price\nE1,K1,2024-03-01,P1,2,5\n"
    assert import_file(workspace, "orders", write(tmp_path / "lines.csv", lines)).inserted == 1
    assert workspace.raw.execute("SELECT total::VARCHAR FROM orders").fetchall() == [("10.0000",)]
