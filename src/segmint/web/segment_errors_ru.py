"""Segment errors in Russian, for web/segment_errors.py: each code of segment_errors.UK with its Russian
text (the same {names}), kept apart as rule_errors_ru.py is from rule_errors.py."""

from __future__ import annotations

# fmt: off
RU: dict[str, str] = {
    "segment.unknown": "сегмента с названием {name!r} нет",
    "segment.unknown.hint": " (возможно, {hint!r}?)",
    "segment.unknown.families": "; семейства: {families}",
    "segment.unknown.known": "; известные: {known}",
    "segment.unknown.none": "; сегментов пока нет",
    "name.empty": "сегменту нужно название",
    "name.too_long": "название сегмента — не более {limit} символов",
    "name.control": "название сегмента {name!r} содержит управляющий символ",
    "name.invisible": "название сегмента {name!r} содержит невидимый символ ({character})",
    "name.slash": "название сегмента {name!r} содержит '/': REST API не смог бы к нему обратиться",
    "name.taken": "сегмент с названием {name!r} уже существует; измените его или выберите другое название",
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
    "members.dynamic": "{name!r} — динамический: его участников определяет правило; измените правило",
    "ids.not_list": "идентификаторы клиентов задают списком текстов, а не {type}",
    "ids.empty": "идентификатор клиента номер {position} в списке пустой",
    "ids.unknown": "нет клиента с идентификатором {ids}",
    "ids.not_members": "не участники {name!r}: {ids}; ничего не удалено",
    "group.of_segment": "{name!r} — сегмент, а не семейство: группы {group!r} у него нет; не указывайте "
                        "группу (группы есть у семейств, например rfm)",
    "group.unknown": "у семейства {family!r} нет группы {group!r}; его группы: {groups}",
}
# fmt: on
