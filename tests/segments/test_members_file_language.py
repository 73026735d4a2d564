"""`segments create --members-file` with a file it cannot read says why in the workspace's language: an
.xlsx as the import says it (import.xlsx_not_workbook, import.sheet_header_twice), a CSV by its own code."""

from __future__ import annotations

from openpyxl import Workbook
from tests.cli import segmint

from segmint import Workspace

# file -> language (None: the workspace's own, Ukrainian) -> what the error says after the file's name
SAID = {
    "ids.xlsx": {
        None: ": це не книга Excel (.xlsx), яку можна прочитати: файл не в цьому форматі (можливо, це CSV "
        "або старий .xls під назвою .xlsx?); збережіть його з Excel як книгу .xlsx або як CSV",
        "ru": ": это не книга Excel (.xlsx), которую можно прочитать: файл не в этом формате (возможно, это "
        "CSV или старый .xls под именем .xlsx?); сохраните его из Excel как книгу .xlsx или как CSV",
        "en": ": not a readable Excel workbook (.xlsx): the file is not in that format (a CSV or an old .xls "
        "under an .xlsx name?); save it from Excel as an .xlsx workbook or as CSV",
    },
    "twice.xlsx": {
        None: ", рядок 1, колонка 'customer_id': аркуш 'Клієнти': заголовок 'customer_id' трапляється двічі",
        "ru": ", строка 1, колонка 'customer_id': лист 'Клієнти': заголовок 'customer_id' встречается дважды",
        "en": ", row 1, column 'customer_id': sheet 'Клієнти': the header 'customer_id' appears twice",
    },
    "ids.csv": {
        None: ": рядок 1 має стовпців: 2; у файлі учасників один ідентифікатор клієнта в рядку або рядок "
        "заголовка зі стовпцем customer_id",
        "ru": ": в строке 1 столбцов: 2; в файле участников один идентификатор клиента в строке или строка "
        "заголовка со столбцом customer_id",
        "en": ": line 1 has 2 columns; a members file has one customer id per line, or a header row naming "
        "the customer_id column",
    },
}
ERROR = {None: "Помилка: ", "ru": "Ошибка: ", "en": "Error: "}


def test_an_unreadable_members_file_is_said_in_the_workspaces_language(workspace: Workspace, tmp_path):
    """Old code read the members file before it opened the workspace, so every refusal was in English
    (the CLI's language until a workspace is opened), and an .xlsx one was a members_file.unreadable
    whose reason param was the import's English text, which a uk or ru wording could only quote: "не
    вдається прочитати ids.xlsx: not a readable Excel workbook (.xlsx): ...". Now the file is read in the
    workspace's language and an .xlsx refusal is the import's own coded error, worded as an import's."""
    path = workspace.path
    workspace.close()
    (tmp_path / "ids.xlsx").write_text("customer_id\nA\n", encoding="utf-8")  # a CSV under an .xlsx name
    book = Workbook()
    book.active.title = "Клієнти"
    book.active.append(["customer_id", "customer_id"])
    book.active.append(["A", "B"])
    book.save(tmp_path / "twice.xlsx")
    (tmp_path / "ids.csv").write_text("A,B\nC,D\n", encoding="utf-8")
    for file, said in SAID.items():
        for language, words in said.items():
            done = segmint("-w", path, "segments", "create", "S", "--members-file", tmp_path / file,
                           language=language, wide=True)  # fmt: skip
            assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
            assert f"{ERROR[language]}{tmp_path / file}{words}" in done.stderr, (file, language, done.stderr)
    with Workspace.open(path) as ws:
        assert ws.raw.execute("SELECT count(*) FROM segments").fetchone() == (0,)
