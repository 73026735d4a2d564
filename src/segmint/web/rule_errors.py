"""Rule errors in the interface language, worded from their `code` and `params` (segmint.errors.RuleError).

The library words a rule error in English for the CLI, the API and the logs, and gives it a stable code and
the names and values it quotes; the web UI words it here, so a change to the English wording cannot
silently leave the Ukrainian or Russian one behind (as matching the English text did). Ukrainian here,
Russian in rule_errors_ru.py (the same codes and {names}); an error without a known code is shown as the
library wrote it. tests/web/test_rule_error_codes.py raises every code and checks both wordings.

The shared helper web/coded.py formats a text with the params ({name!r} quotes as the English does);
here lists are joined (`expected` with the language's "or", `cycle` with " -> "), type and kind words
are translated, and the place (line, column, segment) and caret lines are put around it.
"""

from __future__ import annotations

from dataclasses import dataclass

from segmint.errors import RuleError
from segmint.rules.parse import TERMINAL_NAMES
from segmint.web import rule_errors_ru as ru
from segmint.web.coded import Table

# fmt: off
UK: dict[str, str] = {
    # the rule as a whole (segmint.rules.parse)
    "rule.not_text": "правило — це текст, а не {type}",
    "rule.too_long": "правило довше за {limit} символів",
    "rule.empty": "правило порожнє",
    "rule.too_deep": "правило вкладене глибше ніж на {limit} рівнів",
    # syntax (segmint.rules.parse)
    "syntax.positional_after_named": "значення без назви йдуть перед названими (назва = значення)",
    "syntax.unclosed_text": "текст, що починається тут, не закрито: бракує {quote} в кінці рядка",
    "syntax.unexpected_character": "неочікуваний символ {character!r}",
    "syntax.unexpected_character.expected": "неочікуваний символ {character!r}; очікувалося: {expected}",
    "syntax.ends_early": "правило закінчується зарано",
    "syntax.ends_early.expected": "правило закінчується зарано; очікувалося: {expected}",
    "syntax.decimal_comma": "неочікувана ','; у числах дробову частину відділяє крапка: {number}",
    "syntax.glued_number": "після числа потрібен пробіл: {number} {word}",
    "syntax.exponent": "{number}: пишіть числа повністю, без експоненти",
    "syntax.exponent.in_full": "{number}: пишіть числа повністю, без експоненти: {in_full}",
    "syntax.unexpected": "неочікуване {token}",
    "syntax.unexpected.expected": "неочікуване {token}; очікувалося: {expected}",
    "syntax.unexpected.condition": "неочікуване {token}; очікувалася умова",
    "syntax.unexpected.keyword": "неочікуване {token}; у правилах пишіть {keyword!r}",
    "syntax.unquoted_text": "неочікуване {token}; текст пишуть у лапках: \"{text}\"",
    # values (segmint.rules.parse)
    "value.impossible_date": "{date} — неіснуюча дата (РРРР-ММ-ДД)",
    "value.date_digits": "пишіть дати як РРРР-ММ-ДД, місяць і день двома цифрами: {date}",
    "value.date_day_first": "пишіть дати як РРРР-ММ-ДД: {date}, а не {written}",
    "value.signed_duration": "-{duration}: тривалість не має знака; within = {duration} уже відлічує назад "
                             "від сьогодні, а дата до сьогодні — це today - {duration}",
    "value.time_unit": "невідома одиниця часу {unit!r} у {duration}; використовуйте d (дні), w (тижні), "
                       "m (місяці) або y (роки)",
    "value.time_unit.hint": "невідома одиниця часу {unit!r} у {duration}; можливо, {hint}? Одиниці — "
                            "латинські літери d (дні), w (тижні), m (місяці) і y (роки)",
    "value.long_span": "{duration} — задовгий проміжок часу",
    "value.large_number": "{number} — завелике число",
    "value.short_unicode_escape": "після \\u потрібні чотири шістнадцяткові цифри, напр. \\u0436; "
                                  "зворотна скісна риска пишеться як \\\\",
    "value.escape": "невідоме екранування \\{escape} у тексті; зворотна скісна риска пишеться як \\\\",
    "value.nul": "текст не може містити символ NUL",
    "value.surrogate": "текст має бути коректним Юнікодом (без окремих сурогатів, як-от \\ud800)",
    # names (segmint.rules.check)
    "unknown_name": "{unknown} {name!r}; усі фільтри перелічено в docs/filters.md",
    "unknown_name.hint": "{unknown} {name!r}; можливо, {hint!r}?",
    "unknown_name.customer_name": "{unknown} {name!r}: за іменами клієнтів не фільтрують; усі фільтри "
                                  "перелічено в docs/filters.md",
    "unknown_name.quote": "{unknown} {name!r}; текст пишуть у лапках: \"{name}\"",
    "unknown_name.date_word": "{name!r} — не дата; пишіть дати як 2024-01-31 або {instead}",
    "unknown_name.not_a_date": "{name!r} — не дата; пишіть дати як 2024-01-31 або відносно сьогодні: "
                               "today - 30d",
    "name.field_not_function": "{name} — поле, а не функція: пишіть без дужок",
    "name.field_not_function.windowed": "{name} — поле, а не функція; з фільтрами чи проміжком часу це "
                                        "{function}(...), напр. {example}",
    "name.needs_value": "{name} потребує аргументу «{what}»: {example}",
    "name.lookalike": "{name!r} містить кириличну літеру «{letter}» у стовпці {column}; можливо, "
                      "{meant} {hint!r}?",
    "name.lookalike.no_column": "{name!r} містить кириличну літеру «{letter}»; можливо, {meant} {hint!r}?",
    # conditions (segmint.rules.check)
    "condition.unknown": "невідома умова {condition}",
    "condition.not_yes_no": "{name} — {kind}, а не умова так/ні; порівняйте його, напр. {example}",
    "contains.type": "contains працює з текстом і списками, а {name} — {kind}",
    "starts_with.type": "starts with працює з текстом, а {name} — {kind}",
    "between.type": "between працює з числами й датами, а {name} — {kind}",
    "between.order": "between {low} and {high}: спершу менше значення",
    "between.date_order": "between {low} and {high}: спершу раніша дата",
    "compare.field": "не можна порівнювати {kind} з {name} (тип «{other}»)",
    "compare.types": "не можна порівнювати {kind} зі значенням типу «{other}» ({value})",
    "compare.lists": "списки не порівнюють; використайте contains",
    "compare.list": "список не можна використати з {op}; використайте contains, напр. tags contains \"vip\"",
    "compare.order": "{op} потребує чисел або дат; {kind} порівнюють лише через = або !=",
    "compare.duration": "тривалість вживають лише в проміжку часу (within = 90d) або після today "
                        "(today - 90d)",
    "compare.not_a_date": "{value!r} — не дата; пишіть дати як 2024-01-31",
    # a function's arguments (segmint.rules.check)
    "call.one_value": "{name} приймає одне значення «{what}», напр. {example}",
    "call.named_values_only": "{name} не приймає значень без назви (пишіть назва = значення), "
                              "напр. {example}",
    "attribute.alone": 'attribute("{key}") сам нічого не каже: порівняйте його, напр. attribute("{key}") > 0 '
    'або attribute("{key}") = "так"',
    "attribute.type": 'attribute("{key}") читається як текст, число або дата: порівнюйте його з одним '
    'із них, напр. attribute("{key}") > 0, attribute("{key}") = "так" або attribute("{key}") > 2024-01-31',
    "attribute.key": 'attribute() потребує заголовка стовпця, напр. attribute("Kidhome")',
    "attribute.key.spaces": 'attribute("{key}"): заголовок стовпця не починається й не закінчується пробілом',
    "attribute.key.path": 'attribute("{key}") не можна прочитати на кожному рушії: заголовок стовпця '
    "з лапкою чи зворотною скісною рискою не може мати ще й крапку чи дужку (ані бути самою *); "
    "перейменуйте стовпець та імпортуйте його знову",
    "attribute.field": 'attribute("{key}") не знаходить нікого: імпорт зберігає стовпець із заголовком '
    "{key!r} у полі {field}, а не як власний атрибут; пишіть {use}",
    "attribute.unknown.hint": 'attribute("{key}") не знаходить нікого: жоден клієнт не має атрибута '
    "{key!r} (заголовок стовпця точно як під час імпорту); можливо, {hint!r}?",
    "call.value_in_quotes": "значення «{what}» функції {name} — текст у лапках",
    "call.no_argument": "{name} не має аргументу {argument!r} (вона приймає: {accepted})",
    "call.no_argument.hint": "{name} не має аргументу {argument!r}; можливо, {hint!r}?",
    "call.no_argument.elsewhere": "{name} не має аргументу {argument!r} (вона приймає: {accepted}); "
                                  "{argument} — аргумент {elsewhere}",
    "call.twice": "{argument} задано двічі",
    "call.within": "within приймає тривалість, як-от 30d, 12w, 6m або 1y",
    "call.between": "between приймає дві дати: between = (2024-01-01, 2024-03-31)",
    "call.between_order": "between = ({low}, {high}): спершу раніша дата",
    "call.texts": "{argument} приймає текст у лапках або їх список: (\"a\", \"b\")",
    "call.date": "{argument} приймає дату, як-от 2024-01-31 або today - 30d",
    # a family's group that does not exist (segmint.rules.check.check_groups)
    "family.no_group": "у родині {family!r} немає групи {value!r}; її групи: {groups}",
    "family.no_group.hint": "у родині {family!r} немає групи {value!r}; можливо, {hint!r}? "
                            "(її групи: {groups})",
    "family.no_cluster_name": "у родині {family!r} немає кластера з назвою {value!r}; назви її кластерів: "
                              "{groups}",
    "family.no_cluster_name.hint": "у родині {family!r} немає кластера з назвою {value!r}; можливо, "
                                   "{hint!r}? (назви її кластерів: {groups})",
    # compiling against the data (segmint.rules.compile)
    "date.outside_calendar": "{date} — поза календарем",
    "field.not_refreshed": "поле {name} ще недоступне: запустіть segmint refresh",
    "field.not_in_features": "поля {name} немає в таблиці ознак, яку читає правило (немає стовпця {column}): "
    "його обчислює segmint refresh робочого простору, тож передайте таблицю ознак, яку зберіг "
    "refresh",
    "field.not_clustered": "поле {name} ще недоступне: його обчислює segmint clusters fit (після "
    "clusters fit --no-refresh — segmint refresh)",
    "field.not_compiled": "{name} не вдається обчислити",
    "segment.none_known": "in_segment({name!r}): тут не відомо жодного сегмента",
    "segment.unknown": "невідомий сегмент {name!r}",
    "segment.unknown.hint": "невідомий сегмент {name!r}; можливо, {hint!r}?",
    "segment.unknown.case": "невідомий сегмент {name!r}; можливо, {hint!r}? (у назвах сегментів великі й "
                            "малі літери різні)",
    "segment.no_customer_id": "сегмент {name!r} не має стовпця customer_id",
    # segments reading each other (segmint.segments.resolve)
    "segment.cycle": "in_segment(...) утворює цикл: {cycle}; динамічний сегмент не може залежати від себе",
    "segment.static_cycle": "in_segment(...) утворює цикл: {cycle}; статичний сегмент {name!r} "
                            "заморожується з його правила, яке не може читати сам {name!r}",
    # a rule in its JSON form (segmint.rules.json_form); {path} is the JSON path ($.and[1].left)
    "json.condition": "{path}: умова — це об'єкт, як-от {{\"op\": \"=\", ...}} або {{\"and\": [...]}}",
    "json.conditions": "{path}: має бути непорожнім списком умов",
    "json.op_missing": "{path}: умові потрібен \"op\" (або це {{\"and\": ...}}, {{\"or\": ...}}, "
                       "{{\"not\": ...}})",
    "json.values": "{path}: має бути непорожнім списком значень",
    "json.operator": "{path}: невідомий оператор {op!r}",
    "json.key": "{path}: неочікуваний ключ {key!r} (очікувалося: {allowed})",
    "json.arguments": "{path}: args — це список, а kwargs — об'єкт",
    "json.subject": "{path}: очікувалося {{\"field\": назва}} або {{\"call\": назва, ...}}",
    "json.argument_only": "{path}: тривалості й списки вживають лише як аргументи функцій",
    "json.number": "{path}: числа мають бути скінченними й не більшими за 2**53",
    "json.empty_list": "{path}: список значень не може бути порожнім",
    "json.date": "{path}: {value!r} — не дата (РРРР-ММ-ДД)",
    "json.signed_duration": "{path}: {value!r}: тривалість не має знака; пишіть {unsigned!r}",
    "json.unsigned_offset": "{path}: {value!r} потребує знака: '-{value}' (до сьогодні) або '+{value}' "
                            "(після)",
    "json.duration": "{path}: {value!r} — не тривалість, як-от 90d або -180d",
    "json.duration.hint": "{path}: {value!r}: невідома одиниця часу {unit!r}; можливо, {hint!r}? Одиниці — "
                          "латинські літери d (дні), w (тижні), m (місяці) і y (роки)",
    "json.value": "{path}: не вдається прочитати {value} як значення",
}
# fmt: on

# what the parser expected next, by lark terminal (segmint.rules.parse.TERMINAL_NAMES; a keyword as 'and')
EXPECTED = {
    "NAME": "назва поля чи функції",
    "STRING": "текст у лапках",
    "NUMBER": "число",
    "DATE": "дата (РРРР-ММ-ДД)",
    "DURATION": "тривалість, як-от 90d",
    "CMP": "порівняння (= != < <= > >=)",
    "$END": "кінець правила",
}
TYPES = {"number": "число", "text": "текст", "date": "дата", "boolean": "так/ні", "list": "список"}
UNKNOWN = {"field": "невідоме поле", "function": "невідома функція"}
MEANT = {"field": "поле", "function": "функція", "keyword": "ключове слово", "argument": "аргумент"}


@dataclass(frozen=True)
class Wording:
    """One language's words beside its texts (Ukrainian here, Russian in rule_errors_ru.py)."""

    expected: dict[str, str]
    or_word: str
    types: dict[str, str]
    unknown: dict[str, str]
    meant: dict[str, str]  # name.lookalike: "perhaps the field 'city'?"
    none: str  # a function that accepts no argument: "(it accepts: none)"
    of_rule: str  # after a JSON rule's error: " (in: <the rule as text>)"
    where: str
    segment_where: str  # a stored segment's rule (a refresh's error names the segment: RuleError.segment)
    segment_only: str  # a stored segment's rule, with no position (a cycle)


WORDINGS = {
    "uk": Wording(
        EXPECTED,
        " або ",
        TYPES,
        UNKNOWN,
        MEANT,
        "нічого",
        " (у правилі: {rule})",
        "Рядок {line}, стовпець {column}: ",
        "Сегмент «{segment}», рядок {line}, стовпець {column}: ",
        "Сегмент «{segment}»: ",
    ),
    "ru": Wording(
        ru.EXPECTED,
        ru.OR,
        ru.TYPES,
        ru.UNKNOWN,
        ru.MEANT,
        ru.NONE,
        ru.OF_RULE,
        ru.WHERE,
        ru.SEGMENT_WHERE,
        ru.SEGMENT_ONLY,
    ),
}


def _value(key: str, value, lang: str):
    """A param as the language writes it in a sentence."""
    wording = WORDINGS[lang]
    if key == "expected":
        words = [wording.expected.get(name) or TERMINAL_NAMES.get(name, f"'{name}'") for name in value]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + wording.or_word + words[-1]
    if key == "cycle":
        return " -> ".join(repr(name) for name in value)
    if key in ("kind", "other"):
        return wording.types.get(value, value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or wording.none
    return value


TABLE = Table({"uk": UK, "ru": ru.RU}, _value)


def _field_meant(name: str) -> str | None:
    """The field a name the rule language does not know stands for, when the builder's field search (names
    and descriptions in English, Ukrainian and Russian) finds that one field and no other: 'вік' and
    'возраст' are age. The library hints only from English names and a few aliases ('вік > 30' got
    "усі фільтри перелічено в docs/filters.md")."""
    from segmint.web.builder import catalogue

    if len(name) < 3:
        return None
    found = [item.name for _, items in catalogue.search(name) for item in items]
    return found[0] if len(found) == 1 else None


def word(error: RuleError, lang: str, *, place: bool = True) -> str | None:
    """The error in `lang` (uk, ru), or None when the language or the error's code is not known here. With
    `place`, the "Рядок 1, стовпець 5: " (or segment) prefix and the caret lines follow, as str(error)
    has them in English."""
    if not TABLE.knows(error.code, lang):
        return None
    wording, params, code = WORDINGS[lang], error.params, error.code
    if code == "unknown_name" and params.get("kind") == "field" and (hint := _field_meant(params["name"])):
        code, params = "unknown_name.hint", {**params, "hint": hint}
    given = {}
    if "kind" in params:
        given["unknown"] = wording.unknown.get(params["kind"], params["kind"])
        given["meant"] = wording.meant.get(params["kind"], params["kind"])
    if "elsewhere" in params:  # the functions that do take the argument, as bought(within = ...)
        given["elsewhere"] = ", ".join(f"{name}({params['argument']} = ...)" for name in params["elsewhere"])
    text = TABLE.word(code, params, lang, **given)
    if "rule" in params:  # a JSON rule's check: where in the JSON, and the rule as text
        where = f"{params['path']}: " if "path" in params else ""
        text = where + text + wording.of_rule.format(rule=params["rule"])
    elif "path" in params and not code.startswith("json."):  # a JSON rule too deep to read: rule.too_deep
        text = f"{params['path']}: " + text
    if not place:
        return text
    if error.line is not None and error.column is not None:
        template = wording.where if error.segment is None else wording.segment_where
        text = template.format(line=error.line, column=error.column, segment=error.segment) + text
    elif error.segment is not None:
        text = wording.segment_only.format(segment=error.segment) + text
    caret = error.caret()
    return text + (f"\n{caret}" if caret else "")
