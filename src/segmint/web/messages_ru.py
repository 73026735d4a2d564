"""The library's messages in Russian, for web/messages.py (rule errors: rule_errors_ru.py): each English
message pattern of messages._UK with its Russian wording (keyed by the same pattern, so the order and the
matching stay messages.py's). Kept apart from messages.py as strings_ru.py is from strings.py;
tests/web/test_i18n_ru.py checks every pattern has a Russian text with the same {names}."""

from __future__ import annotations

# pattern (as in messages._UK) -> Russian
# fmt: off
PATTERNS: dict[str, str] = {
    # saving a segment (segmint.segments)
    r"no segment named (?P<n>.+?); known: (?P<k>.+)": "сегмента с названием {n} нет; известные: {k}",
    r"no segment named (?P<n>.+?); known segments: (?P<k>.+)": "сегмента с названием {n} нет; известные: {k}",
    r"no segment named (?P<n>.+?); there are no segments yet":
        "сегмента с названием {n} нет; сегментов пока нет",
    r"no segment named (?P<n>.+)": "сегмента с названием {n} нет",
    r"a segment named (?P<n>.+) already exists; edit it or choose another name":
        "сегмент с названием {n} уже существует; измените его или выберите другое название",
    r"(?P<n>.+) reads as the built-in family (?P<f>'.*?') \(campaigns and triggers name its groups "
    r"family:group\); choose another name":
        "{n} читается как встроенное семейство {f} (рассылки и триггеры называют его группы "
        "семейство:группа); выберите другое название",
    r"(?P<n>'.*?'|\".*?\") is the name of a built-in family(?P<rest>.*)":
        "{n} — название встроенного семейства; выберите другое название",
    r"a segment needs a name": "сегменту нужно название",
    r"a segment name is at most (?P<n>\d+) characters": "название сегмента — не более {n} символов",
    r"segment name (?P<n>.+) contains a control character":
        "название сегмента {n} содержит управляющий символ",
    r"segment name (?P<n>.+) contains an invisible character \((?P<c>U\+[0-9A-F]+)\)":
        "название сегмента {n} содержит невидимый символ ({c})",
    r"segment name (?P<n>.+) contains '/': the REST API could not address it":
        "название сегмента {n} содержит '/': REST API не смог бы к нему обратиться",
    r"a dynamic segment needs a rule": "динамическому сегменту нужно правило",
    r"cannot rename (?P<n>.+?): in_segment\((?P<m>.+?)\) is read by (?P<r>.+)":
        "нельзя переименовать {n}: in_segment({m}) читают {r}",
    r"cannot rename (?P<n>.+?): the trigger\(s\) (?P<t>.+) add customers to it":
        "нельзя переименовать {n}: триггер(ы) {t} добавляют в него клиентов",
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
}
# fmt: on
