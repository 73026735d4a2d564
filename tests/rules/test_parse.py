"""Parsing rule text: the tree it gives, and the errors (position, caret, suggestion) when it is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

import segmint
from segmint.rules import RuleError, parse_rule
from segmint.rules import ast as a

ISSUE_EXAMPLE = """rfm.group in ("At Risk", "Can't Lose Them") and city = "Київ"
  and bought(category = "Shoes", within = 90d) >= 2
  and not opened_email(within = 30d)"""


def test_the_issue_example_parses_to_the_expected_tree():
    rule = parse_rule(ISSUE_EXAMPLE)
    assert rule.condition == a.And(
        (
            a.InList(a.FieldRef("rfm.group"), (a.String("At Risk"), a.String("Can't Lose Them"))),
            a.Compare(a.FieldRef("city"), "=", a.String("Київ")),
            a.Compare(
                a.Call(
                    "bought",
                    kwargs=(a.Kwarg("category", a.String("Shoes")), a.Kwarg("within", a.Duration(90, "d"))),
                ),
                ">=",
                a.Number(2),
            ),
            a.Not(a.Truthy(a.Call("opened_email", kwargs=(a.Kwarg("within", a.Duration(30, "d")),)))),
        )
    )
    # positions point at where each piece starts (line 3, column 3 is the `not`)
    assert rule.condition.items[3].pos == a.Pos(3, 7)
    assert rule.condition.items[2].left.pos == a.Pos(2, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a_b = 1 or c = 2 and d = 3", "or(a_b, and(c, d))"),  # and binds tighter than or
        ("(a_b = 1 or c = 2) and d = 3", "and(or(a_b, c), d)"),
        ("not a_b = 1 and c = 2", "and(not(a_b), c)"),
        ("a_b = 1 and (c = 2 and d = 3)", "and(a_b, c, d)"),  # nested and is flattened
        ("NOT (a_b = 1 OR c = 2)", "not(or(a_b, c))"),  # keywords in any case
    ],
)
def test_precedence_and_flattening(text, expected):
    def shape(node) -> str:
        if isinstance(node, a.And | a.Or):
            name = "and" if isinstance(node, a.And) else "or"
            return f"{name}({', '.join(shape(item) for item in node.items)})"
        if isinstance(node, a.Not):
            return f"not({shape(node.item)})"
        return node.left.name

    assert shape(parse_rule(text, check=False).condition) == expected


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("age between 25 and 34", a.Between(a.FieldRef("age"), a.Number(25), a.Number(34))),
        ("age not between 25 and 34", a.Between(a.FieldRef("age"), a.Number(25), a.Number(34), True)),
        ('city not in ("Львів",)', a.InList(a.FieldRef("city"), (a.String("Львів"),), True)),
        ('tags contains "vip"', a.Contains(a.FieldRef("tags"), a.String("vip"))),
        ("region starts with 'Льв'", a.StartsWith(a.FieldRef("region"), a.String("Льв"))),
        ("email is not null", a.IsNull(a.FieldRef("email"), True)),
        ("birth_date is null", a.IsNull(a.FieldRef("birth_date"))),
        ("churn_probability >= 0.75", a.Compare(a.FieldRef("churn_probability"), ">=", a.Number(0.75))),
        ("nps_last > -1", a.Compare(a.FieldRef("nps_last"), ">", a.Number(-1))),
        ("consent_sms == false", a.Compare(a.FieldRef("consent_sms"), "=", a.Boolean(False))),
        ('country <> "UA"', a.Compare(a.FieldRef("country"), "!=", a.String("UA"))),
        ("signup_date > today - 180d",
         a.Compare(a.FieldRef("signup_date"), ">", a.RelativeDate(-1, a.Duration(180, "d")))),
        ("signup_date <= TODAY + 2w",
         a.Compare(a.FieldRef("signup_date"), "<=", a.RelativeDate(1, a.Duration(2, "w")))),
        ("birth_date < 1990-01-31", a.Compare(a.FieldRef("birth_date"), "<", a.Date(dt.date(1990, 1, 31)))),
        ('has_tag("vip")', a.Truthy(a.Call("has_tag", (a.String("vip"),)))),
        ("orders(between = (2024-01-01, today), channel = (\"pos\", \"online\")) >= 2",
         a.Compare(a.Call("orders", kwargs=(
             a.Kwarg("between", a.Tuple((a.Date(dt.date(2024, 1, 1)), a.RelativeDate())),),
             a.Kwarg("channel", a.Tuple((a.String("pos"), a.String("online"))))),
         ), ">=", a.Number(2))),
        ('City = "a\\"b\\\\c\\n"  # a comment', a.Compare(a.FieldRef("city"), "=", a.String('a"b\\c\n'))),
        ("opened_email", a.Truthy(a.FieldRef("opened_email"))),  # a function without arguments
    ],
)  # fmt: skip
def test_constructs(text, condition):
    assert parse_rule(text).condition == condition


def caret_of(text: str) -> tuple[int, int, str, str]:
    with pytest.raises(RuleError) as info:
        parse_rule(text)
    err = info.value
    return err.line, err.column, err.message, err.caret()


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('ctiy = "Київ"', 1, 1, "unknown field 'ctiy'; did you mean 'city'?"),
        ('city = "Київ" and\n  bougth(within = 30d) >= 1', 2, 3,
         "unknown function 'bougth'; did you mean 'bought'?"),
        ('bought(categry = "Shoes") >= 1', 1, 8,
         "bought has no argument 'categry'; did you mean 'category'?"),
        ("orders(within = 90x) >= 1", 1, 17, "unknown time unit 'x' in 90x"),
        ('signup_date > "yesterday"', 1, 15, "'yesterday' is not a date"),
        ('age between "a" and 3', 1, 13, "cannot compare a number with a text"),
        ("age between 40 and 30", 1, 13, "the smaller value goes first"),
        ("signup_date between 2024-03-01 and 2024-01-01", 1, 21, "the earlier date goes first"),
        ("signup_date between 1 and 2", 1, 21, "cannot compare a date with a number"),
        ("birth_date = 2023-02-29", 1, 14, "2023-02-29 is not a valid date"),
        ('city = "Київ', 1, 8, "is not closed"),
        ("city = ", 1, 7, "the rule ends too early"),  # just after the last thing written
        ('city "Київ"', 1, 6, "unexpected '\"Київ\"'"),
        ("(age > 3", 1, 9, "the rule ends too early; expected 'and', 'or' or ')'"),
        ("age > 3)", 1, 8, "unexpected ')'"),
        # no '(' is open: ')' and ',' are not among what may come (lark's state allowed them)
        ('city = "Київ" total_spent > 1', 1, 15,
         "unexpected 'total_spent'; expected 'and', 'or' or the end of the rule"),
        ('city in ("a" "b")', 1, 14, "unexpected '\"b\"'; expected ',' or ')'"),
        # the Ukrainian and Russian words for and, or, not
        ('city = "Київ" та total_spent > 1', 1, 15, "unexpected 'та'; write 'and'"),
        ('city = "Київ" или age > 3', 1, 15, "unexpected 'или'; write 'or'"),
        ('не city = "x"', 1, 1, "unexpected 'не'; write 'not'"),
        ("age ≥ 3", 1, 5, "unexpected character '≥'"),
        ('tags = "vip"', 1, 8, "a list cannot be used with =; use contains"),
        ("total_spent", 1, 1, "total_spent is a number, not a yes/no condition"),
        ('city > "A"', 1, 8, "> needs numbers or dates"),
        ('orders(within = "90d") >= 1', 1, 17, "within takes a duration"),
        ("orders(within = 30d, within = 60d) >= 1", 1, 22, "within is given twice"),
        ("has_tag", 1, 1, "has_tag needs a tag"),
        ("has_tag(1)", 1, 9, "the tag of has_tag is text in quotes"),
        ("city(1) = 2", 1, 1, "city is a field, not a function"),
        ('region starts with 5', 1, 20, "cannot compare a text with a number"),
        ("age > 30d", 1, 7, "a duration is only used in a time window"),
        ('city = "a\\qb"', 1, 10, "unknown escape \\q"),
        ("xyzzy = 1", 1, 1, "unknown field 'xyzzy'; docs/filters.md lists every filter"),
    ],
)  # fmt: skip
def test_errors_say_what_and_where(text, line, column, message):
    got_line, got_column, got_message, caret = caret_of(text)
    assert (got_line, got_column) == (line, column), got_message
    assert message in got_message
    source, marker = caret.split("\n")
    assert source == "  " + text.split("\n")[line - 1]
    assert marker == "  " + " " * (column - 1) + "^"


def test_error_text_has_position_message_and_caret():
    with pytest.raises(segmint.RuleError) as info:  # re-exported at the top level
        parse_rule('city = "Київ" and ctiy = "Львів"')
    assert str(info.value) == (
        "line 1, column 19: unknown field 'ctiy'; did you mean 'city'?\n"
        '  city = "Київ" and ctiy = "Львів"\n'
        "                    ^"
    )
    assert isinstance(info.value, ValueError) and isinstance(info.value, segmint.SegmintError)


def test_the_caret_counts_characters_not_bytes():
    # Cyrillic letters are two bytes in UTF-8; the caret must still sit under the culprit
    *_, caret = caret_of('city = "Київ" and ctiy = "Київ"')
    assert caret.split("\n")[1].index("^") == caret.split("\n")[0].index("ctiy")


def test_depth_and_size_limits_are_rule_errors():
    with pytest.raises(RuleError, match="nested more than"):
        parse_rule("not " * 5000 + "consent_email")
    with pytest.raises(RuleError, match="longer than"):
        parse_rule("consent_email or " * 10000 + "consent_email")
    assert parse_rule("(" * 500 + "consent_email" + ")" * 500).condition == a.Truthy(
        a.FieldRef("consent_email")
    )


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_rules_are_rule_errors(text):
    with pytest.raises(RuleError, match="empty"):
        parse_rule(text)


def test_no_break_spaces_from_pasted_text_are_whitespace():
    assert parse_rule("age\u00a0>\u00a030").condition == a.Compare(a.FieldRef("age"), ">", a.Number(30))


# a word for each terminal the parser may expect, and the terminals it may be read as (a keyword where no
# keyword goes is read as a name; '=' is a comparison or a function argument's)
_SAMPLES = {
    "x": {"NAME"},
    '"a"': {"STRING"},
    "1": {"NUMBER"},
    "2024-01-31": {"DATE"},
    "30d": {"DURATION"},
    "-": {"MINUS"},
    "+": {"PLUS"},
    "=": {"CMP", "EQUAL"},
    "(": {"LPAR"},
    ")": {"RPAR"},
    ",": {"COMMA"},
    **{word: {word, "NAME"} for word in ("and", "or", "not", "in", "between", "contains", "starts", "with",
                                         "is", "null", "true", "false", "today")},
}  # fmt: skip
_PREFIXES = (
    *("", "not", "(", "age", "age >", "age > 3", "(age > 3", "((age > 3 and consent_sms", "age > 3 and"),
    *("city in (", "city in ('a'", "city not", "age between 1", "age between 1 and", 'tags contains "a"'),
    *("email starts", "email starts with", "city is", "city is not", "orders(", "orders(within"),
    *("orders(within = 90d", "orders(within = 90d)", "signup_date > today", "signup_date > today -"),
    *("bought(between = (2024-01-01", "consent_email", "city = 'Київ'", "not (consent_email"),
)


def _gets_past(prefix: str, word: str) -> bool:
    """Whether the parser reads `word` after `prefix` (the rule may still be unfinished after it)."""
    try:
        parse_rule(f"{prefix} {word}", check=False)
    except RuleError as error:
        at_the_word = (error.line, error.column) == (1, len(prefix) + 2)
        return not at_the_word or error.code.startswith("syntax.ends_early")
    return True


@pytest.mark.parametrize("prefix", _PREFIXES)
def test_what_a_syntax_error_expects_is_everything_that_may_come_there(prefix):
    """findings-rules 5: lark's list is that of the state after the reductions the culprit caused, so
    `(age > 3` followed by anything wrong got "expected ')' or 'or'", leaving out 'and'. Every word the
    parser reads after the text is listed, and no other."""
    with pytest.raises(RuleError) as caught:
        parse_rule(f"{prefix} ~", check=False)
    expected = set(caught.value.params["expected"])
    for word, terminals in _SAMPLES.items():
        assert _gets_past(prefix, word) == bool(terminals & expected), (prefix, word, sorted(expected))
    try:
        parse_rule(prefix, check=False)
    except RuleError:
        assert "$END" not in expected, prefix
    else:
        assert "$END" in expected, prefix


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(age > 3", "the rule ends too early; expected 'and', 'or' or ')'"),
        ("age > 3 )", "unexpected ')'; expected 'and', 'or' or the end of the rule"),
        ("city = 'Київ' 5", "unexpected '5'; expected 'and', 'or' or the end of the rule"),
        ("(consent_email", "the rule ends too early; expected a comparison (= != < <= > >=), 'in', 'not', "
         "'between', 'contains', 'starts', 'is', 'and', 'or', '(' or ')'"),
        ("age >", "the rule ends too early; expected a field or function name, a text in quotes, a number, "
         "'-', a date (YYYY-MM-DD), a duration such as 90d, 'today', 'true' or 'false'"),
        ("age > 3 and", "the rule ends too early; expected a field or function name, 'not' or '('"),
    ],
)  # fmt: skip
def test_what_a_syntax_error_expects_comes_in_a_fixed_order(text, message):
    with pytest.raises(RuleError) as caught:
        parse_rule(text)
    assert caught.value.message == message


def _lookalike(word: str, letter: str, column: int, kind: str, meant: str) -> str:
    where = f"{word!r} contains the Cyrillic letter «{letter}» at column {column}"
    return f"{where}; did you mean the {kind} {meant!r}?"


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [  # the Cyrillic letters: с in сity, а in аnd, о in nоt, оrders and оr, і in іs and withіn, е in truе
        ('сity = "Київ"', 1, _lookalike("сity", "с", 1, "field", "city")),
        ('city = "Київ" аnd age > 3', 15, _lookalike("аnd", "а", 15, "keyword", "and")),
        ("nоt consent_email", 2, _lookalike("nоt", "о", 2, "keyword", "not")),
        ("оrders_count > 1", 1, _lookalike("оrders_count", "о", 1, "field", "orders_count")),
        ("оrders(within = 90d) > 1", 1, _lookalike("оrders", "о", 1, "function", "orders")),
        ("age > 3 оr consent_sms", 9, _lookalike("оr", "о", 9, "keyword", "or")),
        ("city іs null", 6, _lookalike("іs", "і", 6, "keyword", "is")),
        ("consent_email = truе", 20, _lookalike("truе", "е", 20, "keyword", "true")),
        ("orders(withіn = 90d) > 1", 12, _lookalike("withіn", "і", 12, "argument", "within")),
        ("СITY = 'x'", 1, _lookalike("СITY", "С", 1, "field", "city")),
    ],
)
def test_a_name_typed_with_cyrillic_look_alike_letters_says_which_letter(text, column, message):
    """findings-rules 6: a keyboard left in the Ukrainian or Russian layout types `сity`, `аnd`; the
    errors read "did you mean 'city'?" and "unexpected 'аnd'; expected 'and'", for words that look the
    same. The error names the letter and points at it."""
    with pytest.raises(RuleError) as caught:
        parse_rule(text)
    error = caught.value
    assert (error.message, error.line, error.column, error.code) == (message, 1, column, "name.lookalike")
    assert error.caret().endswith("\n  " + " " * (column - 1) + "^")


def test_look_alike_letters_change_nothing_else():
    """Text in quotes keeps its letters; a Ukrainian word is not a mistyped Latin one (місто keeps its
    hint); a rule on its second line is told at the letter's own line and column."""
    rule = parse_rule('city = "сity" and tags contains "аnd"')
    assert rule.condition.items[0].right.value == "сity" and rule.condition.items[1].value.value == "аnd"
    with pytest.raises(RuleError) as caught:
        parse_rule('місто = "Київ"')
    assert caught.value.code == "unknown_name.hint" and caught.value.params["hint"] == "city"
    with pytest.raises(RuleError) as caught:
        parse_rule("age > 3\n  and сonsent_email")
    error = caught.value
    assert (error.code, error.line, error.column) == ("name.lookalike", 2, 7)
    assert error.params["hint"] == "consent_email"


def test_look_alike_letters_in_a_json_rule_are_told_at_its_path():
    with pytest.raises(RuleError) as caught:
        segmint.rules.from_json(
            {
                "and": [
                    {"op": "true", "left": {"field": "consent_sms"}},
                    {"op": "=", "left": {"field": "сity"}, "right": "сity"},
                ]
            }
        )
    error = caught.value
    assert error.code == "name.lookalike.no_column" and error.line is None
    assert error.message.startswith(
        "$.and[1].left: 'сity' contains the Cyrillic letter «с»; did you mean the field 'city'? (in: "
    )
