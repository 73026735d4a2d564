"""The library's messages in Russian, for web/messages.py (rule, segment, campaign and trigger errors:
rule_errors_ru.py, segment_errors_ru.py, campaign_errors_ru.py): each English message pattern of
messages._UK with its Russian wording (keyed by the same pattern, so the order and the matching stay
messages.py's). Kept apart from messages.py as
strings_ru.py is from strings.py; tests/web/test_i18n_ru.py checks every pattern has a Russian text with
the same {names}."""

from __future__ import annotations

# pattern (as in messages._UK) -> Russian
# fmt: off
PATTERNS: dict[str, str] = {
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
    # (import quarantine reasons, rejected values, an upload refused as a whole: see messages.py)
    'not a valid calendar date: (?P<v>.*)':
        'такой даты в календаре нет: {v}',
    'not a date in a known format \\(ISO yyyy-mm-dd, dd\\.mm\\.yyyy, dd-mm-yyyy, dd/mm/yyyy\\): (?P<v>.*)':
        'не дата в известном формате (ГГГГ-ММ-ДД, ДД.ММ.ГГГГ, ДД-ММ-ГГГГ, ДД/ММ/ГГГГ): {v}',
    "ambiguous date (?P<v>.*): it reads only month-first \\(mm/dd/yyyy\\); declare the format with "
    "--date-format '(?P<f>[^']*)' if that is right":
        'неоднозначная дата {v}: её можно прочитать только как месяц/день/год; если это так, впишите '
        '{f} в поле «Формат дат»',
    "does not match the declared date format '(?P<f>.*)': (?P<v>.*)":
        "не соответствует формату дат '{f}': {v}",
    "implausible year in (?P<v>.*) \\(before (?P<y>\\d+)\\): a two-digit year\\? declare the format, "
    "e\\.g\\. --date-format '(?P<f>[^']*)'":
        'неправдоподобный год в {v} (раньше {y}): год двумя цифрами? Впишите формат в поле «Формат '
        'дат», например {f}',
    'not a number \\(NaN or infinite\\)':
        'не число (NaN или бесконечность)',
    'not a number: (?P<v>.*)':
        'не число: {v}',
    'not a whole number':
        'не целое число',
    'unknown customer (?P<c>.*) \\(import the customers first, or use --create-missing-customers\\)':
        'неизвестный клиент {c} (сначала импортируйте клиентов или отметьте «Создать отсутствующих '
        'клиентов»)',
    'unknown order (?P<o>.*) \\(import the orders first\\)':
        'неизвестный заказ {o} (сначала импортируйте заказы)',
    'duplicate key, superseded by row (?P<r>\\d+)':
        'повторный ключ; действует строка {r}',
    'another line of order (?P<o>.*) was quarantined \\(row (?P<r>\\d+)\\)':
        'другая строка заказа {o} в карантине (строка {r})',
    'unknown status (?P<s>.*) \\(expected (?P<e>.*)\\)':
        'неизвестный статус {s} (ожидалось: {e})',
    'unknown event type (?P<s>.*) \\(expected (?P<e>.*)\\)':
        'неизвестный тип события {s} (ожидалось: {e})',
    'negative amount on a (?P<s>.*) order \\(only cancelled, returned and adjustment orders may be '
    'negative\\)':
        'отрицательная сумма в заказе со статусом {s} (отрицательными могут быть только отменённые, '
        'возвращённые и корректировочные)',
    'negative discount (?P<v>.*)':
        'отрицательная скидка {v}',
    'negative quantity (?P<v>\\S+) \\(only cancelled, returned and adjustment orders may take goods back\\)':
        'отрицательное количество {v} (возвращать товар могут только отменённые, возвращённые и '
        'корректировочные заказы)',
    'negative price (?P<v>.*)':
        'отрицательная цена {v}',
    'invalid e-mail: (?P<m>.*)':
        'недействительный адрес e-mail ({m})',
    'invalid phone number for (?P<c>\\S+) or its \\+code':
        'недействительный номер телефона: не номер {c} и без кода +',
    'invalid phone number: (?P<m>.*)':
        'недействительный номер телефона ({m})',
    'unknown country (?P<v>.*)':
        'неизвестная страна {v}',
    'unknown gender (?P<v>.*) \\(expected f, m or other, in any of en/uk/ru\\)':
        'неизвестный пол {v} (ожидалось f, m или other, по-английски, по-украински или по-русски)',
    'not a yes/no value: (?P<v>.*)':
        'не значение да/нет: {v}',
    'the file is empty':
        'файл пустой',
    'the file has no rows':
        'в файле нет строк',
    'the file has no records':
        'в файле нет записей',
    'the file has a header but no data rows':
        'в файле есть строка заголовков, но нет строк данных',
    'no header row: the first line is empty':
        'нет строки заголовков: первая строка пустая',
    "bytes (?P<b>.+) at byte (?P<at>\\d+) are not valid (?P<enc>\\S+); give the file's real encoding "
    "with --encoding \\(e\\.g\\. (?P<e>.*)\\)":
        'байты {b} (байт {at}) не являются текстом в кодировке {enc}; впишите настоящую кодировку '
        'файла в поле «Кодировка» (например, {e})',
    'unknown encoding (?P<enc>.*)':
        'неизвестная кодировка {enc}',
    'unsupported file type (?P<s>.*); use CSV, \\.xlsx, Parquet or JSON lines':
        'неподдерживаемый тип файла {s}; загрузите CSV, .xlsx, Parquet или JSON lines',
    "(?P<file>.+): no column for the required field '(?P<f>[^']+)' of (?P<e>[\\w-]+); name one with "
    "--map COLUMN=[\\w-]+ \\(the file's columns: (?P<cols>.*)\\)":
        "{file}: нет колонки для обязательного поля '{f}' ({e}); выберите её в списке колонок или "
        "впишите КОЛОНКА={f} в поле «Сопоставление колонок» (колонки файла: {cols})",
    '(?P<file>.+): the file has no column (?P<c>.+?); did you mean (?P<n>.+?)\\? \\(columns: (?P<cols>.*)\\)':
        '{file}: в файле нет колонки {c}; возможно, {n}? (колонки: {cols})',
    '(?P<file>.+): the file has no column (?P<c>.+?) \\(columns: (?P<cols>.*)\\)':
        '{file}: в файле нет колонки {c} (колонки: {cols})',
    '(?P<e>[\\w-]+) have no field (?P<f>.+?); did you mean (?P<n>.+?)\\? \\(fields: (?P<fs>.*)\\)':
        'у {e} нет поля {f}; возможно, {n}? (поля: {fs})',
    '(?P<e>[\\w-]+) have no field (?P<f>.+?) \\(fields: (?P<fs>.*)\\)':
        'у {e} нет поля {f} (поля: {fs})',
    'both (?P<a>.+) and (?P<b>.+) are mapped to (?P<f>.+)':
        'и {a}, и {b} сопоставлены с полем {f}',
    '--map expects SOURCE=FIELD, got (?P<v>.*)':
        'сопоставление пишут как КОЛОНКА=ПОЛЕ, а не {v}',
}
# fmt: on
