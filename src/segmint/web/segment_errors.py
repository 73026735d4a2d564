"""Segment errors in the interface language, worded from their `code` and `params` (segments.SegmentError),
as web/rule_errors.py words rule errors: a change to the English wording cannot silently leave the
Ukrainian or Russian one behind, as matching the English text did. Ukrainian here, Russian in
segment_errors_ru.py (the same codes and {names}); an error without a known code is shown as the library
wrote it. tests/segments/test_segment_error_codes.py raises every code and checks both wordings.

"segment.unknown" is put together from its parts, as the English is: the name, the nearest name (`hint`),
the families (`families`), the known segments (`known`, empty: there are none yet) and how many more
there are than it lists (`more`); "family.unknown" with the nearest family (`hint`) is worded by its part
"family.unknown.hint". "file.several" (a YAML file's refused entries) is a head line and each
entry's error, worded by its own code.
"""

from __future__ import annotations

from segmint.errors import RuleError
from segmint.segments.model import SegmentError
from segmint.web import rule_errors, yaml_errors
from segmint.web import segment_errors_ru as ru
from segmint.web.coded import Table, listed

# fmt: off
UK: dict[str, str] = {
    # a name that is no segment (segments.model.get, history lookups)
    "segment.unknown": "сегмента з назвою {name!r} немає",
    "segment.unknown.hint": " (можливо, {hint!r}?)",
    "segment.unknown.families": "; родини: {families}",
    "segment.unknown.known": "; відомі: {known}",
    "segment.unknown.none": "; сегментів ще немає",
    "segment.unknown.more": " і ще {more}",
    # names and kinds (segments.model)
    "name.empty": "сегменту потрібна назва",
    "name.too_long": "назва сегмента — щонайбільше {limit} символів",
    "name.control": "назва сегмента {name!r} містить керівний символ",
    "name.invisible": "назва сегмента {name!r} містить невидимий символ ({character})",
    "name.slash": "назва сегмента {name!r} містить '/': REST API не змогло б до нього звернутися",
    "name.dots": "назва сегмента {name!r} — це крок шляху ('.' або '..'): REST API не змогло б до нього "
                 "звернутися",
    "name.taken": "сегмент із назвою {name!r} уже існує; змініть його або виберіть іншу назву",
    "name.taken.case": "сегмент із назвою {taken!r} уже існує; {name!r} відрізняється від неї лише "
                       "великими й малими літерами, тож їх плутатимуть: змініть його або виберіть іншу назву",
    "name.family": "{name!r} читається як вбудована родина {family!r} (кампанії й тригери називають її групи "
                   "родина:група); виберіть іншу назву",
    "kind.unknown": "сегмент буває 'static' або 'dynamic', а не {kind!r}",
    # saving, renaming, deleting (segments.store)
    "rename.read_by": "не можна перейменувати {name!r}: in_segment({name!r}) читають {readers}",
    "rename.triggers": "не можна перейменувати {name!r}: тригер(и) {triggers} додають до нього клієнтів",
    "delete.read_by": "не можна видалити {name!r}: in_segment({name!r}) читають {readers}",
    "delete.triggers": "не можна видалити {name!r}: його використовують тригер(и) {triggers}; спершу "
                       "видаліть їх (segmint triggers delete NAME)",
    "rule.not_text": "правило — це текст (або розібране Rule), а не {type}: {value}",
    "source.dynamic_members": "динамічний сегмент визначає його правило; ідентифікатори учасників приймає "
                              "лише статичний",
    "source.no_rule": "динамічному сегменту потрібне правило",
    "source.rule_or_members": "статичний сегмент створюють або з правила, або зі списку ідентифікаторів "
                              "клієнтів (з чогось одного)",
    "refreeze.no_rule": "{name!r} створено з ідентифікаторів клієнтів, і правила, з якого його можна "
                        "заморозити знову, у нього немає; задайте правило",
    # members (segments.store)
    "members.dynamic": "{name!r} — динамічний: його учасників визначає правило; змініть правило",
    "ids.not_list": "ідентифікатори клієнтів задають списком текстів, а не {type}",
    "ids.empty": "ідентифікатор клієнта номер {position} у списку порожній",
    "ids.unknown": "немає клієнта з ідентифікатором {ids}",
    "ids.not_members": "не учасники {name!r}: {ids}; нічого не вилучено",
    "ids.merged_into": "{given!r} (об'єднано в {customer!r})",
    # groups (history.queries)
    "group.of_segment": "{name!r} — сегмент, а не родина: групи {group!r} у нього немає; не вказуйте групу "
                        "(групи є в родин, як-от rfm)",
    "group.in_name": "{name!r} — група родини {family!r}: тут назвіть саму родину, а групу — як "
                     "`{family} --group {group!r}`, де команда приймає --group (як `segments members` і "
                     "`movements`)",
    "group.unknown": "у родини {family!r} немає групи {group!r}; її групи: {groups}",
    "group.unknown.hint": "у родини {family!r} немає групи {group!r}; можливо, {hint!r}? "
                          "(її групи: {groups})",
    "family.unknown": "родини з назвою {name!r} немає; родини: {known}",
    "family.unknown.hint": "родини з назвою {name!r} немає (можливо, {hint!r}?); родини: {known}",
    "family.needs_group": "{name!r} — родина: назвіть одну з її груп",
    "family.needs_group.example": "{name!r} — родина: назвіть одну з її груп, напр. {example!r}",
    # members and their export (segments.membership); {columns} are quoted, each with its hint
    "column.unknown": "невідомий стовпець {columns}; виберіть із: {available}; або поле мови правил "
                      "(docs/filters.md), як-от total_spent чи rfm.group",
    "column.unknown.plain": "{column!r}",
    "column.unknown.hint": "{column!r} (можливо, {hint!r}?)",
    "column.no_value": "{columns} не має значення на {date}: його обчислює лише останнє оновлення; "
                       "не вказуйте цей стовпець або дату",
    "column.not_refreshed": "{column!r} ще не має значення: виконайте segmint refresh (cluster і "
                            "cluster.name: segmint clusters fit)",
    "column.not_a_value": "{column!r} — не одне значення на клієнта: у правилі це функція з аргументами "
                          "({example}), а стовпець експорту їх не має",
    "column.not_a_value.field": "{column!r} — не одне значення на клієнта: у правилі це функція з "
                                "аргументами ({example}), а стовпець експорту їх не має; без аргументів це "
                                "стовпець {field!r}",
    "export.needs_file": "експорт у {format} потребує файлу: -o ФАЙЛ",
    "export.xlsx_rows": "у {name} {rows} учасників, більше, ніж уміщує аркуш Excel ({limit} рядків під "
    "заголовком): експортуйте csv або parquet",
    "export.format": "формат експорту — один із {formats}, а не {format!r}",
    "export.format_mismatch": "{file} названо як файл {named}, але запитано формат {format}: не вказуйте "
                              "формат (його визначить розширення) або змініть назву файлу",
    "file.unwritable.folder": "не вдається записати {file}: це тека; назвіть файл у ній",
    "file.unwritable.no_folder": "не вдається записати {file}: теки {folder} не існує",
    "file.unwritable.not_folder": "не вдається записати {file}: {folder} — не тека",
    "file.unwritable.permission": "не вдається записати {file}: немає дозволу",
    "file.write_failed": "не вдається записати {file}: {reason}",  # the system's reason, as it gave it
    # a YAML file of segments (segments.yamlio): {where} is the file[, line[, column]], {label} the entry,
    # {error} the error of the entry (its own code, worded here or in rule_errors.py)
    **{f"where.{key}": text for key, text in yaml_errors.WHERE["uk"].items()},
    "label.segment": "сегмент {segment!r}",
    "label.entry": "запис {entry}",
    "file.entry": "{where}: {label}: {error}",
    "file.entry.rule": "{where}: {label}: правило: {error}",
    "file.several": "{file}: знайдено проблем — {count}:",  # then each entry's, one a line
    "file.twice": "{where}: сегмент {name!r} визначено двічі (уперше в рядку {first})",
    "file.cycle": "{where}: {error}",
    "file.members": "{where}: сегмент {name!r}: {error}",
    # the segments file that cannot be opened, is not text or not YAML (store/yaml_files.py)
    **yaml_errors.texts("file.", "uk", "ключі сегмента починаються в одному стовпці, кожен сегмент — "
                                       "з «- »"),
    "file.not_list": "{file}: очікувався список сегментів під 'segments:'",
    "entry.not_mapping": "кожен сегмент — це словник із name, kind, rule, description, members",
    "entry.unknown_key": "невідомий ключ {keys}; дозволені: {allowed}",
    "entry.unknown_key.hint": "невідомий ключ {key!r} (можливо, {hint!r}?); дозволені: {allowed}",
    "entry.rule_not_text": "rule має бути текстом",
    "entry.members": "members — це список ідентифікаторів клієнтів, лише для статичного сегмента",
    "entry.static_source": "статичному сегменту потрібні members або rule",
    # the CLI's members file and options (cli/segments.py)
    "members_file.unreadable": "не вдається прочитати {file}: {reason}",
    "members_file.not_utf8": "не вдається прочитати {file}: це не текст ні в UTF-8, ні в Windows-1251",
    "members_file.columns": "{file}: рядок {line} має стовпців: {columns}; у файлі учасників один "
                            "ідентифікатор клієнта в рядку або рядок заголовка зі стовпцем customer_id",
    "options.rule_and_members": "вкажіть --rule або --members (чи --members-file), не обидва: правило "
                                "створює сегмент (динамічний або заморожений з --static), список "
                                "ідентифікаторів — статичний сегмент із цих клієнтів",
    "options.nothing_to_edit": "нічого змінювати: вкажіть --rule, --description, --rename, --add, --remove "
                               "або --refreeze",
    "options.no_columns": "{option} не називає жодного стовпця; пропустіть його, щоб отримати типові",
    "options.json_format": "--json друкує учасників як JSON у stdout; для {format} запишіть файл: -o ФАЙЛ",
    # history (history/__init__.py, history/refresh.py)
    "dates.end_before_start": "кінець {end} раніше за початок {start}: рух рахують від початку до кінця",
    "refresh.before_customers": "as_of {as_of} раніше за початок даних ({first}: перша реєстрація, "
    "замовлення чи подія): оновлювати на цю дату нічого",
    "refresh.after_reference": "as_of {as_of} пізніше за дату відліку {reference_date}, «сьогодні» "
                               "робочого простору (reference_date у segmint.toml: {setting}): оновлення "
                               "обчислює членство на цю або ранішу дату",
    "refresh.backfill": "--backfill буває 'monthly' або 'weekly', а не {backfill!r}",
}
# fmt: on


def _value(key: str, value, lang: str):
    """A param as the language writes it: lists joined, names quoted as the English quotes them."""
    if key in ("readers", "columns", "keys", "ids") and isinstance(value, list | tuple):
        return ", ".join(repr(item) for item in value)
    return listed(key, value, lang)


TABLE = Table({"uk": UK, "ru": ru.RU}, _value)


def word(error: SegmentError, lang: str) -> str | None:
    """The error in `lang` (uk, ru), or None when the language or the error's code (or the code of the
    error it wraps) is not known here."""
    if not TABLE.knows(error.code, lang):
        return None
    if error.code == "file.several":
        return _several(error, lang)
    params, given = error.params, {}
    if error.cause is not None:
        given["error"] = _cause(error, lang)
        if given["error"] is None:
            return None
    if "file" in params:  # FILE[: line N[, column C]] and the entry (a YAML file's segment)
        values = TABLE.values(params, lang)
        given["where"] = yaml_errors.place(params, lang)
        if "segment" in params or "entry" in params:
            given["label"] = TABLE.text(
                "label.segment" if "segment" in params else "label.entry", lang, values
            )
    if error.code == "column.unknown":  # each column with the one it probably meant
        hints = params.get("hints", {})
        given["columns"] = ", ".join(
            TABLE.text(
                "column.unknown.hint" if c in hints else "column.unknown.plain",
                lang,
                {"column": c, "hint": hints.get(c)},
            )
            for c in params["columns"]
        )
    if error.code == "ids.not_members":  # each merged-away id with the customer it was merged into
        merged = params.get("merged", {})
        given["ids"] = ", ".join(
            TABLE.text("ids.merged_into", lang, {"given": one, "customer": merged[one]})
            if one in merged
            else repr(one)
            for one in params["ids"]
        )
        if params.get("more"):  # " і ще N", as the English's "and N more"
            given["ids"] += TABLE.text("segment.unknown.more", lang, TABLE.values(params, lang))
    code = "family.unknown.hint" if error.code == "family.unknown" and "hint" in params else error.code
    text = TABLE.word(code, params, lang, **given)
    values = TABLE.values(params, lang)
    if error.code == "ids.unknown" and values.get("more"):
        # " і ще N", as the English's "and N more"
        return text + TABLE.text("segment.unknown.more", lang, values)
    if error.code != "segment.unknown":
        return text
    if "hint" in values:
        text += TABLE.text("segment.unknown.hint", lang, values)
    if values.get("families"):
        text += TABLE.text("segment.unknown.families", lang, values)
    known = "segment.unknown.known" if values.get("known") else "segment.unknown.none"
    text += TABLE.text(known, lang, values)
    return text + (TABLE.text("segment.unknown.more", lang, values) if values.get("more") else "")


def _several(error: SegmentError, lang: str) -> str | None:
    """A file's refused entries (file.several): the file and how many, then each entry's error as it is
    worded alone, without the file (said at the head), its caret lines under it, as the English has it."""
    lines = []
    prefix = f"{error.params['file']}: "
    for problem in error.problems:
        worded = word(problem, lang)
        if worded is None:
            return None
        worded = worded[len(prefix) :] if worded.startswith(prefix) else worded
        lines.append("\n".join(f"  {part}" for part in worded.split("\n")))
    if not lines:  # made from params alone (no errors to word): as the library wrote it
        return None
    return TABLE.text("file.several", lang, TABLE.values(error.params, lang)) + "".join(
        f"\n{line}" for line in lines
    )


def _cause(error: SegmentError, lang: str) -> str | None:
    """The error `error` wraps, in `lang`: a rule error with its place and caret as str() has them (at
    the file's line and column, only its message and caret), a segment error from its code."""
    cause = error.cause
    if isinstance(cause, SegmentError):
        return word(cause, lang)
    if not isinstance(cause, RuleError):
        return None
    if "column" not in error.params:
        return rule_errors.word(cause, lang)
    text, caret = rule_errors.word(cause, lang, place=False), cause.caret()
    return None if text is None else text + (f"\n{caret}" if caret else "")
