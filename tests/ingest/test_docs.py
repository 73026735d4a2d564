"""docs/import.md's field reference is generated from the importer's own field table."""

from __future__ import annotations

from segmint.ingest.docs import BEGIN, DOC_PATH, END, generate_fields, main, render
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
