"""Error messages for the mistakes people actually made in user testing (hunt-py, hunt-cli): each says what
is wrong and what to write instead, at the right spot, instead of a nonsense suggestion."""

from __future__ import annotations

import re

import pytest

from segmint.rules import RuleError, compile_rule, from_json, parse_rule
from segmint.rules.docs import DOC_PATH
from segmint.rules.fields import FILTERS
from segmint.web.messages import translate


def error_of(text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        parse_rule(text)
    return info.value


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        # a date word where a date goes (docs/rules.md promised this; it said "did you mean tenure_days")
        ("signup_date > yesterday", 15, "'yesterday' is not a date; write dates as 2024-01-31, or today - 1"),
        ("last_order_date < someday", 19, "'someday' is not a date; write dates as 2024-01-31"),
        ("last_order_date > signup_dat", 19, "unknown field 'signup_dat'; did you mean 'signup_date'?"),
        ("gender = f", 10, "unknown field 'f'; text goes in quotes: \"f\""),
        # an argument of another function: say which ones take it, no "did you mean 'after'"
        ('orders(category = "x") >= 1', 8,
         "orders has no argument 'category' (it accepts: channel, store, within, between, before, after); "
         "category is an argument of bought(category = ...), units(category = ...), "
         "spent_on(category = ...)"),
        ('orders(chanel = "pos") >= 1', 8, "orders has no argument 'chanel'; did you mean 'channel'?"),
        # numbers as people type them
        ("total_spent > 1e3", 15, "1e3: write numbers in full, without an exponent: 1000"),
        ("total_spent > 1e-3", 15, "1e-3: write numbers in full, without an exponent: 0.001"),
        ("total_spent > 1.5e3", 15, "1.5e3: write numbers in full, without an exponent: 1500"),
        ("total_spent > 1,5", 16, "unexpected ','; numbers take a dot for decimals: 1.5"),
        ("age>3or age<2", 5, "write a space after the number: 3 or"),
        ("age>3or", 5, "write a space after the number: 3 or"),
        ("signup_date > 2024-1-5", 15, "write dates as YYYY-MM-DD, months and days in two digits: 2024-01-0"),
        ('city = "\\u04"', 9, "\\u takes four hex digits, e.g. \\u0436"),
        ("orders(within = -90d) >= 1", 17,
         "-90d: a duration has no sign; within = 90d already counts back from today, and a date before "
         "today is today - 90d"),
        # a field with parentheses: the function that takes them
        ("orders_count(within = 30d) >= 1", 1,
         "orders_count is a field, not a function; with filters or a time window it is orders(...)"),
        ("total_spent(within = 1y) > 100", 1, "with filters or a time window it is spent(...)"),
        ("avg_order_value(channel = \"pos\") > 100", 1, "with filters or a time window it is avg_order(...)"),
        # names from RFM tools and CRM exports
        ("recency_days > 30", 1, "unknown field 'recency_days'; did you mean 'days_since_last_order'?"),
        ("monetary > 3", 1, "unknown field 'monetary'; did you mean 'total_spent'?"),
        ("frequency >= 2", 1, "unknown field 'frequency'; did you mean 'orders_count'?"),
        ('first_name = "x"', 1, "unknown field 'first_name': customer names cannot be filtered on"),
        # a keyword is a whole word: "or" is not the start of orders_count, nor "and" of android
        ("total_spent > 5000 orders_count", 20, "unexpected 'orders_count'; expected"),
        ("total_spent > 1 android = 2", 17, "unexpected 'android'"),
        ("city = 'x' notable = 1", 12, "unexpected 'notable'"),
    ],
)  # fmt: skip
def test_messages_say_what_to_write_instead(text, column, message):
    error = error_of(text)
    assert message in error.message
    assert "did you mean 'after'" not in error.message and "tenure_days" not in error.message
    assert (error.line, error.column) == (1, column), error.message


def test_the_caret_sits_under_the_culprit_after_wide_characters_and_tabs():
    """An emoji or a CJK character takes two terminal columns, a combining accent none; the caret counts
    columns, so it stays under `ctiy` (it was one column left per wide character)."""
    for before in ('"🎉🎉"', '"日本"', '"e\u0301"', '"Київ"'):
        error = error_of(f"city = {before} and\tctiy = 1")
        source, marker = error.caret().split("\n")
        shown = source[: source.index("ctiy")]
        width = sum(2 if ch in "🎉日本" else 0 if ch == "\u0301" else 1 for ch in shown)
        assert marker == " " * width + "^", (before, error.caret())


def test_json_type_errors_name_the_json_path():
    document = {
        "and": [
            {"op": "=", "left": {"field": "city"}, "right": "Київ"},
            {"op": ">", "left": {"field": "signup_date"}, "right": "yesterday"},
        ]
    }
    with pytest.raises(RuleError) as info:
        from_json(document)
    assert info.value.message.startswith("$.and[1].right: 'yesterday' is not a date")
    with pytest.raises(RuleError, match=r"^\$\.left\.kwargs\.category: orders has no argument 'category'"):
        from_json({"op": ">=", "left": {"call": "orders", "kwargs": {"category": "x"}}, "right": 1})
    with pytest.raises(RuleError, match=r"^\$\.and\[0\]\.left: unknown field 'ctiy'; did you mean 'city'"):
        from_json(
            {
                "and": [
                    {"op": "=", "left": {"field": "ctiy"}, "right": "x"},
                    {"op": "true", "left": {"field": "consent_email"}},
                ]
            }
        )


def test_an_unknown_segment_suggests_the_one_in_another_case(shop_ctx):
    with pytest.raises(RuleError) as info:
        compile_rule('in_segment("vip") and city = "Київ"', shop_ctx)
    wanted = "unknown segment 'vip'; did you mean 'VIP'? (segment names are case-sensitive)"
    assert wanted in info.value.message
    with pytest.raises(RuleError) as info:
        compile_rule('in_segment("Kyjiv")', shop_ctx)
    assert info.value.message == "unknown segment 'Kyjiv'"  # nothing close: no suggestion
    with pytest.raises(RuleError, match="unknown segment 'VIPP'; did you mean 'VIP'"):
        compile_rule('in_segment("VIPP")', shop_ctx)


def test_what_filters_md_says_takes_time_windows_does_take_them():
    """filters.md said orders_count, total_spent, avg_order_value ... take "filters: channel, store; time
    windows"; they are fields and refused them. Every row that promises windows must accept one, and
    every field with a windowed function names it."""
    page = DOC_PATH.read_text(encoding="utf-8")
    for item in FILTERS:
        row = next(line for line in page.splitlines() if re.match(rf"\| `{re.escape(item.name)}[`(]", line))
        if "time windows" in row:
            parse_rule(f"{item.name}(within = 30d)" + ("" if item.countlike else " is null"))
        else:
            with pytest.raises(RuleError):
                parse_rule(f"{item.name}(within = 30d) is null")
    for field, function in [
        ("orders_count", "orders"),
        ("total_spent", "spent"),
        ("avg_order_value", "avg_order"),
    ]:
        row = next(line for line in page.splitlines() if line.startswith(f"| `{field}`"))
        assert re.search(rf"with filters or a time window: `{function}\(…\)`", row), row


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ('місто = "Київ"', "city"),
        ('стать = "f"', "gender"),
        ("дата_реєстрації < 2013-01-01", "signup_date"),
        ('сімейний_стан = "Married"', "marital_status"),
        ('город = "Одеса"', "city"),
        ("Дата_рождения < 1990-01-01", "birth_date"),
    ],
)
def test_a_field_named_in_ukrainian_or_russian_suggests_the_field_its_import_header_fills(text, hint):
    """Hunt U4: the names an import reads as headers were 'unexpected character' in a rule."""
    with pytest.raises(RuleError) as refused:
        parse_rule(text)
    assert (refused.value.code, refused.value.params["hint"]) == ("unknown_name.hint", hint)
    assert (refused.value.line, refused.value.column) == (1, 1)
    assert f"did you mean {hint!r}?" in str(refused.value)


@pytest.mark.parametrize(
    ("rule", "unit", "hint", "column"),
    [
        ("orders(within = 90д) >= 1", "д", "90d", 19),
        ("orders(within = 90м) >= 1", "м", "90m", 19),  # a Cyrillic м: months, as the m it looks like
        ("orders(within = 30Д) >= 1", "Д", "30d", 19),
        ("orders(within = 6міс) >= 1", "міс", "6m", 18),
        ("orders(within = 2т) >= 1", "т", "2w", 18),
        ("orders(within = 1р) >= 1", "р", "1y", 18),
        ("orders(within = 1г) >= 1", "г", "1y", 18),
        ("orders(within = 12ц) >= 1", "ц", "12w", 19),  # the w key in the Cyrillic layout
        ("signup_date > today - 90days", "days", "90d", 25),
    ],
)
def test_a_time_unit_in_cyrillic_or_in_words_is_refused_with_the_latin_unit_at_the_unit(
    rule, unit, hint, column
):
    """90д or 90м was "unknown time unit 'д'" at the number, the four units listed but none suggested; never
    read as a unit (90м is not 90 months)."""
    with pytest.raises(RuleError) as refused:
        parse_rule(rule)
    error = refused.value
    assert (error.code, error.params["unit"], error.params["hint"]) == ("value.time_unit.hint", unit, hint)
    assert (error.line, error.column) == (1, column) and rule[column - 1 :].startswith(unit)
    assert f"did you mean {hint}?" in error.message


def test_a_cyrillic_unit_that_could_mean_two_units_is_not_guessed():
    """н: неделя's first letter (w), and what the y key types in the Cyrillic layout."""
    with pytest.raises(RuleError) as refused:
        parse_rule("orders(within = 2н) >= 1")
    assert refused.value.code == "value.time_unit" and refused.value.params["unit"] == "н"
    assert refused.value.column == 17


@pytest.mark.parametrize(
    ("rule", "column", "word"),
    [
        ('city = "Київ" and and total_spent > 5000', 19, "and"),
        ('city = "Київ" or and total_spent > 5000', 18, "and"),
        ('(or city = "Київ")', 2, "or"),
        ("and total_spent > 5000", 1, "and"),
    ],
)
def test_a_keyword_where_a_condition_starts_is_the_error_not_the_word_after_it(rule, column, word):
    """'and and x' lexed the second 'and' as a field name, and the caret pointed at the next word:
    "column 23: unexpected 'total_spent'; expected '(', ')', 'and', ..." for a doubled 'and' at 19."""
    with pytest.raises(RuleError) as raised:
        parse_rule(rule)
    assert (raised.value.column, raised.value.code) == (column, "syntax.unexpected.condition")
    assert f"unexpected {word!r}; expected a condition" in str(raised.value)


def test_a_word_after_a_keyword_that_needs_it_is_still_the_error():
    with pytest.raises(RuleError) as raised:
        parse_rule("city not in x")
    assert (raised.value.column, raised.value.code) == (13, "syntax.unexpected.expected")


@pytest.mark.parametrize(
    ("rule", "column", "written", "date"),
    [
        ("signup_date > 01.02.2025", 15, "01.02.2025", "2025-02-01"),
        ("signup_date between 1.2.2025 and 2025-03-01", 21, "1.2.2025", "2025-02-01"),
        ("bought(between = (2025-01-01, 31.12.2025)) > 0", 31, "31.12.2025", "2025-12-31"),
    ],
)
def test_a_date_written_day_first_is_shown_as_a_rule_writes_it(rule, column, written, date):
    """01.02.2025 was lexed as the number 01.02 and a stray '.': "unexpected character '.'; expected ')',
    ',', 'and' or 'or'" at the second dot, with nothing said of dates."""
    with pytest.raises(RuleError) as raised:
        parse_rule(rule)
    error = raised.value
    assert (error.code, error.params, error.column) == (
        "value.date_day_first",
        {"date": date, "written": written},
        column,
    )
    assert f"write dates as YYYY-MM-DD: {date}, not {written}" in str(error)
    assert error.caret().endswith(" " * (column - 1) + "^")
    assert translate(error, "uk").startswith(f"Рядок 1, стовпець {column}: пишіть дати як РРРР-ММ-ДД: {date}")
    assert f"пишите даты как ГГГГ-ММ-ДД: {date}, а не {written}" in translate(error, "ru")


def test_a_day_first_date_not_in_the_calendar_is_said_so():
    with pytest.raises(RuleError) as raised:
        parse_rule("signup_date > 31.02.2025")
    assert (raised.value.code, raised.value.params, raised.value.column) == (
        "value.impossible_date",
        {"date": "31.02.2025"},
        15,
    )


@pytest.mark.parametrize(
    ("rule", "column", "word"),
    [
        ("has_tag(vip)", 9, "vip"),
        ("in_segment(VIP)", 12, "VIP"),
        ('has_tag(vip, "x")', 9, "vip"),
        ("orders(channel = pos) > 1", 18, "pos"),
        ('orders(channel = ("a(", pos), within = 3d) > 1', 25, "pos"),
        ("city in (Київ, Львів)", 10, "Київ"),
        ('city not in ("Київ", Львів)', 22, "Львів"),
    ],
)
def test_a_word_where_text_goes_is_told_to_go_in_quotes(rule, column, word):
    """findings-rules 4: `city = Київ` said `text goes in quotes: "Київ"`, but the same word in a function
    or an `in` list got the parser's own words, `has_tag(vip)` even `unexpected ')'; expected '='` after
    the word."""
    error = error_of(rule)
    assert (error.code, error.line, error.column) == ("syntax.unquoted_text", 1, column)
    assert error.message == f'unexpected {word!r}; text goes in quotes: "{word}"'
    assert translate(error, "uk", place=False) == f'неочікуване {word!r}; текст пишуть у лапках: "{word}"'


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("orders(channel) > 1", "unexpected ')'; expected '='"),  # the value is missing, not its quotes
        ("orders(before = yesterday) > 1", "unexpected 'yesterday'; expected"),  # a date goes there
        ("orders(between = (today, yesterday)) > 1", "unexpected 'yesterday'; expected"),
    ],
)
def test_a_word_where_no_text_goes_is_not_told_to_go_in_quotes(rule, message):
    error = error_of(rule)
    assert error.code == "syntax.unexpected.expected" and error.message.startswith(message)


@pytest.mark.parametrize(
    ("value", "key", "unit", "hint"),
    [
        ("90д", "duration", "д", "90d"),
        ("6міс", "duration", "міс", "6m"),
        ("1year", "duration", "year", "1y"),
        ("-90дней", "today", "дней", "-90d"),
        ("+2тижні", "today", "тижні", "+2w"),
    ],
)
def test_a_json_rules_time_unit_in_cyrillic_or_in_words_is_refused_with_the_latin_unit(
    value, key, unit, hint
):
    """The JSON form read {"duration": "90д"} as json.duration, "not a duration such as 90d or -180d", where
    the text form's within = 90д names 90d (value.time_unit.hint); now it names it too, at its JSON path."""
    left = (
        {"call": "orders", "kwargs": {"within": {key: value}}}
        if key == "duration"
        else {"field": "signup_date"}
    )
    data = {"op": ">", "left": left, "right": 0 if key == "duration" else {key: value}}
    path = "$.left.kwargs.within" if key == "duration" else "$.right"
    with pytest.raises(RuleError) as refused:
        from_json(data)
    error = refused.value
    assert error.code == "json.duration.hint"
    assert error.params == {"path": path, "value": value, "unit": unit, "hint": hint}
    assert str(error).startswith(f"{path}: {value!r}: unknown time unit {unit!r}; did you mean {hint!r}?")
    assert translate(error, "uk").startswith(
        f"{path}: {value!r}: невідома одиниця часу {unit!r}; можливо, {hint!r}?"
    )
    assert translate(error, "ru").startswith(
        f"{path}: {value!r}: неизвестная единица времени {unit!r}; возможно, {hint!r}?"
    )


def test_a_json_duration_neither_latin_nor_a_unit_named_otherwise_is_not_guessed():
    """н could be неделя's (w) or the y key's: still json.duration, as value.time_unit in the text form."""
    with pytest.raises(RuleError) as refused:
        from_json({"op": ">", "left": {"field": "signup_date"}, "right": {"today": "-2н"}})
    assert refused.value.code == "json.duration" and refused.value.params == {
        "path": "$.right",
        "value": "-2н",
    }


def test_a_json_duration_reads_as_its_text_does_in_any_case_and_up_to_the_same_span():
    """{"duration": "90D"} was json.duration where within = 90D is 90d; {"duration": "200000d"} was read,
    and its text, which the API stores, then refused (value.long_span at a line and column no one wrote)."""
    for text, written in (("90D", "90d"), ("100000W", "100000w")):
        rule = {"op": ">=", "left": {"call": "orders", "kwargs": {"within": {"duration": text}}}, "right": 1}
        assert from_json(rule) == parse_rule(f"orders(within = {text}) >= 1")
        assert from_json(rule) == parse_rule(f"orders(within = {written}) >= 1")
    today = {"op": ">", "left": {"field": "signup_date"}, "right": {"today": "-1Y"}}
    assert from_json(today) == parse_rule("signup_date > today - 1y")

    too_long = {"op": ">", "left": {"field": "signup_date"}, "right": {"today": "-200000d"}}
    with pytest.raises(RuleError) as refused:
        from_json(too_long)
    error = refused.value
    assert (error.code, error.params) == ("value.long_span", {"path": "$.right", "duration": "-200000d"})
    assert str(error) == "$.right: -200000d is too long a time span"
    assert translate(error, "uk") == "$.right: -200000d — задовгий проміжок часу"
    with pytest.raises(RuleError) as refused:
        parse_rule("signup_date > today - 200000d")
    assert refused.value.code == "value.long_span"
