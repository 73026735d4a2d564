"""Segment errors in the interface language, worded from their `code` and `params` (segments.SegmentError),
as web/rule_errors.py words rule errors: a change to the English wording cannot silently leave the
Ukrainian or Russian one behind, as matching the English text did. Ukrainian here, Russian in
segment_errors_ru.py (the same codes and {names}); an error without a known code is shown as the library
wrote it. tests/segments/test_segment_error_codes.py raises every code and checks both wordings.

"segment.unknown" is put together from its parts, as the English is: the name, the nearest name (`hint`),
the families (`families`) and the known segments (`known`, empty: there are none yet).
"""

from __future__ import annotations

from segmint.segments.model import SegmentError
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
    # names and kinds (segments.model)
    "name.empty": "сегменту потрібна назва",
    "name.too_long": "назва сегмента — щонайбільше {limit} символів",
    "name.control": "назва сегмента {name!r} містить керівний символ",
    "name.invisible": "назва сегмента {name!r} містить невидимий символ ({character})",
    "name.slash": "назва сегмента {name!r} містить '/': REST API не змогло б до нього звернутися",
    "name.taken": "сегмент із назвою {name!r} уже існує; змініть його або виберіть іншу назву",
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
    # members (segments.store)
    "members.dynamic": "{name!r} — динамічний: його учасників визначає правило; змініть правило",
    "ids.not_list": "ідентифікатори клієнтів задають списком текстів, а не {type}",
    "ids.empty": "ідентифікатор клієнта номер {position} у списку порожній",
    "ids.unknown": "немає клієнта з ідентифікатором {ids}",
    "ids.not_members": "не учасники {name!r}: {ids}; нічого не вилучено",
    # groups (history.queries)
    "group.of_segment": "{name!r} — сегмент, а не родина: групи {group!r} у нього немає; не вказуйте групу "
                        "(групи є в родин, як-от rfm)",
    "group.unknown": "у родини {family!r} немає групи {group!r}; її групи: {groups}",
}
# fmt: on


def _value(key: str, value, lang: str):
    """A param as the language writes it: lists joined, the readers quoted as the English lists them."""
    if key == "readers":
        return ", ".join(repr(reader) for reader in value)
    return listed(key, value, lang)


TABLE = Table({"uk": UK, "ru": ru.RU}, _value)


def word(error: SegmentError, lang: str) -> str | None:
    """The error in `lang` (uk, ru), or None when the language or the error's code is not known here."""
    text = TABLE.word(error.code, error.params, lang)
    if text is None or error.code != "segment.unknown":
        return text
    values = TABLE.values(error.params, lang)
    if "hint" in values:
        text += TABLE.text("segment.unknown.hint", lang, values)
    if values.get("families"):
        text += TABLE.text("segment.unknown.families", lang, values)
    known = "segment.unknown.known" if values.get("known") else "segment.unknown.none"
    return text + TABLE.text(known, lang, values)
