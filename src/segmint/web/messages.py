"""Library messages (rule errors, segment save refusals, import quarantine reasons) in the interface language.

The library words its errors in English for the CLI, the API and the logs (segmint.rules, segmint.segments,
segmint.ingest); the UI shows them to people who chose Ukrainian or Russian. Each known message shape is a
pattern here with its Ukrainian wording (the Russian one in messages_ru.py, keyed by the pattern); the
names and values the message quotes are kept as they are. A message no pattern knows is shown as the
library wrote it (a test checks the common ones are covered).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from segmint.web import messages_ru as ru

# the parser's names for what it expected next (segmint.rules.parse._TERMINAL_NAMES)
_EXPECTED = {
    "a field or function name": "назва поля чи функції",
    "a text in quotes": "текст у лапках",
    "a number": "число",
    "a date (YYYY-MM-DD)": "дата (РРРР-ММ-ДД)",
    "a duration such as 90d": "тривалість, як-от 90d",
    "a comparison (= != < <= > >=)": "порівняння (= != < <= > >=)",
    "the end of the rule": "кінець правила",
}
_KINDS = {"field": "е поле", "function": "а функція"}  # endings of "невідом…" (unknown field / function)
_TYPES = {
    "number": "число",
    "text": "текст",
    "date": "дата",
    "boolean": "так/ні",
    "bool": "так/ні",
    "list": "список",
}

# (pattern, Ukrainian); a pattern matches the whole message; {name} takes the group of that name
# fmt: off
_UK: list[tuple[str, str]] = [
    # rule syntax (segmint.rules.parse)
    (r"the rule is empty", "правило порожнє"),
    (r"the rule is longer than (?P<n>\d+) characters", "правило довше за {n} символів"),
    (r"the rule is nested more than (?P<n>\d+) levels deep", "правило вкладене глибше ніж на {n} рівнів"),
    (r"the rule ends too early; expected (?P<expected>.+)",
     "правило закінчується зарано; очікувалося: {expected}"),
    (r"the rule ends too early", "правило закінчується зарано"),
    (r"the text that starts here is not closed: a (?P<c>.) is missing at the end of the line",
     "текст, що починається тут, не закрито: бракує {c} в кінці рядка"),
    (r"unexpected ','; numbers take a dot for decimals: (?P<n>.+)",
     "неочікувана ','; у числах дробову частину відділяє крапка: {n}"),
    (r"unexpected character (?P<c>.+?); expected (?P<expected>.+)",
     "неочікуваний символ {c}; очікувалося: {expected}"),
    (r"unexpected character (?P<c>.+)", "неочікуваний символ {c}"),
    (r"unexpected (?P<token>.+?); expected (?P<expected>.+)", "неочікуване {token}; очікувалося: {expected}"),
    (r"unexpected (?P<token>.+)", "неочікуване {token}"),
    (r"write a space after the number: (?P<x>.+)", "після числа потрібен пробіл: {x}"),
    (r"(?P<n>\S+): write numbers in full, without an exponent(?P<rest>: .+)?",
     "{n}: пишіть числа повністю, без експоненти{rest}"),
    (r"(?P<d>\S+) is not a valid date \(YYYY-MM-DD\)", "{d} — неіснуюча дата (РРРР-ММ-ДД)"),
    (r"write dates as YYYY-MM-DD, months and days in two digits: (?P<d>.+)",
     "пишіть дати як РРРР-ММ-ДД, місяць і день двома цифрами: {d}"),
    (r"unknown time unit (?P<u>'.*?') in (?P<t>\S+); "
     r"use d \(days\), w \(weeks\), m \(months\) or y \(years\)",
     "невідома одиниця часу {u} у {t}; використовуйте d (дні), w (тижні), m (місяці) або y (роки)"),
    (r"(?P<t>\S+) is too long a time span", "{t} — задовгий проміжок часу"),
    (r"(?P<t>\S+) is too large a number", "{t} — завелике число"),
    (r"positional values go before named ones \(name = value\)",
     "значення без назви йдуть перед названими (назва = значення)"),
    # rule meaning (segmint.rules.check)
    (r"unknown (?P<kind>field|function) (?P<name>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\?",
     "невідом{kind} {name}; можливо, {hint}?"),
    (r"unknown (?P<kind>field|function) (?P<name>'.*?'|\".*?\"); docs/filters.md lists every filter",
     "невідом{kind} {name}; усі фільтри перелічено в docs/filters.md"),
    (r"unknown (?P<kind>field|function) (?P<name>'.*?'|\".*?\"); text goes in quotes: (?P<q>.+)",
     "невідом{kind} {name}; текст пишуть у лапках: {q}"),
    (r"unknown (?P<kind>field|function) (?P<name>'.*?'|\".*?\"): customer names cannot be filtered on; "
     r"docs/filters.md lists every filter",
     "невідом{kind} {name}: за іменами клієнтів не фільтрують; усі фільтри перелічено в docs/filters.md"),
    (r"(?P<v>'.*?'|\".*?\") is not a date; write dates as 2024-01-31, or relative to today: (?P<ex>.+)",
     "{v} — не дата; пишіть дати як 2024-01-31 або відносно сьогодні: {ex}"),
    (r"(?P<v>'.*?'|\".*?\") is not a date; write dates as 2024-01-31, or (?P<ex>.+)",
     "{v} — не дата; пишіть дати як 2024-01-31 або {ex}"),
    (r"(?P<v>'.*?'|\".*?\") is not a date; write dates as 2024-01-31",
     "{v} — не дата; пишіть дати як 2024-01-31"),
    (r"(?P<name>\S+) is a field, not a function: write it without parentheses",
     "{name} — поле, а не функція: пишіть без дужок"),
    (r"(?P<name>\S+) is a field, not a function; with filters or a time window it is (?P<f>\S+), "
     r"e\.g\. (?P<ex>.+)",
     "{name} — поле, а не функція; з фільтрами чи проміжком часу це {f}, напр. {ex}"),
    (r"(?P<name>\S+) needs a (?P<what>.+?): (?P<ex>.+)", "{name} потребує аргументу «{what}»: {ex}"),
    (r"cannot compare a (?P<kind>\w+) with a (?P<other>\w+) \((?P<v>.+)\)",
     "не можна порівнювати {kind} зі значенням типу «{other}» ({v})"),
    (r"cannot compare a (?P<kind>\w+) with (?P<v>.+), a (?P<other>\w+)",
     "не можна порівнювати {kind} з {v} (тип «{other}»)"),
    (r"(?P<op>\S+) needs numbers or dates; a (?P<kind>\w+) can be compared with = or !=",
     "{op} потребує чисел або дат; {kind} порівнюють лише через = або !="),
    (r"lists cannot be compared; use contains", "списки не порівнюють; використайте contains"),
    (r"a list cannot be used with (?P<op>.+?); use contains, e\.g\. (?P<ex>.+)",
     "список не можна використати з {op}; використайте contains, напр. {ex}"),
    (r"between (?P<a>.+?) and (?P<b>.+?): the smaller value goes first",
     "between {a} and {b}: спершу менше значення"),
    (r"between (?P<a>.+?) and (?P<b>.+?): the earlier date goes first",
     "between {a} and {b}: спершу раніша дата"),
    (r"between = \((?P<a>.+?), (?P<b>.+?)\): the earlier date goes first",
     "between = ({a}, {b}): спершу раніша дата"),
    (r"between works on numbers and dates, and (?P<name>.+) is a (?P<kind>\w+)",
     "between працює з числами й датами, а {name} — {kind}"),
    (r"starts with works on text, and (?P<name>.+) is a (?P<kind>\w+)",
     "starts with працює з текстом, а {name} — {kind}"),
    (r"within takes a duration such as 30d, 12w, 6m or 1y",
     "within приймає тривалість, як-от 30d, 12w, 6m або 1y"),
    (r"between takes two dates: (?P<ex>.+)", "between приймає дві дати: {ex}"),
    (r"(?P<kwarg>\S+) is given twice", "{kwarg} задано двічі"),
    (r"(?P<what>.+) takes a date such as 2024-01-31 or today - 30d",
     "{what} приймає дату, як-от 2024-01-31 або today - 30d"),
    # a family's group that does not exist (segmint.rules.check.check_groups)
    (r"family (?P<f>'.*?') has no group (?P<v>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\? "
     r"\(its groups: (?P<groups>.+)\)",
     "у родині {f} немає групи {v}; можливо, {hint}? (її групи: {groups})"),
    (r"family (?P<f>'.*?') has no group (?P<v>'.*?'|\".*?\"); its groups: (?P<groups>.+)",
     "у родині {f} немає групи {v}; її групи: {groups}"),
    (r"family (?P<f>'.*?') has no cluster name (?P<v>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\? "
     r"\(its cluster names: (?P<groups>.+)\)",
     "у родині {f} немає кластера з назвою {v}; можливо, {hint}? (назви її кластерів: {groups})"),
    (r"family (?P<f>'.*?') has no cluster name (?P<v>'.*?'|\".*?\"); its cluster names: (?P<groups>.+)",
     "у родині {f} немає кластера з назвою {v}; назви її кластерів: {groups}"),
    # in_segment("...") naming no segment (segmint.rules.compile)
    (r"unknown segment (?P<n>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\? "
     r"\(segment names are case-sensitive\)",
     "невідомий сегмент {n}; можливо, {hint}? (у назвах сегментів великі й малі літери різні)"),
    (r"unknown segment (?P<n>'.*?'|\".*?\"); did you mean (?P<hint>'.*?'|\".*?\")\?",
     "невідомий сегмент {n}; можливо, {hint}?"),
    (r"unknown segment (?P<n>'.*?'|\".*?\")", "невідомий сегмент {n}"),
    # saving a segment (segmint.segments)
    (r"no segment named (?P<n>.+?); known: (?P<k>.+)", "сегмента з назвою {n} немає; відомі: {k}"),
    (r"no segment named (?P<n>.+?); known segments: (?P<k>.+)", "сегмента з назвою {n} немає; відомі: {k}"),
    (r"no segment named (?P<n>.+?); there are no segments yet",
     "сегмента з назвою {n} немає; сегментів ще немає"),
    (r"no segment named (?P<n>.+)", "сегмента з назвою {n} немає"),
    (r"a segment named (?P<n>.+) already exists; edit it or choose another name",
     "сегмент із назвою {n} уже існує; змініть його або виберіть іншу назву"),
    (r"(?P<n>.+) reads as the built-in family (?P<f>'.*?') \(campaigns and triggers name its groups "
     r"family:group\); choose another name",
     "{n} читається як вбудована родина {f} (кампанії й тригери називають її групи родина:група); "
     "виберіть іншу назву"),
    (r"(?P<n>'.*?'|\".*?\") is the name of a built-in family(?P<rest>.*)",
     "{n} — назва вбудованої родини; виберіть іншу назву"),
    (r"a segment needs a name", "сегменту потрібна назва"),
    (r"a segment name is at most (?P<n>\d+) characters", "назва сегмента — щонайбільше {n} символів"),
    (r"segment name (?P<n>.+) contains a control character", "назва сегмента {n} містить керівний символ"),
    (r"segment name (?P<n>.+) contains an invisible character \((?P<c>U\+[0-9A-F]+)\)",
     "назва сегмента {n} містить невидимий символ ({c})"),
    (r"segment name (?P<n>.+) contains '/': the REST API could not address it",
     "назва сегмента {n} містить '/': REST API не змогло б до нього звернутися"),
    (r"a dynamic segment needs a rule", "динамічному сегменту потрібне правило"),
    (r"cannot rename (?P<n>.+?): in_segment\((?P<m>.+?)\) is read by (?P<r>.+)",
     "не можна перейменувати {n}: in_segment({m}) читають {r}"),
    (r"cannot rename (?P<n>.+?): the trigger\(s\) (?P<t>.+) add customers to it",
     "не можна перейменувати {n}: тригер(и) {t} додають до нього клієнтів"),
    # import quarantine reasons (segmint.ingest)
    (r"missing customer_id", "немає customer_id"),
    (r"missing (?P<col>\w+)", "немає {col}"),
    (r"wrong number of columns \(Expected Number of Columns: (?P<e>\d+) Found: (?P<f>\d+)\)",
     "неправильна кількість стовпців (очікувалося {e}, знайдено {f})"),
    (r"wrong number of columns \((?P<m>.*)\)", "неправильна кількість стовпців ({m})"),
    (r"unbalanced quotes: a quoted value is not closed properly \((?P<m>.*)\)",
     "незакриті лапки: значення в лапках не закрито як слід ({m})"),
    (r"bytes that are not valid text in the file's encoding \((?P<m>.*)\)",
     "байти, що не є текстом у кодуванні файлу ({m})"),
    (r"line number must be 1 or more", "номер рядка має бути 1 або більше"),
]
# fmt: on
_PATTERNS = [(re.compile(pattern, re.S), text) for pattern, text in _UK]
_WHERE = re.compile(
    r"(?:segment '(?P<segment>.*?)', )?line (?P<line>\d+), column (?P<column>\d+): (?P<rest>.*)", re.S
)


@dataclass(frozen=True)
class _Wording:
    """One language's patterns and words (Ukrainian here, Russian in messages_ru.py)."""

    patterns: list[tuple[re.Pattern, str]]
    expected: dict[str, str]
    or_word: str
    kinds: dict[str, str]
    types: dict[str, str]
    where: str
    segment_where: str  # a stored segment's rule (a refresh's error names the segment: RuleError.segment)


_WORDINGS = {
    "uk": _Wording(
        _PATTERNS,
        _EXPECTED,
        " або ",
        _KINDS,
        _TYPES,
        "Рядок {line}, стовпець {column}: ",
        "Сегмент «{segment}», рядок {line}, стовпець {column}: ",
    ),
    "ru": _Wording(
        [(found, ru.PATTERNS[found.pattern]) for found, _ in _PATTERNS if found.pattern in ru.PATTERNS],
        ru.EXPECTED,
        ru.OR,
        ru.KINDS,
        ru.TYPES,
        ru.WHERE,
        ru.SEGMENT_WHERE,
    ),
}


def translate(message: str, lang: str) -> str:
    """`message` in `lang` (as written when English or unknown). A "line L, column C: " prefix (or
    "segment 'S', line L, column C: ") and the caret lines after the first line are kept in place."""
    wording = _WORDINGS.get(lang)
    if wording is None or not message:
        return message
    first, newline, rest = str(message).partition("\n")
    where = _WHERE.fullmatch(first)
    if where:
        place = wording.segment_where if where["segment"] is not None else wording.where
        return place.format(**where.groupdict()) + _one(where["rest"], wording) + newline + rest
    return _one(first, wording) + newline + rest


def _one(message: str, wording: _Wording) -> str:
    for pattern, text in wording.patterns:
        found = pattern.fullmatch(message)
        if found:
            values = {key: value or "" for key, value in found.groupdict().items()}
            if "expected" in values:
                values["expected"] = _expected(values["expected"], wording)
            if "kind" in values:
                kind = values["kind"]
                values["kind"] = wording.kinds.get(kind) or wording.types.get(kind, kind)
            if "other" in values:
                values["other"] = wording.types.get(values["other"], values["other"])
            return text.format(**values)
    return message


def _expected(words: str, wording: _Wording) -> str:
    """The parser's "'(', 'not' or a field or function name" in the language: its phrases, then the
    separating "or" (a keyword the rule may hold is quoted: 'or')."""
    for english in sorted(wording.expected, key=len, reverse=True):
        words = words.replace(english, wording.expected[english])
    return words.replace(" or ", wording.or_word)
