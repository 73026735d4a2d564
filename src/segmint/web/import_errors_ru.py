"""Import errors in Russian, for web/import_errors.py (the same codes and {names} as its UK)."""

from __future__ import annotations

from segmint.web import yaml_errors

# fmt: off
RU: dict[str, str] = {
    "import.date_format": "не соответствует формату дат '{format}': {value!r}",
    "import.date_month_first": "неоднозначная дата {value!r}: её можно прочитать только как "
                               "месяц/день/год; если это так, впишите {format} в поле «Формат дат»",
    "import.date_order": "неоднозначная дата {value!r}: колонка «{column}» файла {file} пишет даты и с "
                         "месяцем в начале ({month_first!r}), и с днём в начале ({day_first!r}); впишите "
                         "формат в поле «Формат дат»",
    "import.date_not_in_calendar": "такой даты в календаре нет: {value!r}",
    "import.date_unknown_format": "не дата в известном формате (ГГГГ-ММ-ДД, также ГГГГ-ММ-ДДTчч:мм:сс с Z "
                                  "или +чч:мм; ДД.ММ.ГГГГ, ДД-ММ-ГГГГ, ДД/ММ/ГГГГ; с названием месяца "
                                  "по-русски, по-украински или по-английски: 14 марта 2024 г., 14 мар "
                                  "2024, 14 березня 2024 р., 14 March 2024, Mar 14, 2024; со временем или "
                                  "без): {value!r}",
    "import.date_excel_serial": "не дата: {value!r} похоже на дату Excel в виде числа ({date}); сохраните "
                                "колонку из Excel в формате даты",
    "import.date_year": "неправдоподобный год в {value!r} (раньше {year}): год двумя цифрами? Впишите "
                        "формат в поле «Формат дат», например {format}",
    "import.not_finite": "не число (NaN или бесконечность)",
    "import.not_a_number": "не число: {value!r}",
    "import.not_whole": "не целое число",
    "import.not_whole.value": "не целое число: {value!r}",
    "import.number_ambiguous": "неоднозначное число {value!r}: разделитель тысяч или десятичный знак? Другие "
                               "числа файла пишут и десятичную точку, и десятичную запятую; запишите его без "
                               "разделителя или с десятичными знаками",
    "import.amount_currency": "сумма {value!r} в {currency}, а не в {expected} (валюта рабочего "
                              "пространства)",
    "import.amount_currency.order": "сумма {value!r} в {currency}, а не в {expected} (валюта заказа)",
    "import.currency": "неизвестная валюта {value!r} (ожидался код ISO 4217, например UAH, USD, EUR; или "
                       "грн, $, €)",
    "import.nps_range": "оценка NPS должна быть от 0 до 10, а не {value}",
    "import.birth_year": "год рождения должен быть от {first} до {last}, а не {value}",
    "import.email": "недействительный адрес e-mail",
    "import.email.no_at": "недействительный адрес e-mail: нет знака @ (или это не обычный знак @)",
    "import.email.nothing_before_at": "недействительный адрес e-mail: ничего перед знаком @",
    "import.email.nothing_after_at": "недействительный адрес e-mail: ничего после знака @",
    "import.email.before_at": "недействительный адрес e-mail: недопустимые символы перед знаком @ (пробелы, "
                              "кавычки, запятые и т. п.)",
    "import.email.domain": "недействительный адрес e-mail: часть после знака @ не является действительным "
                           "доменом",
    "import.email.dots": "недействительный адрес e-mail: точка или дефис не на своём месте (в начале или в "
                         "конце, дважды подряд или рядом с @)",
    "import.email.too_long": "недействительный адрес e-mail: слишком длинный",
    "import.phone": "недействительный номер телефона",
    # the audit's check of stored values (quality/validation.py)
    "audit.email": "недействительный адрес e-mail",
    "audit.phone_unreadable": "это не номер телефона",
    "audit.phone_invalid": "недействительный номер для своей страны",
    "audit.phone_not_e164": "записан не в форме E.164 (+380...)",
    "import.phone.not_a_number": "недействительный номер телефона: это не номер",
    "import.phone.country_code": "недействительный номер телефона: неизвестный код страны после +",
    "import.phone.too_short": "недействительный номер телефона: слишком короткий",
    "import.phone.too_long": "недействительный номер телефона: слишком длинный",
    "import.phone.excel_rounded": "номер телефона {value!r} Excel сохранил как округлённое число, и его "
                                  "последние цифры потеряны; сохраните колонку в формате «Текстовый»",
    "import.phone_country": "недействительный номер телефона: не номер {country} и без кода +",
    "import.country": "неизвестная страна {value!r}",
    "import.gender": "неизвестный пол {value!r} (ожидалось f, m или other, по-английски, по-украински или "
                     "по-русски)",
    "import.yes_no": "не значение да/нет: {value!r}",
    "import.missing": "нет {field}",
    "import.totals_row": "строка итогов ({value!r}), а не запись",
    "import.unknown_status": "неизвестный статус {status!r} (ожидалось: {expected})",
    "import.unknown_event_type": "неизвестный тип события {event_type!r} (ожидалось: {expected})",
    "import.negative_total": "отрицательная сумма в заказе со статусом {status!r} (отрицательными могут "
                             "быть только отменённые, возвращённые и корректировочные)",
    "import.negative_discount": "отрицательная скидка {value}",
    "import.negative_quantity": "отрицательное количество {value} (возвращать товар могут только "
                                "отменённые, возвращённые и корректировочные заказы)",
    "import.negative_price": "отрицательная цена {value}",
    "import.line_no": "номер строки должен быть 1 или больше",
    "import.unknown_order": "неизвестный заказ {order!r} (сначала импортируйте заказы)",
    "import.unknown_customer": "неизвестный клиент {customer!r} (сначала импортируйте клиентов или "
                               "отметьте «Создать отсутствующих клиентов»)",
    "import.duplicate_key": "повторный ключ; действует строка {row}",
    "import.order_line": "другая строка заказа {order!r} в карантине (строка {row})",
    "import.order_customers": "строки заказа {order!r} называют разных клиентов ({first} в строке "
                              "{first_row}, {other} в строке {other_row})",
    "import.order_dates": "строки заказа {order!r} датированы разными днями ({first} в строке {first_row}, "
                          "{other} в строке {other_row})",
    "import.csv_quotes": "незакрытые кавычки: значение в кавычках не закрыто как следует",
    "import.csv_columns": "неверное количество столбцов ({detail})",
    "import.csv_columns.counts": "неверное количество столбцов (ожидалось {expected}, найдено {found})",
    "import.csv_too_long": "поле или строка длиннее {limit} байт",
    "import.csv_encoding": "байты, которые не являются текстом в кодировке файла",
    "import.csv_other": "строка не прочитана: ошибка читателя CSV «{kind}»",
    "import.json_line": "не объект JSON: {detail}",
    "import.no_file": "такого файла нет",
    "import.file_empty": "файл пустой",
    "import.file_type": "неподдерживаемый тип файла {suffix!r}; загрузите CSV, .xlsx, Parquet или JSON lines",
    "import.no_rows": "в файле нет строк",
    "import.no_records": "в файле нет записей",
    "import.no_data_rows": "в файле есть строка заголовков, но нет строк данных",
    "import.header_missing": "нет строки заголовков: первая строка пустая",
    "import.header_empty": "заголовок колонки {position} пустой; каждой колонке нужно название",
    "import.header_twice": "заголовок {name!r} встречается дважды (колонки {first} и {second})",
    "import.encoding_bytes": "байты {bytes} (байт {at}) не являются текстом в кодировке {encoding}; "
                             "впишите настоящую кодировку файла в поле «Кодировка» (например, {examples})",
    "import.encoding_mixed": "файл в кодировке UTF-8, а эта строка нет: байты {bytes} (байт {at}; строка "
                             "из экспорта в Windows-1251?); исправьте строку или впишите одну кодировку "
                             "для всего файла в поле «Кодировка» (например, cp1251)",
    "import.encoding_unknown": "неизвестная кодировка {encoding!r}",
    "import.delimiter": "разделитель колонок — один знак, например ; , | или tab, а не {delimiter!r}",
    "import.delimiter.mapping": "{file}: delimiter — один знак, например ; , | или tab, а не {delimiter!r}",
    "import.date_format_directive": "Формат дат: {format!r} — {directive!r} не является директивой формата "
                                    "дат (% начинает её: %d день, %m месяц, %Y год, %y год двумя цифрами, "
                                    "%H:%M время; %% — знак %); впишите его как %d.%m.%Y (со временем: "
                                    "%d.%m.%Y %H:%M) или ДД.ММ.ГГГГ",
    "import.date_format_directive.mapping": "{file}: date_format {format!r} — {directive!r} не является "
                                            "директивой формата дат (% начинает её: %d день, %m месяц, %Y "
                                            "год, %y год двумя цифрами, %H:%M время; %% — знак %); запишите "
                                            "его как %d.%m.%Y (со временем: %d.%m.%Y %H:%M) или ДД.ММ.ГГГГ",
    "import.date_format_unreadable": "Формат дат: {format!r} — не формат, который читает импорт; впишите его "
                                     "директивами strftime, например %d.%m.%Y (со временем: %d.%m.%Y %H:%M), "
                                     "или как ДД.ММ.ГГГГ, или оставьте поле пустым: даты вроде 31.01.2024 "
                                     "распознаются сами",
    "import.date_format_unreadable.mapping": "{file}: date_format {format!r} — не формат, который читает "
                                             "импорт; запишите его директивами strftime, например %d.%m.%Y "
                                             "(со временем: %d.%m.%Y %H:%M), или как ДД.ММ.ГГГГ, или уберите "
                                             "его: даты вроде 31.01.2024 распознаются сами",
    "import.not_text": "это не текст в кодировке {encoding} ({detail})",
    "import.parquet": "не удаётся прочитать файл Parquet: {detail}",
    "import.xlsx": "не удаётся прочитать книгу .xlsx: {detail}",
    "import.xlsx_not_workbook": "это не книга Excel (.xlsx), которую можно прочитать: файл не в этом "
                                "формате (возможно, это CSV или старый .xls под именем .xlsx?); сохраните "
                                "его из Excel как книгу .xlsx или как CSV",
    "import.sheet_empty": "лист {sheet!r} пустой",
    "import.sheet_merged": "лист {sheet!r}, ячейка {cell}: ячейки заголовка {merged} объединены; "
                           "разъедините их, чтобы у каждой колонки был свой заголовок",
    "import.sheet_header_empty": "лист {sheet!r}, ячейка {cell}: пустой заголовок; каждой колонке нужно "
                                 "название",
    "import.sheet_header_twice": "лист {sheet!r}: заголовок {name!r} встречается дважды",
    "import.sheet_no_rows": "на листе {sheet!r} есть строка заголовков, но нет строк данных",
    "import.required_column": "{file}: нет колонки для обязательного поля {field!r} ({entity}); выберите "
                              "её в списке колонок или впишите КОЛОНКА={field} в поле «Сопоставление "
                              "колонок» (колонки файла: {columns})",
    "import.required_column.currency": "{file}: колонка {column!r} содержит суммы в {currency}, а валюта "
                                       "рабочего пространства — {workspace_currency}; segmint никогда не "
                                       "конвертирует валюты, поэтому она не читается как {field!r} "
                                       "({entity}). Если это всё же сумма, выберите её для {field!r} в "
                                       "списке колонок или впишите {column}={field} в поле «Сопоставление "
                                       "колонок»",
    "import.no_column": "{file}: в файле нет колонки {column!r} (колонки: {columns})",
    "import.no_column.hint": "{file}: в файле нет колонки {column!r}; возможно, {hint!r}? (колонки: "
                             "{columns})",
    "import.no_field": "у {entity} нет поля {field!r} (поля: {fields})",
    "import.other_entity": "файл похож на {other}, а не на {entity}: его колонки {columns} читаются как "
                           "поля {other} {fields}; импортируйте его как {other} (или сопоставьте эти колонки "
                           "через --map, если они действительно относятся к {entity})",
    "import.no_field.hint": "у {entity} нет поля {field!r}; возможно, {hint!r}? (поля: {fields})",
    "import.mapped_twice": "и {first!r}, и {second!r} сопоставлены с полем {field!r}",
    "import.map_pair": "сопоставление пишут как КОЛОНКА=ПОЛЕ, а не {pair!r}",
    **yaml_errors.texts("import.mapping_", "ru", "columns: и параметры начинаются в одном столбце, пары "
                                                 "колонок — с отступом под columns:"),
    "import.mapping_missing": "{file}: такого файла сопоставления нет",
    "import.mapping_not_keys": "{file}: ожидались ключи 'columns' и параметры {options}",
    "import.mapping_key": "{file}: неизвестный ключ {key!r}",
    "import.mapping_key.hint": "{file}: неизвестный ключ {key!r}; возможно, {hint!r}?",
    "import.mapping_columns": "{file}: 'columns' должен сопоставлять названия колонок файла с полями",
    "import.unknown_entity": "неизвестный тип данных {name!r} ({entities})",
    "import.unknown_entity.hint": "неизвестный тип данных {name!r}; возможно, {hint!r}? ({entities})",
    "import.unknown_preset": "неизвестный шаблон импорта {name!r} (шаблоны: {presets})",
    "import.unknown_preset.hint": "неизвестный шаблон импорта {name!r}; возможно, {hint!r}? (шаблоны: "
                                  "{presets})",
    "import.preset_entity": "шаблон {preset} импортирует {imports}, а не {entity}",
    "import.preset_columns": "шаблону {preset} нужны колонки для {missing}; в файле есть {columns}",
    "import.unknown": "нет импорта с идентификатором {id!r}",
}
# fmt: on


# fmt: off
# The CLI's words where the page's name a form field (import_errors.UK_CLI)
RU_CLI: dict[str, str] = {
    "import.delimiter": "--delimiter — один знак, например ; , | или tab, а не {delimiter!r}",
    "import.date_month_first": "неоднозначная дата {value!r}: её можно прочитать только как "
                               "месяц/день/год; если это так, укажите формат: --date-format '{format}'",
    "import.date_order": "неоднозначная дата {value!r}: колонка «{column}» файла {file} пишет даты и с "
                         "месяцем в начале ({month_first!r}), и с днём в начале ({day_first!r}); укажите "
                         "формат в --date-format",
    "import.date_year": "неправдоподобный год в {value!r} (раньше {year}): год двумя цифрами? Укажите "
                        "формат, например --date-format '{format}'",
    "import.unknown_customer": "неизвестный клиент {customer!r} (сначала импортируйте клиентов или "
                               "добавьте --create-missing-customers)",
    "import.encoding_bytes": "байты {bytes} (байт {at}) не являются текстом в кодировке {encoding}; "
                             "укажите настоящую кодировку файла в --encoding (например, {examples})",
    "import.encoding_mixed": "файл в кодировке UTF-8, а эта строка нет: байты {bytes} (байт {at}; строка "
                             "из экспорта в Windows-1251?); исправьте строку или прочитайте весь файл в "
                             "одной кодировке с --encoding (например, cp1251)",
    "import.required_column": "{file}: нет колонки для обязательного поля {field!r} ({entity}); укажите "
                              "её: --map КОЛОНКА={field} (колонки файла: {columns})",
    "import.required_column.currency": "{file}: колонка {column!r} содержит суммы в {currency}, а валюта "
                                       "рабочего пространства — {workspace_currency}; segmint никогда не "
                                       "конвертирует валюты, поэтому она не читается как {field!r} "
                                       "({entity}). Если это всё же сумма, укажите её: --map "
                                       "'{column}={field}'",
    "import.date_format_directive": "--date-format {format!r}: {directive!r} не является директивой формата "
                                    "дат (% начинает её: %d день, %m месяц, %Y год, %y год двумя цифрами, "
                                    "%H:%M время; %% — знак %); укажите его как %d.%m.%Y (со временем: "
                                    "%d.%m.%Y %H:%M) или ДД.ММ.ГГГГ",
    "import.date_format_unreadable": "--date-format {format!r} — не формат, который читает импорт; укажите "
                                     "его директивами strftime, например %d.%m.%Y (со временем: %d.%m.%Y "
                                     "%H:%M), или как ДД.ММ.ГГГГ, или не указывайте: даты вроде 31.01.2024 "
                                     "распознаются сами",
}
# fmt: on
