"""Merge errors (`segmint dedupe --apply` / `--undo`, segmint.quality.merge) in the interface language,
worded from their `code` and `params`, as web/cluster_errors.py words the clustering's: a Ukrainian or
Russian workspace said "no merge X" and "already undone" in English. Matched by the code's `merge.`
prefix. tests/quality/test_merge_error_codes.py raises the codes and checks both wordings."""

from __future__ import annotations

from segmint.web.coded import Table

PREFIX = "merge."

# fmt: off
UK: dict[str, str] = {
    "merge.unknown": "немає об’єднання {merge}; див. `segmint dedupe --history`",
    "merge.undone": "об’єднання {merge} уже скасовано",
    "merge.base_changed": "клієнти змінилися, поки шукалися дублікати; запустіть ще раз",
    "merge.superseded": "об’єднання {merge} поки не можна скасувати: {customers}, що лишився після нього, "
    "пізніше приєднано до іншого запису ({later}); спершу скасуйте {later}",
}
RU: dict[str, str] = {
    "merge.unknown": "нет объединения {merge}; см. `segmint dedupe --history`",
    "merge.undone": "объединение {merge} уже отменено",
    "merge.base_changed": "клиенты изменились, пока искались дубликаты; запустите ещё раз",
    "merge.superseded": "объединение {merge} пока нельзя отменить: {customers}, оставшийся после него, "
    "позже присоединён к другой записи ({later}); сначала отмените {later}",
}
# fmt: on

TABLE = Table({"uk": UK, "ru": RU})


def word(error, lang: str) -> str | None:
    """The merge error in `lang` (uk, ru), or None when the language or its code is not known here."""
    return TABLE.word(error.code, error.params, lang)
