"""The library's messages in Russian, for web/messages.py (rule and segment errors: rule_errors_ru.py,
segment_errors_ru.py): each English message pattern of messages._UK with its Russian wording (keyed by the
same pattern, so the order and the matching stay messages.py's). Kept apart from messages.py as
strings_ru.py is from strings.py; tests/web/test_i18n_ru.py checks every pattern has a Russian text with
the same {names}."""

from __future__ import annotations

# pattern (as in messages._UK) -> Russian
# fmt: off
PATTERNS: dict[str, str] = {
    # the API's answer for an unknown segment (api/routes/common.py)
    r"no segment named (?P<n>.+?); known: (?P<k>.+)": "сегмента с названием {n} нет; известные: {k}",
    r"no segment named (?P<n>.+)": "сегмента с названием {n} нет",
    # import quarantine reasons (segmint.ingest)
    r"missing customer_id": "нет customer_id",
    r"missing (?P<col>\w+)": "нет {col}",
    r"wrong number of columns \(Expected Number of Columns: (?P<e>\d+) Found: (?P<f>\d+)\)":
        "неверное количество столбцов (ожидалось {e}, найдено {f})",
    r"wrong number of columns \((?P<m>.*)\)": "неверное количество столбцов ({m})",
    r"unbalanced quotes: a quoted value is not closed properly \((?P<m>.*)\)":
        "незакрытые кавычки: значение в кавычках не закрыто как следует ({m})",
    r"bytes that are not valid text in the file's encoding \((?P<m>.*)\)":
        "байты, которые не являются текстом в кодировке файла ({m})",
    r"line number must be 1 or more": "номер строки должен быть 1 или больше",
}
# fmt: on
