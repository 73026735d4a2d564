"""Library messages (rule, segment, campaign and trigger errors, import quarantine reasons) in the interface
language.

The library words its errors in English for the CLI, the API and the logs (segmint.rules, segmint.segments,
segmint.ingest); the UI shows them to people who chose Ukrainian or Russian. A rule error and a segment
error carry a code and params and are worded from them (web/rule_errors.py, web/segment_errors.py, with
the shared helper web/coded.py; the API's unknown-segment 404 carries its SegmentError), and so do
campaign, template and trigger errors (segmint.errors.CodedError: web/campaign_errors.py). The other
messages (import quarantine reasons and rejected values, an upload refused as a whole) have no codes yet:
each known shape is a pattern here with its Ukrainian wording (the Russian one in messages_ru.py, keyed by
the pattern); the names and values the message quotes are kept as they are. A DataError (a file that
cannot be read) is worded from its file, row, column and reason. A message no pattern knows is shown as
the library wrote it.
"""

from __future__ import annotations

import re

from segmint.errors import CodedError, DataError, RuleError
from segmint.segments.model import SegmentError
from segmint.web import campaign_errors, rule_errors, segment_errors
from segmint.web import messages_ru as ru

# (pattern, Ukrainian); a pattern matches the whole message; {name} takes the group of that name
# fmt: off
_UK: list[tuple[str, str]] = [
    # import quarantine reasons (segmint.ingest)
    (r"missing customer_id", "немає customer_id"),
    (r"missing (?P<col>\w+)", "немає {col}"),
    (r"wrong number of columns \(Expected Number of Columns: (?P<e>\d+) Found: (?P<f>\d+)\)",
     "неправильна кількість стовпців (очікувалося {e}, знайдено {f})"),
    (r"wrong number of columns \((?P<m>.*)\)", "неправильна кількість стовпців ({m})"),
    (r"unbalanced quotes: a quoted value is not closed properly \((?P<m>.*)\)",
     "незакриті лапки: значення в лапках не закрито як слід ({m})"),
    (r"bytes that are not valid text in the file's encoding \((?P<m>.*)\)",
     "байти, що не є текстом у кодуванні файлу ({m})"),
    (r"line number must be 1 or more", "номер рядка має бути 1 або більше"),
    (r"not a valid calendar date: (?P<v>.*)", "такої дати в календарі немає: {v}"),
    (r"not a date in a known format \(ISO yyyy-mm-dd, dd\.mm\.yyyy, dd-mm-yyyy, dd/mm/yyyy\): (?P<v>.*)",
     "не дата у відомому форматі (РРРР-ММ-ДД, ДД.ММ.РРРР, ДД-ММ-РРРР, ДД/ММ/РРРР): {v}"),
    (r"ambiguous date (?P<v>.*): it reads only month-first \(mm/dd/yyyy\); declare the format with "
     r"--date-format '(?P<f>[^']*)' if that is right",
     "неоднозначна дата {v}: її можна прочитати лише як місяць/день/рік; якщо це так, впишіть {f} у поле "
     "«Формат дат»"),
    (r"does not match the declared date format '(?P<f>.*)': (?P<v>.*)",
     "не відповідає формату дат '{f}': {v}"),
    (r"implausible year in (?P<v>.*) \(before (?P<y>\d+)\): a two-digit year\? declare the format, "
     r"e\.g\. --date-format '(?P<f>[^']*)'",
     "неймовірний рік у {v} (раніше за {y}): рік двома цифрами? Впишіть формат у поле «Формат дат», "
     "наприклад {f}"),
    (r"not a number \(NaN or infinite\)", "не число (NaN або нескінченність)"),
    (r"not a number: (?P<v>.*)", "не число: {v}"),
    (r"not a whole number", "не ціле число"),
    (r"unknown customer (?P<c>.*) \(import the customers first, or use --create-missing-customers\)",
     "невідомий клієнт {c} (спершу імпортуйте клієнтів або позначте «Створити відсутніх клієнтів»)"),
    (r"unknown order (?P<o>.*) \(import the orders first\)",
     "невідоме замовлення {o} (спершу імпортуйте замовлення)"),
    (r"duplicate key, superseded by row (?P<r>\d+)", "повторний ключ; діє рядок {r}"),
    (r"another line of order (?P<o>.*) was quarantined \(row (?P<r>\d+)\)",
     "інший рядок замовлення {o} у карантині (рядок {r})"),
    (r"unknown status (?P<s>.*) \(expected (?P<e>.*)\)", "невідомий статус {s} (очікувалося: {e})"),
    (r"unknown event type (?P<s>.*) \(expected (?P<e>.*)\)", "невідомий тип події {s} (очікувалося: {e})"),
    (r"negative amount on a (?P<s>.*) order \(only cancelled, returned and adjustment orders may be "
     r"negative\)",
     "від’ємна сума в замовленні зі статусом {s} (від’ємними можуть бути лише скасовані, повернені й "
     "коригувальні)"),
    (r"negative discount (?P<v>.*)", "від’ємна знижка {v}"),
    (r"negative quantity (?P<v>\S+) \(only cancelled, returned and adjustment orders may take goods back\)",
     "від’ємна кількість {v} (повертати товар можуть лише скасовані, повернені й коригувальні замовлення)"),
    (r"negative price (?P<v>.*)", "від’ємна ціна {v}"),
    (r"invalid e-mail: (?P<m>.*)", "недійсна адреса e-mail ({m})"),
    (r"invalid phone number for (?P<c>\S+) or its \+code",
     "недійсний номер телефону: не номер {c} і без коду +"),
    (r"invalid phone number: (?P<m>.*)", "недійсний номер телефону ({m})"),
    (r"unknown country (?P<v>.*)", "невідома країна {v}"),
    (r"unknown gender (?P<v>.*) \(expected f, m or other, in any of en/uk/ru\)",
     "невідома стать {v} (очікувалося f, m чи other, англійською, українською чи російською)"),
    (r"not a yes/no value: (?P<v>.*)", "не значення так/ні: {v}"),
    # an upload refused as a whole (DataError's reason, MappingError); the file is the name the user gave
    (r"the file is empty", "файл порожній"),
    (r"the file has no rows", "у файлі немає рядків"),
    (r"the file has no records", "у файлі немає записів"),
    (r"the file has a header but no data rows", "у файлі є рядок заголовків, але немає рядків даних"),
    (r"no header row: the first line is empty", "немає рядка заголовків: перший рядок порожній"),
    (r"bytes (?P<b>.+) at byte (?P<at>\d+) are not valid (?P<enc>\S+); give the file's real encoding with "
     r"--encoding \(e\.g\. (?P<e>.*)\)",
     "байти {b} (байт {at}) не є текстом у кодуванні {enc}; впишіть справжнє кодування файлу в поле "
     "«Кодування» (наприклад, {e})"),
    (r"unknown encoding (?P<enc>.*)", "невідоме кодування {enc}"),
    (r"unsupported file type (?P<s>.*); use CSV, \.xlsx, Parquet or JSON lines",
     "непідтримуваний тип файлу {s}; завантажте CSV, .xlsx, Parquet або JSON lines"),
    (r"(?P<file>.+): no column for the required field '(?P<f>[^']+)' of (?P<e>[\w-]+); name one with "
     r"--map COLUMN=[\w-]+ \(the file's columns: (?P<cols>.*)\)",
     "{file}: немає колонки для обов’язкового поля '{f}' ({e}); виберіть її в списку колонок або впишіть "
     "КОЛОНКА={f} у поле «Відповідність колонок» (колонки файлу: {cols})"),
    (r"(?P<file>.+): the file has no column (?P<c>.+?); did you mean (?P<n>.+?)\? \(columns: (?P<cols>.*)\)",
     "{file}: у файлі немає колонки {c}; можливо, {n}? (колонки: {cols})"),
    (r"(?P<file>.+): the file has no column (?P<c>.+?) \(columns: (?P<cols>.*)\)",
     "{file}: у файлі немає колонки {c} (колонки: {cols})"),
    (r"(?P<e>[\w-]+) have no field (?P<f>.+?); did you mean (?P<n>.+?)\? \(fields: (?P<fs>.*)\)",
     "у {e} немає поля {f}; можливо, {n}? (поля: {fs})"),
    (r"(?P<e>[\w-]+) have no field (?P<f>.+?) \(fields: (?P<fs>.*)\)", "у {e} немає поля {f} (поля: {fs})"),
    (r"both (?P<a>.+) and (?P<b>.+) are mapped to (?P<f>.+)", "і {a}, і {b} зіставлено з полем {f}"),
    (r"--map expects SOURCE=FIELD, got (?P<v>.*)", "відповідність пишуть як КОЛОНКА=ПОЛЕ, а не {v}"),
]
# fmt: on
_PATTERNS = [(re.compile(pattern, re.S), text) for pattern, text in _UK]
# where in the file a DataError happened (its file, row and column), as str(DataError) says it in English
_PLACES = {
    "uk": {"file": "{}", "row": "рядок {}", "column": "колонка {!r}"},
    "ru": {"file": "{}", "row": "строка {}", "column": "колонка {!r}"},
}
_WORDINGS = {
    "uk": _PATTERNS,
    "ru": [(found, ru.PATTERNS[found.pattern]) for found, _ in _PATTERNS if found.pattern in ru.PATTERNS],
}


def translate(message, lang: str, *, place: bool = True) -> str:
    """`message` (a library error, or its English text) in `lang`; as the library wrote it when English or
    not known here. A SegmentError is worded from its code and params (web/segment_errors.py), a
    campaign, template or trigger error likewise (web/campaign_errors.py), a
    RuleError likewise from its code and params (web/rule_errors.py): with `place`,
    with its "line L, column C: " (or segment) prefix and caret lines, as str(error) has them; without,
    the message alone. Any other message is matched against the patterns above."""
    if isinstance(message, RuleError):
        worded = rule_errors.word(message, lang, place=place)
        if worded is not None:
            return worded
        return str(message) if place else message.message
    if isinstance(message, SegmentError):
        worded = segment_errors.word(message, lang)
        if worded is not None:
            return worded
    if isinstance(message, CodedError):
        worded = campaign_errors.word(message, lang)
        if worded is not None:
            return worded
    if isinstance(message, DataError) and lang in _PLACES:  # an unreadable file: where, then why
        where = ", ".join(
            _PLACES[lang][part].format(value)
            for part, value in (("file", message.file), ("row", message.row), ("column", message.column))
            if value is not None and value != ""
        )
        reason = _one(message.reason, _WORDINGS[lang])
        return f"{where}: {reason}" if where else reason
    if isinstance(message, BaseException):  # another library error: its text, as the CLI shows it
        message = str(message) or type(message).__name__
    patterns = _WORDINGS.get(lang)
    if patterns is None or not message:
        return message
    first, newline, rest = str(message).partition("\n")
    return _one(first, patterns) + newline + rest


def _one(message: str, patterns: list[tuple[re.Pattern, str]]) -> str:
    for pattern, text in patterns:
        found = pattern.fullmatch(message)
        if found:
            return text.format(**{key: value or "" for key, value in found.groupdict().items()})
    return message
