"""Workspace errors in the interface language, worded from their `code` and `params` (errors.WorkspaceError):
a workspace that cannot be made or opened. `segmint refresh` while `segmint serve` holds the workspace
said "Помилка: the workspace … is in use …" in a Ukrainian workspace. Errors without a code (DuckDB's own
reason for not opening a file) stay as the library words them."""

from __future__ import annotations

from segmint.web.coded import Table

# fmt: off
UK: dict[str, str] = {
    "workspace.in_use": "робочий простір {path} зайнятий іншим процесом (PID {pid}: оновлення, імпорт, "
                        "segmint serve або блокнот, що його відкрив); дочекайтеся, поки він завершиться, "
                        "або зупиніть його і спробуйте знову",
    "workspace.missing": "{path} не є робочим простором segmint (немає {file}); створіть його: "
                         "`segmint init {path}`",
    "workspace.exists": "{path} уже є робочим простором segmint",
    "workspace.not_empty": "{path} існує і не порожня; виберіть нову або порожню папку",
    "workspace.segment_names": "не вдається привести назви сегментів цього робочого простору до єдиного "
                               "написання (нерозривний чи інший пробіл Unicode як пробіл, NFC), у якому "
                               "цей segmint їх зберігає і шукає: {names} стали б однією назвою; "
                               "перейменуйте всі, крім однієї, тією версією segmint, що створила робочий "
                               "простір (segmint segments edit НАЗВА --rename НОВА), і відкрийте його знову",
    "demo.not_empty": "{path} існує і не порожня; для демо потрібна нова або порожня папка",
    "demo.too_few": "для демо потрібно щонайменше {least} клієнтів, а не {customers}",
}
RU: dict[str, str] = {
    "workspace.in_use": "рабочее пространство {path} занято другим процессом (PID {pid}: обновление, "
                        "импорт, segmint serve или блокнот, который его открыл); дождитесь, пока он "
                        "завершится, или остановите его и попробуйте снова",
    "workspace.missing": "{path} не является рабочим пространством segmint (нет {file}); создайте его: "
                         "`segmint init {path}`",
    "workspace.exists": "{path} уже является рабочим пространством segmint",
    "workspace.not_empty": "{path} существует и не пуста; выберите новую или пустую папку",
    "workspace.segment_names": "не удаётся привести названия сегментов этого рабочего пространства к "
                               "единому написанию (неразрывный или другой пробел Unicode как пробел, NFC), "
                               "в котором этот segmint их хранит и ищет: {names} стали бы одним названием; "
                               "переименуйте все, кроме одного, той версией segmint, которая создала "
                               "рабочее пространство (segmint segments edit НАЗВАНИЕ --rename НОВОЕ), и "
                               "откройте его снова",
    "demo.not_empty": "{path} существует и не пуста; для демо нужна новая или пустая папка",
    "demo.too_few": "для демо нужно не меньше {least} клиентов, а не {customers}",
}
# fmt: on

TABLE = Table({"uk": UK, "ru": RU})


def word(error, lang: str) -> str | None:
    """The WorkspaceError in `lang` (uk, ru), or None when the language or its code is not known here."""
    return TABLE.word(error.code, error.params, lang)
