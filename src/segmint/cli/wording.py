"""The CLI's human output in the workspace's language (`language` in segmint.toml: en, uk or ru).

One place picks the language and words a message: `open_workspace` (cli/common.py) remembers the language
of the workspace a command opened (or $SEGMINT_LANGUAGE, for a person who reads another one than the
workspace's users); `say(key, ...)` words one of the CLI's own texts in it, and `error(exc)`
words a library error from its code and params by the web UI's tables (web/messages.py), so the two never
differ. English stays for "en", for a command that opened no workspace, and for an error without a worded
code. `--json` documents are never worded: they are data.
"""

from __future__ import annotations

import os

from segmint.localize import number
from segmint.web.strings import STRINGS
from segmint.web.strings_ru import STRINGS_RU

LANGUAGES = ("en", "uk", "ru")
LANGUAGE_ENV = "SEGMINT_LANGUAGE"  # chooses the CLI's language over the workspace's
_chosen = {"lang": "en"}

# key -> the web UI's key whose uk and ru texts the CLI shows (its English is the CLI's own, in TEXTS)
WEB: dict[str, str] = {
    "col_segment": "segment", "col_kind": "kind", "col_members": "members", "col_rule": "rule",
    "col_group": "group", "col_customers": "customers",
    "kind_dynamic": "kind_dynamic_short", "kind_static": "kind_static_short",
}  # fmt: skip

# key -> {language: text}; {names} are filled in by say(); an "en" only entry takes uk and ru from WEB
# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # segmint import
    "import_title": {"en": "{entity} from {file}", "uk": "{entity} з {file}", "ru": "{entity} из {file}"},
    "col_read": {"en": "read", "uk": "прочитано", "ru": "прочитано"},
    "col_inserted": {"en": "inserted", "uk": "додано", "ru": "добавлено"},
    "col_updated": {"en": "updated", "uk": "оновлено", "ru": "обновлено"},
    "col_unchanged": {"en": "unchanged", "uk": "без змін", "ru": "без изменений"},
    "col_quarantined": {"en": "quarantined", "uk": "у карантині", "ru": "в карантине"},
    "col_rejected": {"en": "rejected values", "uk": "відхилені значення", "ru": "отклонённые значения"},
    "not_imported": {"en": "columns not imported: {columns}", "uk": "колонки, які не імпортовано: {columns}",
                     "ru": "колонки, которые не импортированы: {columns}"},
    "float_ids": {"en": "ids written as floats (13085.0), stored without .0: {columns}",
                  "uk": "ідентифікатори, записані як дробові числа (13085.0), збережено без .0: {columns}",
                  "ru": "идентификаторы, записанные как дробные числа (13085.0), сохранены без .0: "
                        "{columns}"},
    "see_quarantine": {"en": "see the quarantined rows with: segmint quarantine --import {id}",
                       "uk": "рядки в карантині покаже: segmint quarantine --import {id}",
                       "ru": "строки в карантине покажет: segmint quarantine --import {id}"},
    "import_took": {"en": "import {id} took {seconds} s", "uk": "імпорт {id} тривав {seconds} с",
                    "ru": "импорт {id} длился {seconds} с"},
    # segmint refresh (and the refresh after an import)
    "refreshed": {"en": "Refreshed as of [bold]{dates}[/]: {customers} customers, {entered} entries and "
                        "{exited} exits recorded ({seconds} s)",
                  "uk": "Оновлено станом на [bold]{dates}[/]: клієнтів {customers}, записано входів "
                        "{entered} і виходів {exited} ({seconds} с)",
                  "ru": "Обновлено на [bold]{dates}[/]: клиентов {customers}, записано входов {entered} и "
                        "выходов {exited} ({seconds} с)"},
    "dates_span": {"en": "{count} dates, {first} … {last}", "uk": "дат: {count}, {first} … {last}",
                   "ru": "дат: {count}, {first} … {last}"},
    "removed_after": {"en": "removed the snapshots of {dates}: they are after the reference date {as_of} and "
                            "were computed when it was later (e.g. customers imported before their orders)",
                      "uk": "вилучено знімки за {dates}: вони пізніші за дату відліку {as_of} і були "
                            "обчислені, коли вона була пізнішою (наприклад, клієнтів імпортовано раніше за "
                            "їхні замовлення)",
                      "ru": "удалены снимки за {dates}: они позже даты отсчёта {as_of} и были вычислены, "
                            "когда она была позже (например, клиентов импортировали раньше их заказов)"},
    "nobody_yet": {"en": "nobody (nothing to compute from yet)", "uk": "нікого (ще немає з чого обчислювати)",
                   "ru": "никого (ещё не из чего вычислять)"},
    # segmint segments list
    "col_segment": {"en": "segment"},
    "col_kind": {"en": "kind"},
    "col_members": {"en": "members"},
    "col_rule": {"en": "rule"},
    "col_group": {"en": "group"},
    "col_customers": {"en": "customers"},
    "col_as_of": {"en": "as of", "uk": "Станом на", "ru": "На дату"},
    "kind_dynamic": {"en": "dynamic"},
    "kind_static": {"en": "static"},
    "family_title": {"en": "{family} (as of {date})", "uk": "{family} (станом на {date})",
                     "ru": "{family} (на {date})"},
    "no_refresh_yet": {"en": "no refresh yet", "uk": "оновлення ще не було", "ru": "обновления ещё не было"},
    "segments_title": {"en": "segments", "uk": "сегменти", "ru": "сегменты"},
    "list_of_ids": {"en": "(list of ids)", "uk": "(список ідентифікаторів)",
                    "ru": "(список идентификаторов)"},
    "no_segments": {"en": "No segments yet: create one with segmint segments create",
                    "uk": "Сегментів ще немає: створіть сегмент командою segmint segments create",
                    "ru": "Сегментов ещё нет: создайте сегмент командой segmint segments create"},
    "group_warning": {"en": "[yellow]warning:[/] segment {name!r}: {warning}; it matches nobody there",
                      "uk": "[yellow]увага:[/] сегмент {name!r}: {warning}; під нього там ніхто не підпадає",
                      "ru": "[yellow]внимание:[/] сегмент {name!r}: {warning}; под него там никто не "
                            "подходит"},
    # clv: segmint clv fit
    "clv_no_dropout": {
        "en": "[yellow]Dropout is not identified:[/] the purchases do not tell customers leaving from "
              "staying (likelihood ratio against no one leaving {statistic}, below {critical}), so churn "
              "(p_alive) is not estimated and the CLV is that of customers who stay.",
        "uk": "[yellow]Відтік не визначено:[/] покупки не відрізняють клієнтів, які пішли, від тих, що "
              "лишаються (відношення правдоподібності проти «ніхто не йде» {statistic}, менше за "
              "{critical}), тож відтік (p_alive) не оцінено, а CLV — це CLV клієнтів, які лишаються.",
        "ru": "[yellow]Отток не определён:[/] покупки не отличают ушедших клиентов от оставшихся "
              "(отношение правдоподобия против «никто не уходит» {statistic}, меньше {critical}), поэтому "
              "отток (p_alive) не оценён, а CLV — это CLV клиентов, которые остаются.",
    },
    "clv_not_stored": {
        "en": "This fit is to look at and is not stored: segmint refresh fits and keeps its own model "
              "(BG/NBD), which the features, rules and KPIs use.",
        "uk": "Цю модель лише показано, її не збережено: segmint refresh підбирає й зберігає власну "
              "(BG/NBD), з якою працюють ознаки, правила та KPI.",
        "ru": "Эта модель только показана и не сохранена: segmint refresh подбирает и сохраняет "
              "собственную (BG/NBD), с которой работают признаки, правила и KPI.",
    },
    # every command's failure (cli/main.py)
    "error": {"en": "[red]Error:[/]", "uk": "[red]Помилка:[/]", "ru": "[red]Ошибка:[/]"},
}
# fmt: on


def use(lang: str) -> None:
    """Word what follows in `lang` (the workspace the command opened) or in $SEGMINT_LANGUAGE when set;
    an unknown language is English."""
    lang = os.environ.get(LANGUAGE_ENV) or lang
    _chosen["lang"] = lang if lang in LANGUAGES else "en"


def language() -> str:
    return _chosen["lang"]


def text(key: str, lang: str) -> str:
    """The template of `key` in `lang`: the CLI's own, else the web UI's (WEB), else the English."""
    own = TEXTS[key]
    if lang in own:
        return own[lang]
    if lang != "en" and key in WEB:
        return STRINGS_RU[WEB[key]] if lang == "ru" else STRINGS[WEB[key]][lang]
    return own["en"]


def say(key: str, **values) -> str:
    """`key` in the chosen language with {names} filled in (numbers given already written by num())."""
    return text(key, language()).format(**values)


def num(value: float, digits: int = 0) -> str:
    """A number in the chosen language's way (uk, ru: 1 234,5); English keeps the CLI's 1,234.5."""
    return number(value, digits, language(), group=",")


def error(exc: BaseException) -> str:
    """A library error in the chosen language, from its code and params by the web UI's tables (loaded
    only when a command fails); as str(exc) has it in English or when its code is not worded there."""
    if language() == "en":
        return str(exc)
    from segmint.web.messages import translate

    return translate(exc, language())
