"""Rule errors in Russian, for web/rule_errors.py: each code of rule_errors.UK with its Russian text (the
same {names}), kept apart as strings_ru.py is from strings.py."""

from __future__ import annotations

WHERE = "Строка {line}, столбец {column}: "
SEGMENT_WHERE = "Сегмент «{segment}», строка {line}, столбец {column}: "
SEGMENT_ONLY = "Сегмент «{segment}»: "
OF_RULE = " (в правиле: {rule})"
OR = " или "
NONE = "ничего"
EXPECTED = {
    "NAME": "название поля или функции",
    "STRING": "текст в кавычках",
    "NUMBER": "число",
    "DATE": "дата (ГГГГ-ММ-ДД)",
    "DURATION": "длительность, например 90d",
    "CMP": "сравнение (= != < <= > >=)",
    "$END": "конец правила",
}
TYPES = {"number": "число", "text": "текст", "date": "дата", "boolean": "да/нет", "list": "список"}
UNKNOWN = {"field": "неизвестное поле", "function": "неизвестная функция"}
MEANT = {"field": "поле", "function": "функция", "keyword": "ключевое слово", "argument": "аргумент"}

# fmt: off
RU: dict[str, str] = {
    "rule.not_text": "правило — это текст, а не {type}",
    "rule.too_long": "правило длиннее {limit} символов",
    "rule.empty": "правило пустое",
    "rule.too_deep": "правило вложено глубже чем на {limit} уровней",
    "syntax.positional_after_named": "значения без названия идут перед названными (название = значение)",
    "syntax.unclosed_text": "текст, который начинается здесь, не закрыт: не хватает {quote} в конце строки",
    "syntax.unexpected_character": "неожиданный символ {character!r}",
    "syntax.unexpected_character.expected": "неожиданный символ {character!r}; ожидалось: {expected}",
    "syntax.ends_early": "правило заканчивается слишком рано",
    "syntax.ends_early.expected": "правило заканчивается слишком рано; ожидалось: {expected}",
    "syntax.decimal_comma": "неожиданная ','; в числах дробную часть отделяет точка: {number}",
    "syntax.glued_number": "после числа нужен пробел: {number} {word}",
    "syntax.exponent": "{number}: пишите числа полностью, без экспоненты",
    "syntax.exponent.in_full": "{number}: пишите числа полностью, без экспоненты: {in_full}",
    "syntax.unexpected": "неожиданное {token}",
    "syntax.unexpected.expected": "неожиданное {token}; ожидалось: {expected}",
    "syntax.unexpected.condition": "неожиданное {token}; ожидалось условие",
    "syntax.unexpected.keyword": "неожиданное {token}; в правилах пишите {keyword!r}",
    "syntax.unquoted_text": "неожиданное {token}; текст пишут в кавычках: \"{text}\"",
    "value.impossible_date": "{date} — несуществующая дата (ГГГГ-ММ-ДД)",
    "value.date_digits": "пишите даты как ГГГГ-ММ-ДД, месяц и день двумя цифрами: {date}",
    "value.date_day_first": "пишите даты как ГГГГ-ММ-ДД: {date}, а не {written}",
    "value.signed_duration": "-{duration}: у длительности нет знака; within = {duration} уже отсчитывает "
                             "назад от сегодня, а дата до сегодня — это today - {duration}",
    "value.time_unit": "неизвестная единица времени {unit!r} в {duration}; используйте d (дни), w (недели), "
                       "m (месяцы) или y (годы)",
    "value.time_unit.hint": "неизвестная единица времени {unit!r} в {duration}; возможно, {hint}? Единицы "
                            "— латинские буквы d (дни), w (недели), m (месяцы) и y (годы)",
    "value.long_span": "{duration} — слишком длинный промежуток времени",
    "value.large_number": "{number} — слишком большое число",
    "value.short_unicode_escape": "после \\u нужны четыре шестнадцатеричные цифры, напр. \\u0436; обратная "
                                  "косая черта пишется как \\\\",
    "value.escape": "неизвестное экранирование \\{escape} в тексте; обратная косая черта пишется как \\\\",
    "value.nul": "текст не может содержать символ NUL",
    "value.surrogate": "текст должен быть корректным Юникодом (без одиночных суррогатов, например \\ud800)",
    "unknown_name": "{unknown} {name!r}; все фильтры перечислены в docs/filters.md",
    "unknown_name.hint": "{unknown} {name!r}; возможно, {hint!r}?",
    "unknown_name.customer_name": "{unknown} {name!r}: по именам клиентов не фильтруют; все фильтры "
                                  "перечислены в docs/filters.md",
    "unknown_name.quote": "{unknown} {name!r}; текст пишут в кавычках: \"{name}\"",
    "unknown_name.date_word": "{name!r} — не дата; пишите даты как 2024-01-31 или {instead}",
    "unknown_name.not_a_date": "{name!r} — не дата; пишите даты как 2024-01-31 или относительно сегодня: "
                               "today - 30d",
    "name.field_not_function": "{name} — поле, а не функция: пишите без скобок",
    "name.field_not_function.windowed": "{name} — поле, а не функция; с фильтрами или промежутком времени "
                                        "это {function}(...), напр. {example}",
    "name.needs_value": "{name} требует аргумент «{what}»: {example}",
    "name.lookalike": "{name!r} содержит кириллическую букву «{letter}» в столбце {column}; возможно, "
                      "{meant} {hint!r}?",
    "name.lookalike.no_column": "{name!r} содержит кириллическую букву «{letter}»; возможно, "
                                "{meant} {hint!r}?",
    "condition.unknown": "неизвестное условие {condition}",
    "condition.not_yes_no": "{name} — {kind}, а не условие да/нет; сравните его, напр. {example}",
    "contains.type": "contains работает с текстом и списками, а {name} — {kind}",
    "starts_with.type": "starts with работает с текстом, а {name} — {kind}",
    "between.type": "between работает с числами и датами, а {name} — {kind}",
    "between.order": "between {low} and {high}: сначала меньшее значение",
    "between.date_order": "between {low} and {high}: сначала более ранняя дата",
    "compare.field": "нельзя сравнивать {kind} с {name} (тип «{other}»)",
    "compare.types": "нельзя сравнивать {kind} со значением типа «{other}» ({value})",
    "compare.lists": "списки не сравнивают; используйте contains",
    "compare.list": "список нельзя использовать с {op}; используйте contains, напр. tags contains \"vip\"",
    "compare.order": "{op} требует чисел или дат; {kind} сравнивают только через = или !=",
    "compare.duration": "длительность используют только в промежутке времени (within = 90d) или после today "
                        "(today - 90d)",
    "compare.not_a_date": "{value!r} — не дата; пишите даты как 2024-01-31",
    "call.one_value": "{name} принимает одно значение «{what}», напр. {example}",
    "call.named_values_only": "{name} не принимает значений без названия (пишите название = значение), "
                              "напр. {example}",
    "attribute.alone": 'attribute("{key}") сам ничего не говорит: сравните его, напр. attribute("{key}") > 0 '
    'или attribute("{key}") = "да"',
    "attribute.type": 'attribute("{key}") читается как текст, число или дата: сравнивайте его с одним '
    'из них, напр. attribute("{key}") > 0, attribute("{key}") = "да" или attribute("{key}") > 2024-01-31',
    "attribute.key": 'attribute() требует заголовка столбца, напр. attribute("Kidhome")',
    "attribute.key.spaces": 'attribute("{key}"): заголовок столбца не начинается и не заканчивается пробелом',
    "attribute.key.path": 'attribute("{key}") нельзя прочитать на каждом движке: заголовок столбца '
    "с кавычкой или обратной косой чертой не может содержать ещё и точку или скобку (или быть одной *); "
    "переименуйте столбец и импортируйте его снова",
    "attribute.field": 'attribute("{key}") не находит никого: импорт хранит столбец с заголовком '
    "{key!r} в поле {field}, а не как собственный атрибут; пишите {use}",
    "attribute.unknown.hint": 'attribute("{key}") не находит никого: ни у одного клиента нет атрибута '
    "{key!r} (заголовок столбца точно как при импорте); возможно, {hint!r}?",
    "call.value_in_quotes": "значение «{what}» функции {name} — текст в кавычках",
    "call.no_argument": "у {name} нет аргумента {argument!r} (она принимает: {accepted})",
    "call.no_argument.hint": "у {name} нет аргумента {argument!r}; возможно, {hint!r}?",
    "call.no_argument.elsewhere": "у {name} нет аргумента {argument!r} (она принимает: {accepted}); "
                                  "{argument} — аргумент {elsewhere}",
    "call.twice": "{argument} задан дважды",
    "call.within": "within принимает длительность, например 30d, 12w, 6m или 1y",
    "call.between": "between принимает две даты: between = (2024-01-01, 2024-03-31)",
    "call.between_order": "between = ({low}, {high}): сначала более ранняя дата",
    "call.texts": "{argument} принимает текст в кавычках или их список: (\"a\", \"b\")",
    "call.date": "{argument} принимает дату, например 2024-01-31 или today - 30d",
    "family.no_group": "в семействе {family!r} нет группы {value!r}; его группы: {groups}",
    "family.no_group.hint": "в семействе {family!r} нет группы {value!r}; возможно, {hint!r}? "
                            "(его группы: {groups})",
    "family.no_cluster_name": "в семействе {family!r} нет кластера с названием {value!r}; названия его "
                              "кластеров: {groups}",
    "family.no_cluster_name.hint": "в семействе {family!r} нет кластера с названием {value!r}; возможно, "
                                   "{hint!r}? (названия его кластеров: {groups})",
    "date.outside_calendar": "{date} — за пределами календаря",
    "field.not_refreshed": "поле {name} пока недоступно: запустите segmint refresh",
    "field.not_in_features": "поля {name} нет в таблице признаков, которую читает правило (нет столбца "
    "{column}): его вычисляет segmint refresh рабочего пространства, поэтому передайте таблицу "
    "признаков, сохранённую refresh",
    "field.not_clustered": "поле {name} пока недоступно: его вычисляет segmint clusters fit (после "
    "clusters fit --no-refresh — segmint refresh)",
    "field.not_compiled": "{name} не удаётся вычислить",
    "segment.none_known": "in_segment({name!r}): здесь не известно ни одного сегмента",
    "segment.unknown": "неизвестный сегмент {name!r}",
    "segment.unknown.hint": "неизвестный сегмент {name!r}; возможно, {hint!r}?",
    "segment.unknown.case": "неизвестный сегмент {name!r}; возможно, {hint!r}? (в названиях сегментов "
                            "заглавные и строчные буквы различаются)",
    "segment.no_customer_id": "у сегмента {name!r} нет столбца customer_id",
    "segment.cycle": "in_segment(...) образует цикл: {cycle}; динамический сегмент не может зависеть от "
                     "самого себя",
    "segment.static_cycle": "in_segment(...) образует цикл: {cycle}; статический сегмент {name!r} "
                            "замораживается из своего правила, которое не может читать сам {name!r}",
    "json.condition": "{path}: условие — это объект, например {{\"op\": \"=\", ...}} или {{\"and\": [...]}}",
    "json.conditions": "{path}: должно быть непустым списком условий",
    "json.op_missing": "{path}: условию нужен \"op\" (или это {{\"and\": ...}}, {{\"or\": ...}}, "
                       "{{\"not\": ...}})",
    "json.values": "{path}: должно быть непустым списком значений",
    "json.operator": "{path}: неизвестный оператор {op!r}",
    "json.key": "{path}: неожиданный ключ {key!r} (ожидалось: {allowed})",
    "json.arguments": "{path}: args — это список, а kwargs — объект",
    "json.subject": "{path}: ожидалось {{\"field\": название}} или {{\"call\": название, ...}}",
    "json.argument_only": "{path}: длительности и списки используют только как аргументы функций",
    "json.number": "{path}: числа должны быть конечными и не больше 2**53",
    "json.empty_list": "{path}: список значений не может быть пустым",
    "json.date": "{path}: {value!r} — не дата (ГГГГ-ММ-ДД)",
    "json.signed_duration": "{path}: {value!r}: у длительности нет знака; пишите {unsigned!r}",
    "json.unsigned_offset": "{path}: {value!r} требует знака: '-{value}' (до сегодня) или '+{value}' (после)",
    "json.duration": "{path}: {value!r} — не длительность, например 90d или -180d",
    "json.duration.hint": "{path}: {value!r}: неизвестная единица времени {unit!r}; возможно, {hint!r}? "
                          "Единицы — латинские буквы d (дни), w (недели), m (месяцы) и y (годы)",
    "json.value": "{path}: не удаётся прочитать {value} как значение",
}
# fmt: on
