"""Segment errors in Russian, for web/segment_errors.py: each code of segment_errors.UK with its Russian
text (the same {names}), kept apart as rule_errors_ru.py is from rule_errors.py."""

from __future__ import annotations

from segmint.web import yaml_errors

# fmt: off
RU: dict[str, str] = {
    "segment.unknown": "сегмента с названием {name!r} нет",
    "segment.unknown.hint": " (возможно, {hint!r}?)",
    "segment.unknown.families": "; семейства: {families}",
    "segment.unknown.known": "; известные: {known}",
    "segment.unknown.none": "; сегментов пока нет",
    "segment.unknown.more": " и ещё {more}",
    "name.empty": "сегменту нужно название",
    "name.too_long": "название сегмента — не более {limit} символов",
    "name.control": "название сегмента {name!r} содержит управляющий символ",
    "name.invisible": "название сегмента {name!r} содержит невидимый символ ({character})",
    "name.slash": "название сегмента {name!r} содержит '/': REST API не смог бы к нему обратиться",
    "name.dots": "название сегмента {name!r} — это шаг пути ('.' или '..'): REST API не смог бы к нему "
                 "обратиться",
    "name.taken": "сегмент с названием {name!r} уже существует; измените его или выберите другое название",
    "name.taken.case": "сегмент с названием {taken!r} уже существует; {name!r} отличается от него только "
                       "регистром букв, поэтому их будут путать: измените его или выберите другое название",
    "name.family": "{name!r} читается как встроенное семейство {family!r} (рассылки и триггеры называют его "
                   "группы семейство:группа); выберите другое название",
    "kind.unknown": "сегмент бывает 'static' или 'dynamic', а не {kind!r}",
    "rename.read_by": "нельзя переименовать {name!r}: in_segment({name!r}) читают {readers}",
    "rename.triggers": "нельзя переименовать {name!r}: триггер(ы) {triggers} добавляют в него клиентов",
    "delete.read_by": "нельзя удалить {name!r}: in_segment({name!r}) читают {readers}",
    "delete.triggers": "нельзя удалить {name!r}: его используют триггер(ы) {triggers}; сначала удалите их "
                       "(segmint triggers delete NAME)",
    "rule.not_text": "правило — это текст (или разобранное Rule), а не {type}: {value}",
    "source.dynamic_members": "динамический сегмент определяется правилом; идентификаторы участников "
                              "принимает только статический",
    "source.no_rule": "динамическому сегменту нужно правило",
    "source.rule_or_members": "статический сегмент создают либо из правила, либо из списка идентификаторов "
                              "клиентов (из чего-то одного)",
    "refreeze.no_rule": "{name!r} создан из идентификаторов клиентов, и правила, из которого его можно "
                        "заморозить снова, у него нет; задайте правило",
    "members.dynamic": "{name!r} — динамический: его участников определяет правило; измените правило",
    "ids.not_list": "идентификаторы клиентов задают списком текстов, а не {type}",
    "ids.empty": "идентификатор клиента номер {position} в списке пустой",
    "ids.unknown": "нет клиента с идентификатором {ids}",
    "ids.not_members": "не участники {name!r}: {ids}; ничего не удалено",
    "ids.merged_into": "{given!r} (объединён с {customer!r})",
    "group.of_segment": "{name!r} — сегмент, а не семейство: группы {group!r} у него нет; не указывайте "
                        "группу (группы есть у семейств, например rfm)",
    "group.in_name": "{name!r} — группа семейства {family!r}: здесь назовите само семейство, а группу — "
                     "как `{family} --group {group!r}`, где команда принимает --group (как `segments "
                     "members` и `movements`)",
    "group.unknown": "у семейства {family!r} нет группы {group!r}; его группы: {groups}",
    "group.unknown.hint": "у семейства {family!r} нет группы {group!r}; возможно, {hint!r}? "
                          "(его группы: {groups})",
    "family.unknown": "семейства с названием {name!r} нет; семейства: {known}",
    "family.unknown.hint": "семейства с названием {name!r} нет (возможно, {hint!r}?); семейства: {known}",
    "family.needs_group": "{name!r} — семейство: назовите одну из его групп",
    "family.needs_group.example": "{name!r} — семейство: назовите одну из его групп, например {example!r}",
    "column.unknown": "неизвестный столбец {columns}; выберите из: {available}; или поле языка правил "
                      "(docs/filters.md), например total_spent или rfm.group",
    "column.unknown.plain": "{column!r}",
    "column.unknown.hint": "{column!r} (возможно, {hint!r}?)",
    "column.no_value": "{columns} не имеет значения на {date}: его вычисляет только последнее обновление; "
                       "не указывайте этот столбец или дату",
    "column.not_refreshed": "у {column!r} ещё нет значения: выполните segmint refresh (cluster и "
                            "cluster.name: segmint clusters fit)",
    "column.not_a_value": "{column!r} — не одно значение на клиента: в правиле это функция с аргументами "
                          "({example}), а у столбца экспорта их нет",
    "column.not_a_value.field": "{column!r} — не одно значение на клиента: в правиле это функция с "
                                "аргументами ({example}), а у столбца экспорта их нет; без аргументов это "
                                "столбец {field!r}",
    "export.needs_file": "экспорту в {format} нужен файл: -o ФАЙЛ",
    "export.xlsx_rows": "в {name} {rows} участников, больше, чем вмещает лист Excel ({limit} строк под "
    "заголовком): экспортируйте csv или parquet",
    "export.format": "формат экспорта — один из {formats}, а не {format!r}",
    "export.format_mismatch": "{file} назван как файл {named}, но запрошен формат {format}: не указывайте "
                              "формат (его определит расширение) или измените имя файла",
    "file.unwritable.folder": "не удаётся записать {file}: это папка; назовите файл в ней",
    "file.unwritable.no_folder": "не удаётся записать {file}: папки {folder} не существует",
    "file.unwritable.not_folder": "не удаётся записать {file}: {folder} — не папка",
    "file.unwritable.permission": "не удаётся записать {file}: нет разрешения",
    "file.write_failed": "не удаётся записать {file}: {reason}",
    **{f"where.{key}": text for key, text in yaml_errors.WHERE["ru"].items()},
    "label.segment": "сегмент {segment!r}",
    "label.entry": "запись {entry}",
    "file.entry": "{where}: {label}: {error}",
    "file.entry.rule": "{where}: {label}: правило: {error}",
    "file.several": "{file}: найдено проблем — {count}:",
    "file.twice": "{where}: сегмент {name!r} определён дважды (впервые в строке {first})",
    "file.cycle": "{where}: {error}",
    "file.members": "{where}: сегмент {name!r}: {error}",
    # the segments file that cannot be opened, is not text or not YAML (store/yaml_files.py)
    **yaml_errors.texts("file.", "ru", "ключи сегмента начинаются в одном столбце, каждый сегмент — "
                                       "с «- »"),
    "file.not_list": "{file}: ожидался список сегментов под 'segments:'",
    "entry.not_mapping": "каждый сегмент — это словарь с name, kind, rule, description, members",
    "entry.unknown_key": "неизвестный ключ {keys}; допустимые: {allowed}",
    "entry.unknown_key.hint": "неизвестный ключ {key!r} (возможно, {hint!r}?); допустимые: {allowed}",
    "entry.rule_not_text": "rule должно быть текстом",
    "entry.members": "members — это список идентификаторов клиентов, только для статического сегмента",
    "entry.static_source": "статическому сегменту нужны members или rule",
    "members_file.unreadable": "не удаётся прочитать {file}: {reason}",
    "members_file.not_utf8": "не удаётся прочитать {file}: это не текст ни в UTF-8, ни в Windows-1251",
    "members_file.columns": "{file}: в строке {line} столбцов: {columns}; в файле участников один "
                            "идентификатор клиента в строке или строка заголовка со столбцом customer_id",
    "options.rule_and_members": "укажите --rule или --members (или --members-file), не оба: правило "
                                "создаёт сегмент (динамический или замороженный с --static), список "
                                "идентификаторов — статический сегмент из этих клиентов",
    "options.nothing_to_edit": "нечего менять: укажите --rule, --description, --rename, --add, --remove "
                               "или --refreeze",
    "options.no_columns": "{option} не называет ни одного столбца; пропустите его, чтобы получить "
                          "столбцы по умолчанию",
    "options.json_format": "--json печатает участников как JSON в stdout; для {format} запишите файл: "
                           "-o ФАЙЛ",
    "dates.end_before_start": "конец {end} раньше начала {start}: движение считают от начала до конца",
    "refresh.before_customers": "as_of {as_of} раньше начала данных ({first}: первая регистрация, "
    "заказ или событие): обновлять на эту дату нечего",
    "refresh.after_reference": "as_of {as_of} позже даты отсчёта {reference_date}, «сегодня» рабочего "
                               "пространства (reference_date в segmint.toml: {setting}): обновление "
                               "вычисляет членство на эту или более раннюю дату",
    "refresh.backfill": "--backfill бывает 'monthly' или 'weekly', а не {backfill!r}",
}
# fmt: on
