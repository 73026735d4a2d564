"""The library's messages in Russian, for web/messages.py: each English message pattern of messages._UK
with its Russian wording (keyed by the same pattern, so the order and the matching stay messages.py's).
Kept apart from messages.py as strings_ru.py is from strings.py; tests/web/test_i18n_ru.py checks every
pattern has a Russian text with the same {names}."""

from __future__ import annotations

WHERE = "Строка {line}, столбец {column}: "
SEGMENT_WHERE = "Сегмент «{segment}», строка {line}, столбец {column}: "

# the parser's names for what it expected next (segmint.rules.parse._TERMINAL_NAMES)
EXPECTED = {
    "a field or function name": "название поля или функции",
    "a text in quotes": "текст в кавычках",
    "a number": "число",
    "a date (YYYY-MM-DD)": "дата (ГГГГ-ММ-ДД)",
    "a duration such as 90d": "длительность, например 90d",
    "a comparison (= != < <= > >=)": "сравнение (= != < <= > >=)",
    "the end of the rule": "конец правила",
}
OR = " или "
KINDS = {"field": "ое поле", "function": "ая функция"}  # endings of "неизвестн…" (unknown field / function)
TYPES = {
    "number": "число",
    "text": "текст",
    "date": "дата",
    "boolean": "да/нет",
    "bool": "да/нет",
    "list": "список",
}

# pattern (as in messages._UK) -> Russian
# fmt: off
PATTERNS: dict[str, str] = {
    # rule syntax (segmint.rules.parse)
    r"the rule is empty": "правило пустое",
    r"the rule is longer than (?P<n>\d+) characters": "правило длиннее {n} символов",
    r"the rule is nested more than (?P<n>\d+) levels deep": "правило вложено глубже чем на {n} уровней",
    r"the rule ends too early; expected (?P<expected>.+)": "правило заканчивается слишком рано; ожидалось: "
                                                            "{expected}",
    r"the rule ends too early": "правило заканчивается слишком рано",
    r"the text that starts here is not closed: a (?P<c>.) is missing at the end of the line":
        "текст, который начинается здесь, не закрыт: не хватает {c} в конце строки",
    r"unexpected ','; numbers take a dot for decimals: (?P<n>.+)":
        "неожиданная ','; в числах дробную часть отделяет точка: {n}",
    r"unexpected character (?P<c>.+?); expected (?P<expected>.+)":
        "неожиданный символ {c}; ожидалось: {expected}",
    r"unexpected character (?P<c>.+)": "неожиданный символ {c}",
    r"unexpected (?P<token>.+?); expected (?P<expected>.+)": "неожиданное {token}; ожидалось: {expected}",
    r"unexpected (?P<token>.+)": "неожиданное {token}",
    r"write a space after the number: (?P<x>.+)": "после числа нужен пробел: {x}",
    r"(?P<n>\S+): write numbers in full, without an exponent(?P<rest>: .+)?":
        "{n}: пишите числа полностью, без экспоненты{rest}",
    r"(?P<d>\S+) is not a valid date \(YYYY-MM-DD\)": "{d} — несуществующая дата (ГГГГ-ММ-ДД)",
    r"write dates as YYYY-MM-DD, months and days in two digits: (?P<d>.+)":
        "пишите даты как ГГГГ-ММ-ДД, месяц и день двумя цифрами: {d}",
    r"unknown time unit (?P<u>'.*?') in (?P<t>\S+); "
    r"use d \(days\), w \(weeks\), m \(months\) or y \(years\)":
        "неизвестная единица времени {u} в {t}; используйте d (дни), w (недели), m (месяцы) или y (годы)",
    r"(?P<t>\S+) is too long a time span": "{t} — слишком длинный промежуток времени",
    r"(?P<t>\S+) is too large a number": "{t} — слишком большое число",
    r"positional values go before named ones \(name = value\)":
        "значения без названия идут перед названными (название = значение)",
    # rule meaning (segmint.rules.check)
    r"unknown (?P<kind>field|function) (?P<name>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\?":
        "неизвестн{kind} {name}; возможно, {hint}?",
    r"unknown (?P<kind>field|function) (?P<name>'.*?'|\".*?\"); docs/filters.md lists every filter":
        "неизвестн{kind} {name}; все фильтры перечислены в docs/filters.md",
    r"unknown (?P<kind>field|function) (?P<name>'.*?'|\".*?\"); text goes in quotes: (?P<q>.+)":
        "неизвестн{kind} {name}; текст пишут в кавычках: {q}",
    r"unknown (?P<kind>field|function) (?P<name>'.*?'|\".*?\"): customer names cannot be filtered on; "
    r"docs/filters.md lists every filter":
        "неизвестн{kind} {name}: по именам клиентов не фильтруют; все фильтры перечислены в docs/filters.md",
    r"(?P<v>'.*?'|\".*?\") is not a date; write dates as 2024-01-31, or relative to today: (?P<ex>.+)":
        "{v} — не дата; пишите даты как 2024-01-31 или относительно сегодня: {ex}",
    r"(?P<v>'.*?'|\".*?\") is not a date; write dates as 2024-01-31, or (?P<ex>.+)":
        "{v} — не дата; пишите даты как 2024-01-31 или {ex}",
    r"(?P<v>'.*?'|\".*?\") is not a date; write dates as 2024-01-31":
        "{v} — не дата; пишите даты как 2024-01-31",
    r"(?P<name>\S+) is a field, not a function: write it without parentheses":
        "{name} — поле, а не функция: пишите без скобок",
    r"(?P<name>\S+) is a field, not a function; with filters or a time window it is (?P<f>\S+), "
    r"e\.g\. (?P<ex>.+)":
        "{name} — поле, а не функция; с фильтрами или промежутком времени это {f}, напр. {ex}",
    r"(?P<name>\S+) needs a (?P<what>.+?): (?P<ex>.+)": "{name} требует аргумент «{what}»: {ex}",
    r"cannot compare a (?P<kind>\w+) with a (?P<other>\w+) \((?P<v>.+)\)":
        "нельзя сравнивать {kind} со значением типа «{other}» ({v})",
    r"cannot compare a (?P<kind>\w+) with (?P<v>.+), a (?P<other>\w+)":
        "нельзя сравнивать {kind} с {v} (тип «{other}»)",
    r"(?P<op>\S+) needs numbers or dates; a (?P<kind>\w+) can be compared with = or !=":
        "{op} требует чисел или дат; {kind} сравнивают только через = или !=",
    r"lists cannot be compared; use contains": "списки не сравнивают; используйте contains",
    r"a list cannot be used with (?P<op>.+?); use contains, e\.g\. (?P<ex>.+)":
        "список нельзя использовать с {op}; используйте contains, напр. {ex}",
    r"between (?P<a>.+?) and (?P<b>.+?): the smaller value goes first":
        "between {a} and {b}: сначала меньшее значение",
    r"between (?P<a>.+?) and (?P<b>.+?): the earlier date goes first":
        "between {a} and {b}: сначала более ранняя дата",
    r"between = \((?P<a>.+?), (?P<b>.+?)\): the earlier date goes first":
        "between = ({a}, {b}): сначала более ранняя дата",
    r"between works on numbers and dates, and (?P<name>.+) is a (?P<kind>\w+)":
        "between работает с числами и датами, а {name} — {kind}",
    r"starts with works on text, and (?P<name>.+) is a (?P<kind>\w+)":
        "starts with работает с текстом, а {name} — {kind}",
    r"within takes a duration such as 30d, 12w, 6m or 1y":
        "within принимает длительность, например 30d, 12w, 6m или 1y",
    r"between takes two dates: (?P<ex>.+)": "between принимает две даты: {ex}",
    r"(?P<kwarg>\S+) is given twice": "{kwarg} задан дважды",
    r"(?P<what>.+) takes a date such as 2024-01-31 or today - 30d":
        "{what} принимает дату, например 2024-01-31 или today - 30d",
    # a family's group that does not exist (segmint.rules.check.check_groups)
    r"family (?P<f>'.*?') has no group (?P<v>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\? "
    r"\(its groups: (?P<groups>.+)\)":
        "в семействе {f} нет группы {v}; возможно, {hint}? (его группы: {groups})",
    r"family (?P<f>'.*?') has no group (?P<v>'.*?'|\".*?\"); its groups: (?P<groups>.+)":
        "в семействе {f} нет группы {v}; его группы: {groups}",
    r"family (?P<f>'.*?') has no cluster name (?P<v>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\? "
    r"\(its cluster names: (?P<groups>.+)\)":
        "в семействе {f} нет кластера с названием {v}; возможно, {hint}? (названия его кластеров: {groups})",
    r"family (?P<f>'.*?') has no cluster name (?P<v>'.*?'|\".*?\"); its cluster names: (?P<groups>.+)":
        "в семействе {f} нет кластера с названием {v}; названия его кластеров: {groups}",
    # saving a segment (segmint.segments)
    # in_segment("...") naming no segment (segmint.rules.compile)
    r"unknown segment (?P<n>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\? "
    r"\(segment names are case-sensitive\)":
        "неизвестный сегмент {n}; возможно, {hint}? (в названиях сегментов заглавные и строчные "
        "буквы различаются)",
    r"unknown segment (?P<n>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\?":
        "неизвестный сегмент {n}; возможно, {hint}?",
    r"unknown segment (?P<n>'.*?'|\".*?\")": "неизвестный сегмент {n}",
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
