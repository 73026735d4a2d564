"""Import errors in the interface language, worded from their `code` and `params`: the reasons rows were
quarantined and values refused (stored as reason_code and reason_params; a `Reason` in Python,
ingest/reasons.py), an upload refused as a whole (DataError, MappingError) and an import id nobody has
(a CodedError import.unknown, ingest/recorded.py). As web/segment_errors.py
does for segment errors: a change to the English wording cannot silently leave the Ukrainian or Russian
one behind, as matching the English text did. Ukrainian here, Russian in import_errors_ru.py (the same
codes and {names}); a reason without a known code (a row stored before codes were kept) is shown as
stored. tests/ingest/test_import_error_codes.py checks every code the importer can give has both texts.

A DataError is worded as str() has it in English: where (file, row, column), then the reason.
"""

from __future__ import annotations

from segmint.errors import CodedError, DataError
from segmint.ingest.reasons import Reason
from segmint.web import import_errors_ru as ru
from segmint.web import yaml_errors
from segmint.web.coded import Table

# fmt: off
UK: dict[str, str] = {
    # a value of a row (ingest/typed.py, ingest/normalise.py): the row lands without it, or, when the
    # field is required, goes to quarantine
    "import.date_format": "не відповідає формату дат '{format}': {value!r}",
    "import.date_month_first": "неоднозначна дата {value!r}: її можна прочитати лише як місяць/день/рік; "
                               "якщо це так, впишіть {format} у поле «Формат дат»",
    "import.date_order": "неоднозначна дата {value!r}: колонка «{column}» файлу {file} пише дати і з місяцем "
                         "спершу ({month_first!r}), і з днем спершу ({day_first!r}); впишіть формат у поле "
                         "«Формат дат»",
    "import.date_not_in_calendar": "такої дати в календарі немає: {value!r}",
    "import.date_unknown_format": "не дата у відомому форматі (РРРР-ММ-ДД, також РРРР-ММ-ДДTгг:хх:сс із Z "
                                  "чи +гг:хх; ДД.ММ.РРРР, ДД-ММ-РРРР, ДД/ММ/РРРР; з назвою місяця "
                                  "українською, російською чи англійською: 14 березня 2024 р., 14 берез. "
                                  "2024, 14 марта 2024 г., 14 March 2024, Mar 14, 2024; з часом чи без): "
                                  "{value!r}",
    "import.date_excel_serial": "не дата: {value!r} схоже на дату Excel у вигляді числа ({date}); збережіть "
                                "колонку з Excel у форматі дати",
    "import.date_year": "неймовірний рік у {value!r} (раніше за {year}): рік двома цифрами? Впишіть формат "
                        "у поле «Формат дат», наприклад {format}",
    "import.not_finite": "не число (NaN або нескінченність)",
    "import.not_a_number": "не число: {value!r}",
    "import.not_whole": "не ціле число",
    "import.not_whole.value": "не ціле число: {value!r}",
    "import.number_ambiguous": "неоднозначне число {value!r}: роздільник тисяч чи десятковий знак? Інші "
                               "числа файлу пишуть і десяткову крапку, і десяткову кому; запишіть його без "
                               "роздільника або з десятковими знаками",
    "import.amount_currency": "сума {value!r} у {currency}, а не в {expected} (валюта робочого простору)",
    "import.amount_currency.order": "сума {value!r} у {currency}, а не в {expected} (валюта замовлення)",
    "import.currency": "невідома валюта {value!r} (очікувався код ISO 4217, як-от UAH, USD, EUR; або грн, "
                       "$, €)",
    "import.nps_range": "оцінка NPS має бути від 0 до 10, а не {value}",
    "import.birth_year": "рік народження має бути від {first} до {last}, а не {value}",
    # e-mails and phones: the validator's English `detail` is not quoted (ingest/normalise.py tells its
    # common refusals apart by code)
    "import.email": "недійсна адреса e-mail",
    "import.email.no_at": "недійсна адреса e-mail: немає знака @ (або це не звичайний знак @)",
    "import.email.nothing_before_at": "недійсна адреса e-mail: нічого перед знаком @",
    "import.email.nothing_after_at": "недійсна адреса e-mail: нічого після знака @",
    "import.email.before_at": "недійсна адреса e-mail: недопустимі символи перед знаком @ (пробіли, лапки, "
                              "коми тощо)",
    "import.email.domain": "недійсна адреса e-mail: частина після знака @ не є дійсним доменом",
    "import.email.dots": "недійсна адреса e-mail: крапка або дефіс не на своєму місці (на початку чи в "
                         "кінці, двічі поспіль або поруч із @)",
    "import.email.too_long": "недійсна адреса e-mail: задовга",
    "import.phone": "недійсний номер телефону",
    # the audit's check of stored values (quality/validation.py)
    "audit.email": "недійсна адреса e-mail",
    "audit.phone_unreadable": "це не номер телефону",
    "audit.phone_invalid": "недійсний номер для своєї країни",
    "audit.phone_not_e164": "записаний не у формі E.164 (+380...)",
    "import.phone.not_a_number": "недійсний номер телефону: це не номер",
    "import.phone.country_code": "недійсний номер телефону: невідомий код країни після +",
    "import.phone.too_short": "недійсний номер телефону: закороткий",
    "import.phone.too_long": "недійсний номер телефону: задовгий",
    "import.phone.excel_rounded": "номер телефону {value!r} Excel зберіг як округлене число, і його "
                                  "останні цифри втрачено; збережіть колонку у форматі «Текстовий»",
    "import.phone_country": "недійсний номер телефону: не номер {country} і без коду +",
    "import.country": "невідома країна {value!r}",
    "import.gender": "невідома стать {value!r} (очікувалося f, m чи other, англійською, українською чи "
                     "російською)",
    "import.yes_no": "не значення так/ні: {value!r}",
    # a row (ingest/checks.py, ingest/pipeline.py)
    "import.missing": "немає {field}",
    "import.totals_row": "рядок підсумків ({value!r}), а не запис",
    "import.unknown_status": "невідомий статус {status!r} (очікувалося: {expected})",
    "import.unknown_event_type": "невідомий тип події {event_type!r} (очікувалося: {expected})",
    "import.negative_total": "від’ємна сума в замовленні зі статусом {status!r} (від’ємними можуть бути "
                             "лише скасовані, повернені й коригувальні)",
    "import.negative_discount": "від’ємна знижка {value}",
    "import.negative_quantity": "від’ємна кількість {value} (повертати товар можуть лише скасовані, "
                                "повернені й коригувальні замовлення)",
    "import.negative_price": "від’ємна ціна {value}",
    "import.line_no": "номер рядка має бути 1 або більше",
    "import.unknown_order": "невідоме замовлення {order!r} (спершу імпортуйте замовлення)",
    "import.unknown_customer": "невідомий клієнт {customer!r} (спершу імпортуйте клієнтів або позначте "
                               "«Створити відсутніх клієнтів»)",
    "import.duplicate_key": "повторний ключ; діє рядок {row}",
    "import.order_line": "інший рядок замовлення {order!r} у карантині (рядок {row})",
    "import.order_customers": "рядки замовлення {order!r} називають різних клієнтів ({first} у рядку "
                              "{first_row}, {other} у рядку {other_row})",
    "import.order_dates": "рядки замовлення {order!r} датовано різними днями ({first} у рядку {first_row}, "
                          "{other} у рядку {other_row})",
    # a record the reader could not read (ingest/readers.py); {detail} is DuckDB's or Python's own, in
    # English: not shown for an unclosed quote, a long line, bad bytes or another error (the limit, row and
    # column say what DuckDB's sentence does; {kind} is DuckDB's name of the error)
    "import.csv_quotes": "незакриті лапки: значення в лапках не закрито як слід",
    "import.csv_columns": "неправильна кількість стовпців ({detail})",
    "import.csv_columns.counts": "неправильна кількість стовпців (очікувалося {expected}, знайдено {found})",
    "import.csv_too_long": "поле або рядок довші за {limit} байтів",
    "import.csv_encoding": "байти, що не є текстом у кодуванні файлу",
    "import.csv_other": "рядок не прочитано: помилка читача CSV «{kind}»",
    "import.json_line": "не об’єкт JSON: {detail}",
    # an upload refused as a whole (DataError: ingest/readers.py, textfiles.py, excel.py)
    "import.no_file": "такого файлу немає",
    "import.file_empty": "файл порожній",
    "import.file_type": "непідтримуваний тип файлу {suffix!r}; завантажте CSV, .xlsx, Parquet або JSON lines",
    "import.no_rows": "у файлі немає рядків",
    "import.no_records": "у файлі немає записів",
    "import.no_data_rows": "у файлі є рядок заголовків, але немає рядків даних",
    "import.header_missing": "немає рядка заголовків: перший рядок порожній",
    "import.header_empty": "заголовок колонки {position} порожній; кожній колонці потрібна назва",
    "import.header_twice": "заголовок {name!r} трапляється двічі (колонки {first} і {second})",
    "import.encoding_bytes": "байти {bytes} (байт {at}) не є текстом у кодуванні {encoding}; впишіть "
                             "справжнє кодування файлу в поле «Кодування» (наприклад, {examples})",
    "import.encoding_mixed": "файл у кодуванні UTF-8, а цей рядок ні: байти {bytes} (байт {at}; рядок з "
                             "експорту у Windows-1251?); виправте рядок або впишіть одне кодування для "
                             "всього файлу в поле «Кодування» (наприклад, cp1251)",
    "import.encoding_unknown": "невідоме кодування {encoding!r}",
    "import.delimiter": "роздільник колонок — один знак, як-от ; , | або tab, а не {delimiter!r}",
    "import.delimiter.mapping": "{file}: delimiter — один знак, як-от ; , | або tab, а не {delimiter!r}",
    # the declared date format (MappingError: ingest/dateformats.py), refused before anything is read
    "import.date_format_directive": "Формат дат: {format!r} — {directive!r} не є директивою формату дат "
                                    "(% починає її: %d день, %m місяць, %Y рік, %y рік двома цифрами, %H:%M "
                                    "час; %% — знак %); впишіть його як %d.%m.%Y (з часом: %d.%m.%Y %H:%M) "
                                    "або ДД.ММ.РРРР",
    "import.date_format_directive.mapping": "{file}: date_format {format!r} — {directive!r} не є директивою "
                                            "формату дат (% починає її: %d день, %m місяць, %Y рік, %y рік "
                                            "двома цифрами, %H:%M час; %% — знак %); запишіть його як "
                                            "%d.%m.%Y (з часом: %d.%m.%Y %H:%M) або ДД.ММ.РРРР",
    "import.date_format_unreadable": "Формат дат: {format!r} — не формат, який читає імпорт; впишіть його "
                                     "директивами strftime, як-от %d.%m.%Y (з часом: %d.%m.%Y %H:%M), або "
                                     "як ДД.ММ.РРРР, або залиште поле порожнім: дати на кшталт 31.01.2024 "
                                     "розпізнаються самі",
    "import.date_format_unreadable.mapping": "{file}: date_format {format!r} — не формат, який читає "
                                             "імпорт; запишіть його директивами strftime, як-от %d.%m.%Y (з "
                                             "часом: %d.%m.%Y %H:%M), або як ДД.ММ.РРРР, або приберіть його: "
                                             "дати на кшталт 31.01.2024 розпізнаються самі",
    "import.not_text": "це не текст у кодуванні {encoding} ({detail})",
    "import.parquet": "не вдається прочитати файл Parquet: {detail}",
    "import.xlsx": "не вдається прочитати книгу .xlsx: {detail}",
    "import.xlsx_not_workbook": "це не книга Excel (.xlsx), яку можна прочитати: файл не в цьому форматі "
                                "(можливо, це CSV або старий .xls під назвою .xlsx?); збережіть його з Excel "
                                "як книгу .xlsx або як CSV",
    "import.sheet_empty": "аркуш {sheet!r} порожній",
    "import.sheet_merged": "аркуш {sheet!r}, клітинка {cell}: клітинки заголовка {merged} об’єднано; "
                           "роз’єднайте їх, щоб кожна колонка мала свій заголовок",
    "import.sheet_header_empty": "аркуш {sheet!r}, клітинка {cell}: порожній заголовок; кожній колонці "
                                 "потрібна назва",
    "import.sheet_header_twice": "аркуш {sheet!r}: заголовок {name!r} трапляється двічі",
    "import.sheet_no_rows": "на аркуші {sheet!r} є рядок заголовків, але немає рядків даних",
    # the mapping of columns to fields (MappingError: ingest/mapping.py, presets.py, pipeline.py)
    "import.required_column": "{file}: немає колонки для обов’язкового поля {field!r} ({entity}); виберіть "
                              "її в списку колонок або впишіть КОЛОНКА={field} у поле «Відповідність "
                              "колонок» (колонки файлу: {columns})",
    "import.required_column.currency": "{file}: колонка {column!r} містить суми в {currency}, а валюта "
                                       "робочого простору — {workspace_currency}; segmint ніколи не "
                                       "конвертує валюти, тому вона не читається як {field!r} ({entity}). "
                                       "Якщо це все ж сума, виберіть її для {field!r} у списку колонок або "
                                       "впишіть {column}={field} у поле «Відповідність колонок»",
    "import.no_column": "{file}: у файлі немає колонки {column!r} (колонки: {columns})",
    "import.no_column.hint": "{file}: у файлі немає колонки {column!r}; можливо, {hint!r}? (колонки: "
                             "{columns})",
    "import.no_field": "у {entity} немає поля {field!r} (поля: {fields})",
    "import.other_entity": "файл схожий на {other}, а не на {entity}: його колонки {columns} читаються як "
                           "поля {other} {fields}; імпортуйте його як {other} (або зіставте ці колонки через "
                           "--map, якщо вони справді належать до {entity})",
    "import.no_field.hint": "у {entity} немає поля {field!r}; можливо, {hint!r}? (поля: {fields})",
    "import.mapped_twice": "і {first!r}, і {second!r} зіставлено з полем {field!r}",
    "import.map_pair": "відповідність пишуть як КОЛОНКА=ПОЛЕ, а не {pair!r}",
    # a mapping file that cannot be opened, is not text or not YAML (store/yaml_files.py), as a segments
    # file's; then the one that is not there, in its own words
    **yaml_errors.texts("import.mapping_", "uk", "columns: і параметри починаються в одному стовпці, пари "
                                                 "колонок — з відступом під columns:"),
    "import.mapping_missing": "{file}: такого файлу відповідності немає",
    "import.mapping_not_keys": "{file}: очікувалися ключі 'columns' і параметри {options}",
    "import.mapping_key": "{file}: невідомий ключ {key!r}",
    "import.mapping_key.hint": "{file}: невідомий ключ {key!r}; можливо, {hint!r}?",
    "import.mapping_columns": "{file}: 'columns' має зіставляти назви колонок файлу з полями",
    "import.unknown_entity": "невідомий тип даних {name!r} ({entities})",
    "import.unknown_entity.hint": "невідомий тип даних {name!r}; можливо, {hint!r}? ({entities})",
    "import.unknown_preset": "невідомий шаблон імпорту {name!r} (шаблони: {presets})",
    "import.unknown_preset.hint": "невідомий шаблон імпорту {name!r}; можливо, {hint!r}? (шаблони: "
                                  "{presets})",
    "import.preset_entity": "шаблон {preset} імпортує {imports}, а не {entity}",
    "import.preset_columns": "шаблон {preset} потребує колонок для {missing}; у файлі є {columns}",
    # a past import looked up by its id (ingest/recorded.py: `segmint quarantine --import`, /imports/{id})
    "import.unknown": "немає імпорту з ідентифікатором {id!r}",
}
# fmt: on
# fmt: off
# The CLI's words where the page's name a form field: the option to give instead (a terminal has no
# form, and the page never names a CLI flag), as the library's English says it.
UK_CLI: dict[str, str] = {
    "import.delimiter": "--delimiter — один знак, як-от ; , | або tab, а не {delimiter!r}",
    "import.date_month_first": "неоднозначна дата {value!r}: її можна прочитати лише як місяць/день/рік; "
                               "якщо це так, вкажіть формат: --date-format '{format}'",
    "import.date_order": "неоднозначна дата {value!r}: колонка «{column}» файлу {file} пише дати і з місяцем "
                         "спершу ({month_first!r}), і з днем спершу ({day_first!r}); вкажіть формат у "
                         "--date-format",
    "import.date_year": "неймовірний рік у {value!r} (раніше за {year}): рік двома цифрами? Вкажіть формат, "
                        "наприклад --date-format '{format}'",
    "import.unknown_customer": "невідомий клієнт {customer!r} (спершу імпортуйте клієнтів або додайте "
                               "--create-missing-customers)",
    "import.encoding_bytes": "байти {bytes} (байт {at}) не є текстом у кодуванні {encoding}; вкажіть "
                             "справжнє кодування файлу в --encoding (наприклад, {examples})",
    "import.encoding_mixed": "файл у кодуванні UTF-8, а цей рядок ні: байти {bytes} (байт {at}; рядок з "
                             "експорту у Windows-1251?); виправте рядок або прочитайте весь файл в одному "
                             "кодуванні з --encoding (наприклад, cp1251)",
    "import.required_column": "{file}: немає колонки для обов’язкового поля {field!r} ({entity}); вкажіть "
                              "її: --map КОЛОНКА={field} (колонки файлу: {columns})",
    "import.required_column.currency": "{file}: колонка {column!r} містить суми в {currency}, а валюта "
                                       "робочого простору — {workspace_currency}; segmint ніколи не "
                                       "конвертує валюти, тому вона не читається як {field!r} ({entity}). "
                                       "Якщо це все ж сума, вкажіть її: --map '{column}={field}'",
    "import.date_format_directive": "--date-format {format!r}: {directive!r} не є директивою формату дат "
                                    "(% починає її: %d день, %m місяць, %Y рік, %y рік двома цифрами, %H:%M "
                                    "час; %% — знак %); вкажіть його як %d.%m.%Y (з часом: %d.%m.%Y %H:%M) "
                                    "або ДД.ММ.РРРР",
    "import.date_format_unreadable": "--date-format {format!r} — не формат, який читає імпорт; вкажіть його "
                                     "директивами strftime, як-от %d.%m.%Y (з часом: %d.%m.%Y %H:%M), або "
                                     "як ДД.ММ.РРРР, або не вказуйте: дати на кшталт 31.01.2024 "
                                     "розпізнаються самі",
}
# fmt: on
# fmt: off
# The page's English where the library's (the CLI's) names an option: the form field instead. Any other
# code is shown in English as the library wrote it.
EN_PAGE: dict[str, str] = {
    "import.date_format_directive": "Date format: {format!r} — {directive!r} is not a directive of a date "
                                    "format (a % starts one: %d day, %m month, %Y year, %y two-digit year, "
                                    "%H:%M time; %% is a % sign); write it as %d.%m.%Y (with a time: "
                                    "%d.%m.%Y %H:%M) or DD.MM.YYYY",
    "import.date_format_unreadable": "Date format: {format!r} is not a format the import reads; write it "
                                     "with strftime's directives, as %d.%m.%Y (with a time: %d.%m.%Y "
                                     "%H:%M), or as DD.MM.YYYY, or leave the field empty: dates such as "
                                     "31.01.2024 are recognised by themselves",
}
# fmt: on
TABLE = Table({"uk": UK, "ru": ru.RU, "en": EN_PAGE})
CLI_TABLE = Table({"uk": {**UK, **UK_CLI}, "ru": {**ru.RU, **ru.RU_CLI}})
# where in the file a DataError happened (its file, row and column), as str(DataError) says it in English
PLACES = {
    "uk": {"file": "{}", "row": "рядок {}", "column": "колонка {!r}"},
    "ru": {"file": "{}", "row": "строка {}", "column": "колонка {!r}"},
}


def word(error: Reason | DataError | CodedError, lang: str, *, cli: bool = False) -> str | None:
    """The reason or error in `lang` (uk, ru; en for the page: EN_PAGE); None when the language or its
    code is not known here (a DataError's place is worded even then, with the reason as the library wrote
    it). `cli`: for a terminal, naming the command's options where the page names its form fields."""
    table = CLI_TABLE if cli else TABLE
    if isinstance(error, DataError):
        if lang not in PLACES:
            return None
        place = ", ".join(
            PLACES[lang][part].format(value)
            for part, value in (("file", error.file), ("row", error.row), ("column", error.column))
            if value is not None and value != ""
        )
        reason = table.word(error.code, error.params, lang) or error.reason
        return f"{place}: {reason}" if place else reason
    if error.code and error.code.startswith("import.mapping_") and "file" in error.params:
        # a mapping file's line and column
        return table.word(error.code, error.params, lang, where=yaml_errors.place(error.params, lang))
    return table.word(error.code, error.params, lang)


def stored_reason(reason: str, code: str | None, params: dict | None) -> str:
    """A stored quarantine or rejected-value reason as a `Reason` the page words (web/messages.translate),
    or its text as stored when it has no code (rows stored before codes were kept)."""
    return Reason(reason, code, **(params or {})) if code else reason
