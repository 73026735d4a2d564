"""Refusals of a workspace's settings file (segmint.toml) in the interface language, worded from their
`code` and `params` (a ConfigError raised by segmint.config: load_settings, make_settings, read_table), as
web/campaign_errors.py words a send's errors. Ukrainian here, Russian in settings_errors_ru.py (the same
codes and {names}); the English is segmint.config_problems.PROBLEMS. tests/test_settings_errors.py raises
every code and checks both wordings.

A problem is put together as the English has it: FILE: line L, [table] key: what is wrong (a TOML syntax
error: FILE: line L, column C: ...); several problems of one file: a line saying how many, then one a line.
The setting ([families.rfm] bins) and the values quoted ("5", [2, 1]) are written as in the file, in every
language; a TOML syntax error is worded by its kind (tomllib's own English, matched by
segmint.config_problems.TOML_PROBLEMS), else shown as tomllib wrote it.
"""

from __future__ import annotations

from typing import Any

from segmint.errors import ConfigError
from segmint.web import settings_errors_ru as ru
from segmint.web.coded import Table, listed

PREFIX = "config."

# fmt: off
UK: dict[str, str] = {
    # where: the line and the setting; a TOML syntax error's line and column
    "at.line": "рядок {line}, {setting}",
    "at.column": "рядок {line}, символ {column}",
    "at.line_only": "рядок {line}",
    "config.problems": "знайдено проблем — {count}:",
    # what is wrong (segmint.config_problems.PROBLEMS)
    "config.no_file": "файлу немає",
    "config.not_utf8": "це не текст UTF-8 (байт {offset}): збережіть файл у кодуванні UTF-8",
    "config.toml": "помилка синтаксису TOML: {problem}",
    "config.top_level": "налаштування поза таблицею: перенесіть його під [workspace] або в таблицю, до якої "
                        "воно належить",
    "config.unknown_table": "невідома таблиця; таблиці: {known}",
    "config.unknown_table.hint": "невідома таблиця (можливо, {hint}?); таблиці: {known}",
    "config.unknown_key": "невідоме налаштування; тут можна задати: {known}",
    "config.unknown_key.hint": "невідоме налаштування (можливо, {hint!r}?); тут можна задати: {known}",
    "config.unknown_key.elsewhere": "це налаштування не цієї таблиці: його місце — у {tables}",
    "config.type": "має бути {expected}, а не {value}",
    "config.choice": "має бути одне з: {allowed}, а не {value}",
    "config.choice.quoted": "має бути одне з: {allowed} — без лапок, а не {value}",
    "config.min": "має бути щонайменше {limit}, а не {value}",
    "config.max": "має бути щонайбільше {limit}, а не {value}",
    "config.below": "має бути менше за {limit}, а не {value}",
    "config.above": "має бути більше за {limit}, а не {value}",
    "config.pair": "має бути пара [від, до], а не {value}",
    "config.empty": "не може бути порожнім",
    "config.required": "не вказано, а його треба вказати",
    "config.score_range": "має бути [від, до], де 1 <= від <= до <= 5, а не {value}",
    "config.rfm_gap": "немає групи для {cells}: кожна клітинка R x FM (бали 1-5) потребує групи",
    "config.rfm_reserved": "{value} — група клієнтів, які нічого не купили: назвіть групу покупців інакше",
    "config.rfm_same_name": "{value} — для правила та сама група, що й groups[{other}] {first}: регістр, "
                            "пробіли й апострофи там не враховуються; назвіть групу інакше",
    "config.event_type": "невідомий тип події {value}; типи подій: {known}",
    "config.event_type.hint": "невідомий тип події {value} (можливо, {hint}?); типи подій: {known}",
    "config.event_type.order": "невідомий тип події {value}: покупки — це замовлення (їх імпортують як "
                               "orders), а не події; типи подій: {known}",
    "config.event_types.none": "має містити щонайменше один тип події: без жодного всі клієнти пасивні",
    "config.window_order": "має бути не більше за {other} ({limit}), а не {value}",
    "config.vip_score": "має бути не більше за [families.rfm] bins ({limit}), а не {value}",
    "config.currency": "має бути трилітерний код ISO 4217, як-от UAH, EUR, GBP, а не {value}",
    "config.currency.unknown": "невідома валюта {value}; вкажіть код ISO 4217, як-от UAH, EUR, GBP",
    "config.date_format": "має бути формат дат, як-от %d.%m.%Y або ДД.ММ.РРРР, а не {value}",
    "config.timezone.hint": "невідомий часовий пояс {value} (можливо, {hint}?); вкажіть назву IANA, як-от "
                            "Europe/Kyiv, Europe/Warsaw або UTC",
    "config.timezone": "невідомий часовий пояс {value}; вкажіть назву IANA, як-от Europe/Kyiv, Europe/Warsaw "
                       "або UTC",
    "config.country": "невідомий код країни {value}; вкажіть код ISO 3166 alpha-2, як-от UA, PL, GB",
    "config.reference_date": "має бути \"today\", \"last_activity\" або дата, як-от 2026-01-31, а не {value}",
    "config.url": "має бути повна адреса http(s) без ?запиту і #фрагмента, як-от "
                  "https://crm.shop.ua/unsubscribe, а не {value}",
    "config.play.entry": "порожня таблиця: вкажіть strategy і/або channel",
    "config.play.new_group": "такої групи немає серед вбудованих, тож для неї потрібні {missing}",
    "config.invalid": "{problem}",
    # config.type's {expected} (segmint.config_problems.EXPECTED)
    "type.integer": "ціле число",
    "type.number": "число",
    "type.text": "текст у лапках",
    "type.boolean": "true або false",
    "type.list": "список [ … ]",
    "type.table": "таблиця",
    "type.date": "дата, як-от 2026-01-31",
    "type.texts": "текст у лапках або таблиця мов (en, uk, ru)",
    # config.toml's {problem}, by its kind (segmint.config_problems.TOML_PROBLEMS)
    "toml.value": "неприпустиме значення (текст пишіть у лапках, напр. currency = \"UAH\"; дату — як "
                  "2026-01-31)",
    "toml.equals": "після ключа має стояти «=»",
    "toml.newline": "після значення має бути кінець рядка",
    "toml.statement": "незрозумілий рядок: тут має бути ключ = значення або [таблиця]",
    "toml.key": "ключ не може починатися з цього символу",
    "toml.table_end": "назва таблиці має закінчуватися на «]»",
    "toml.unclosed_array": "список не закрито: бракує «]»",
    "toml.unclosed_table": "вбудовану таблицю не закрито: бракує «}}»",
    "toml.string": "текст не закрито: бракує лапок",
    "toml.date": "неправильна дата чи час",
    "toml.twice": "таблицю {key} оголошено двічі (кожна таблиця — лише раз)",
    "toml.overwrite": "значення задано двічі (налаштування записано двічі або таблиця повторює налаштування)",
    "toml.character": "неприпустимий символ {char}",
}
# fmt: on
# pieces of a message, not a problem of their own
PARTS = {"at.line", "at.column", "at.line_only", "config.problems"}


def _value(key: str, value: Any, lang: str) -> Any:
    if key == "expected":
        return TABLE.text(f"type.{value}", lang, {})
    return listed(key, value, lang)


TABLE = Table({"uk": UK, "ru": ru.RU}, _value)


def word(error: ConfigError, lang: str) -> str | None:
    """The error in `lang` (uk, ru), or None when the language or the error's code is not known here."""
    params = error.params
    if error.code == "config.problems":
        if not TABLE.knows(error.code, lang):
            return None
        lines = [_problem(one["code"], one["params"], lang) for one in params["problems"]]
        if None in lines:
            return None
        head = TABLE.text("config.problems", lang, {"count": len(lines)})
        head = f"{params['file']}: {head}" if params.get("file") else head  # none: settings not from a file
        return head + "".join(f"\n  {line}" for line in lines)
    worded = _problem(error.code, params, lang)
    if worded is None:
        return None
    return f"{params['file']}: {worded}" if params.get("file") else worded


def _problem(code: str | None, params: dict, lang: str) -> str | None:
    """One problem without its file: "рядок L, [table] key: what is wrong"."""
    if not TABLE.knows(code, lang):
        return None
    given = {}
    if code == "config.toml":
        kind = params.get("kind")
        if TABLE.knows(kind, lang):
            given["problem"] = TABLE.text(kind, lang, TABLE.values(params, lang))
    problem = TABLE.word(code, params, lang, **given)
    if code == "config.toml":
        where = TABLE.text("at.column" if params.get("column") else "at.line_only", lang, params)
        where = where if params.get("line") else None
    elif params.get("line"):
        where = TABLE.text("at.line", lang, params)
    else:
        where = params.get("setting")
    return f"{where}: {problem}" if where else problem
