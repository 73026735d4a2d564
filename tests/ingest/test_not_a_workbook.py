"""A file named .xlsx that is no workbook (a CSV saved under that name) is refused naming the file and
saying it is not a readable Excel workbook, in the workspace's language (import.xlsx_not_workbook). Old
behaviour: "not a readable .xlsx workbook: File is not a zip file", zipfile's English in a uk workspace
too. Through the real CLI."""

from __future__ import annotations

import pytest
from tests.cli import segmint

from segmint import import_file
from segmint.errors import DataError

SAID = {
    "uk": "це не книга Excel (.xlsx), яку можна прочитати: файл не в цьому форматі (можливо, це CSV або "
    "старий .xls під назвою .xlsx?); збережіть його з Excel як книгу .xlsx або як CSV",
    "ru": "это не книга Excel (.xlsx), которую можно прочитать: файл не в этом формате (возможно, это CSV "
    "или старый .xls под именем .xlsx?); сохраните его из Excel как книгу .xlsx или как CSV",
    "en": "not a readable Excel workbook (.xlsx): the file is not in that format (a CSV or an old .xls under "
    "an .xlsx name?); save it from Excel as an .xlsx workbook or as CSV",
}


@pytest.mark.parametrize("lang", SAID)
def test_a_text_file_named_xlsx_is_refused_as_no_excel_workbook(tmp_path, lang):
    ws = tmp_path / "ws"
    segmint("init", ws, "--language", lang)
    sheet = tmp_path / "клієнти.xlsx"
    sheet.write_text("customer_id,full_name\nK1,Олена Коваль\n", encoding="utf-8")
    shown = segmint("-w", ws, "import", "customers", sheet, language=None, wide=True)
    assert shown.returncode == 1
    assert f"{sheet}: {SAID[lang]}" in shown.stderr, shown.stderr
    assert "zip" not in shown.stderr


def test_the_error_carries_its_code(workspace, tmp_path):
    sheet = tmp_path / "x.xlsx"
    sheet.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(1024))  # an old .xls under an .xlsx name
    with pytest.raises(DataError) as refused:
        import_file(workspace, "customers", sheet)
    assert (refused.value.code, refused.value.params, refused.value.file) == (
        "import.xlsx_not_workbook",
        {},
        str(sheet),
    )
