"""Refusals of segmint.toml in Russian, for web/settings_errors.py: each code of settings_errors.UK with its
Russian text (the same {names}), kept apart as campaign_errors_ru.py is from campaign_errors.py."""

from __future__ import annotations

# fmt: off
RU: dict[str, str] = {
    "at.line": "строка {line}, {setting}",
    "at.column": "строка {line}, символ {column}",
    "at.line_only": "строка {line}",
    "config.problems": "найдено проблем — {count}:",
    "config.no_file": "файла нет",
    "config.not_utf8": "это не текст UTF-8 (байт {offset}): сохраните файл в кодировке UTF-8",
    "config.toml": "ошибка синтаксиса TOML: {problem}",
    "config.top_level": "настройка вне таблицы: перенесите её под [workspace] или в таблицу, к которой она "
                        "относится",
    "config.unknown_table": "неизвестная таблица; таблицы: {known}",
    "config.unknown_table.hint": "неизвестная таблица (возможно, {hint}?); таблицы: {known}",
    "config.unknown_key": "неизвестная настройка; здесь можно задать: {known}",
    "config.unknown_key.hint": "неизвестная настройка (возможно, {hint!r}?); здесь можно задать: {known}",
    "config.unknown_key.elsewhere": "это настройка не этой таблицы: её место — в {tables}",
    "config.type": "должно быть {expected}, а не {value}",
    "config.choice": "должно быть одно из: {allowed}, а не {value}",
    "config.choice.quoted": "должно быть одно из: {allowed} — без кавычек, а не {value}",
    "config.min": "должно быть не меньше {limit}, а не {value}",
    "config.max": "должно быть не больше {limit}, а не {value}",
    "config.below": "должно быть меньше {limit}, а не {value}",
    "config.above": "должно быть больше {limit}, а не {value}",
    "config.pair": "должна быть пара [от, до], а не {value}",
    "config.empty": "не может быть пустым",
    "config.required": "не указано, а его нужно указать",
    "config.score_range": "должно быть [от, до], где 1 <= от <= до <= 5, а не {value}",
    "config.rfm_gap": "нет группы для {cells}: каждой клетке R x FM (баллы 1-5) нужна группа",
    "config.rfm_reserved": (
        "{value} — группа клиентов, которые ничего не купили: назовите группу покупателей иначе"
    ),
    "config.rfm_same_name": "{value} — для правила та же группа, что и groups[{other}] {first}: регистр, "
                            "пробелы и апострофы там не учитываются; назовите группу иначе",
    "config.event_type": "неизвестный тип события {value}; типы событий: {known}",
    "config.event_type.hint": "неизвестный тип события {value} (возможно, {hint}?); типы событий: {known}",
    "config.event_type.order": "неизвестный тип события {value}: покупки — это заказы (их импортируют как "
                               "orders), а не события; типы событий: {known}",
    "config.event_types.none": "должно содержать хотя бы один тип события: без них все клиенты пассивны",
    "config.window_order": "должно быть не больше {other} ({limit}), а не {value}",
    "config.vip_score": "должно быть не больше [families.rfm] bins ({limit}), а не {value}",
    "config.currency": "должен быть трёхбуквенный код ISO 4217, например UAH, EUR, GBP, а не {value}",
    "config.currency.unknown": "неизвестная валюта {value}; укажите код ISO 4217, например UAH, EUR, GBP",
    "config.date_format": "должен быть формат дат, например %d.%m.%Y или ДД.ММ.ГГГГ, а не {value}",
    "config.timezone.hint": "неизвестный часовой пояс {value} (возможно, {hint}?); укажите название IANA, "
                            "например Europe/Kyiv, Europe/Warsaw или UTC",
    "config.timezone": "неизвестный часовой пояс {value}; укажите название IANA, например Europe/Kyiv, "
                       "Europe/Warsaw или UTC",
    "config.country": "неизвестный код страны {value}; укажите код ISO 3166 alpha-2, например UA, PL, GB",
    "config.reference_date": "должно быть \"today\", \"last_activity\" или дата, например 2026-01-31, а не "
                             "{value}",
    "config.url": "должен быть полный адрес http(s) без ?запроса и #фрагмента, например "
                  "https://crm.shop.ua/unsubscribe, а не {value}",
    "config.play.entry": "пустая таблица: укажите strategy и/или channel",
    "config.play.new_group": "такой группы нет среди встроенных, поэтому для неё нужны {missing}",
    "config.invalid": "{problem}",
    "type.integer": "целое число",
    "type.number": "число",
    "type.text": "текст в кавычках",
    "type.boolean": "true или false",
    "type.list": "список [ … ]",
    "type.table": "таблица",
    "type.date": "дата, например 2026-01-31",
    "type.texts": "текст в кавычках или таблица языков (en, uk, ru)",
    "toml.value": "недопустимое значение (текст пишите в кавычках, напр. currency = \"UAH\"; дату — как "
                  "2026-01-31)",
    "toml.equals": "после ключа должно стоять «=»",
    "toml.newline": "после значения должен быть конец строки",
    "toml.statement": "непонятная строка: здесь должно быть ключ = значение или [таблица]",
    "toml.key": "ключ не может начинаться с этого символа",
    "toml.table_end": "название таблицы должно заканчиваться на «]»",
    "toml.unclosed_array": "список не закрыт: не хватает «]»",
    "toml.unclosed_table": "встроенная таблица не закрыта: не хватает «}}»",
    "toml.string": "текст не закрыт: не хватает кавычек",
    "toml.date": "неправильная дата или время",
    "toml.twice": "таблица {key} объявлена дважды (каждая таблица — только один раз)",
    "toml.overwrite": "значение задано дважды (настройка записана дважды или таблица повторяет настройку)",
    "toml.character": "недопустимый символ {char}",
}
# fmt: on
