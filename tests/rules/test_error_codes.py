"""Every RuleError carries a stable code and params, and the web UI words every code in Ukrainian and Russian
(web/rule_errors.py, rule_errors_ru.py) instead of matching the English text, which broke silently when a
message's wording changed. One real mistake per code (parse, check, compile on a real workspace, segment
cycles, the JSON form); a scan of the source fails when a raise site has no code or a code no wording."""

from __future__ import annotations

import ast as pyast
import re
from pathlib import Path

import duckdb
import pytest
from tests.coded import SOURCE, calls, placeholders

from segmint.errors import RuleError
from segmint.rules import CompileContext, compile_rule, from_json, parse_rule
from segmint.rules.attribute import matching_nobody
from segmint.rules.check import Checker, Groups, check_groups
from segmint.rules.fields import CATALOGUE
from segmint.segments.model import Segment
from segmint.segments.resolve import check_cycles, reads_itself
from segmint.web.messages import translate
from segmint.web.rule_errors import UK
from segmint.web.rule_errors_ru import RU

ENGLISH = re.compile(
    r"\b(the|unexpected|expected|unknown|write|did you mean|is not|cannot|needs|takes|goes|use|"
    r"has no|must|only|makes|a list|a number|a field|is a)\b"
)
FOREIGN = {"uk": "ыэъёЫЭЪЁ", "ru": "іїєґІЇЄҐ"}  # letters of the other language only
WORDED = {"kind", "other", "expected"}  # params shown in the language's words (a type, what was expected)
RFM = CATALOGUE["rfm.group"].how.column

# code -> the rule text that makes it (parse_rule), or a function of the compile context that raises it
SAMPLES: dict[str, object] = {
    "rule.not_text": lambda ctx: parse_rule(5),
    "rule.too_long": "a" * 100_001,
    "rule.empty": "  ",
    "rule.too_deep": "not " * 70 + "email_opt_in",
    "syntax.positional_after_named": 'bought(within = 30d, "x") > 0',
    "syntax.unclosed_text": 'city = "Київ',
    "syntax.unexpected_character.expected": "total_spent @ 5",
    "syntax.ends_early.expected": 'city = "Київ" and (',
    "syntax.decimal_comma": "total_spent > 1,5",
    "syntax.glued_number": "orders_count > 3or city = 1",
    "syntax.exponent": "bought(within = 1e) > 0",
    "syntax.exponent.in_full": "total_spent > 1e3",
    "syntax.unexpected.expected": "total_spent > 5000 orders_count",
    "syntax.unexpected.keyword": 'city = "Київ" та total_spent > 1',
    "syntax.unquoted_text": "has_tag(vip)",
    "syntax.unexpected.condition": 'city = "Київ" and and total_spent > 5000',
    "value.impossible_date": "signup_date > 2024-02-30",
    "value.date_digits": "signup_date > 2024-2-03",
    "value.date_day_first": "signup_date > 01.02.2025",
    "value.signed_duration": "bought(within = -30d) > 0",
    "value.time_unit": "bought(within = 3q) > 0",
    "value.time_unit.hint": "bought(within = 30д) > 0",
    "value.long_span": "bought(within = 200000d) > 0",
    "value.large_number": "total_spent > 99999999999999999999",
    "value.short_unicode_escape": 'city = "\\u12"',
    "value.escape": 'city = "a\\q"',
    "value.nul": 'city = "a\\u0000"',
    "value.surrogate": 'city = "\\ud800"',
    "unknown_name": "nosuchthing_at_all > 3",
    "unknown_name.hint": 'rfm.grop = "Champions"',
    "unknown_name.customer_name": 'first_name = "Olena"',
    "unknown_name.quote": "gender = f",
    "unknown_name.date_word": "last_order_date > yesterday",
    "unknown_name.not_a_date": "last_order_date < someday",
    "name.field_not_function": 'city() = "Київ"',
    "name.field_not_function.windowed": "total_spent(within = 30d) > 1",
    "name.needs_value": "has_tag",
    "name.lookalike": 'сity = "Київ"',  # a Cyrillic с
    "name.lookalike.no_column": lambda ctx: from_json({"op": "true", "left": {"field": "cоnsent_email"}}),
    "condition.unknown": lambda ctx: Checker(None).condition(object()),
    "condition.not_yes_no": "city",
    "contains.type": 'total_spent contains "x"',
    "starts_with.type": 'total_spent starts with "x"',
    "between.type": "city between 1 and 2",
    "between.order": "orders_count between 10 and 2",
    "between.date_order": "signup_date between 2024-02-01 and 2024-01-01",
    "compare.field": "total_spent > city",
    "compare.types": 'total_spent > "abc"',
    "compare.lists": "tags = tags",
    "compare.list": 'tags = "vip"',
    "compare.order": 'city > "Київ"',
    "compare.duration": "total_spent > 30d",
    "compare.not_a_date": 'signup_date > "abc"',
    "call.one_value": "has_tag() ",
    "call.named_values_only": 'bought("x") > 0',
    "call.value_in_quotes": "has_tag(5)",
    "call.no_argument": 'orders(foo = "x") > 1',
    "call.no_argument.hint": 'orders(chanel = "pos") >= 1',
    "call.no_argument.elsewhere": 'orders(category = "x") >= 1',
    "call.twice": "bought(within = 30d, within = 60d) > 0",
    "call.within": "bought(within = 5) > 0",
    "call.between": "bought(between = 5) > 0",
    "call.between_order": "bought(between = (2024-03-01, 2024-01-01)) > 0",
    "call.texts": "bought(category = 5) > 0",
    "call.date": "bought(before = 5) > 0",
    "family.no_group": lambda ctx: check_groups(
        parse_rule('rfm.group = "Zzz"'), {RFM: Groups("rfm", ("A", "B"))}
    ),
    "family.no_group.hint": lambda ctx: check_groups(
        parse_rule('rfm.group = "Champs"'), {RFM: Groups("rfm", ("Champions", "Loyal"))}
    ),
    "family.no_cluster_name": lambda ctx: check_groups(
        parse_rule('rfm.group = "Zzz"'), {RFM: Groups("clusters", ("Big", "Small"), "cluster name")}
    ),
    "family.no_cluster_name.hint": lambda ctx: check_groups(
        parse_rule('rfm.group = "Bigg"'), {RFM: Groups("clusters", ("Big", "Small"), "cluster name")}
    ),
    "date.outside_calendar": lambda ctx: compile_rule("last_order_date > today - 99999y", ctx),
    "field.not_refreshed": lambda ctx: compile_rule("p_alive < 0.3", _with(ctx, features=None)),
    "field.not_in_features": lambda ctx: compile_rule("p_alive < 0.3", ctx),  # the shop's has no p_alive
    "field.not_clustered": lambda ctx: compile_rule('cluster.name = "Loyal"', ctx),
    "segment.none_known": lambda ctx: compile_rule('in_segment("VIP")', _with(ctx, segments=None)),
    "segment.unknown": lambda ctx: compile_rule('in_segment("VIP")', _with(ctx, segments=lambda name: None)),
    "segment.unknown.hint": lambda ctx: compile_rule('in_segment("VIPs")', ctx),
    "segment.unknown.case": lambda ctx: compile_rule('in_segment("vip")', ctx),
    "segment.no_customer_id": lambda ctx: compile_rule(
        'in_segment("X")', _with(ctx, segments={"X": ctx.customers.select("city")}.get)
    ),
    "segment.cycle": lambda ctx: check_cycles(
        {"A": _dynamic("A", 'in_segment("B")'), "B": _dynamic("B", 'in_segment("A")')}
    ),
    "segment.static_cycle": lambda ctx: reads_itself(
        "S", 'in_segment("D")', {"D": _dynamic("D", 'in_segment("S")')}
    ),
    "attribute.alone": 'attribute("Kidhome")',
    "attribute.type": 'attribute("Kidhome") = true',
    "attribute.key": 'attribute("") > 0',
    "attribute.key.spaces": 'attribute(" Kidhome") > 0',
    "attribute.key.path": 'attribute("it\'s.x") > 0',
    "attribute.field": lambda ctx: _first_of(
        matching_nobody(_no_custom_attributes(), parse_rule('attribute("Education") = "PhD"'))
    ),
    "attribute.unknown.hint": lambda ctx: _first_of(
        matching_nobody(_custom_attributes('{"Kidhome": "1"}'), parse_rule('attribute("kidhome") > 0'))
    ),
    "json.condition": lambda ctx: from_json([1]),
    "json.conditions": lambda ctx: from_json({"and": []}),
    "json.op_missing": lambda ctx: from_json({"left": {"field": "city"}}),
    "json.values": lambda ctx: from_json({"op": "in", "left": {"field": "city"}, "values": []}),
    "json.operator": lambda ctx: from_json({"op": "~", "left": {"field": "city"}}),
    "json.key": lambda ctx: from_json({"op": "=", "left": {"field": "city"}, "right": "x", "extra": 1}),
    "json.arguments": lambda ctx: from_json({"op": ">", "left": {"call": "bought", "args": {}}, "right": 0}),
    "json.subject": lambda ctx: from_json({"op": "=", "left": "city", "right": "x"}),
    "json.argument_only": lambda ctx: from_json(
        {"op": ">", "left": {"field": "age"}, "right": {"duration": "3d"}}
    ),
    "json.number": lambda ctx: from_json({"op": ">", "left": {"field": "age"}, "right": 2**60}),
    "json.empty_list": lambda ctx: from_json(
        {"op": ">", "left": {"call": "bought", "args": [[]]}, "right": 0}
    ),
    "json.date": lambda ctx: from_json({"op": ">", "left": {"field": "signup_date"}, "right": {"date": "x"}}),
    "json.signed_duration": lambda ctx: from_json(
        {"op": ">", "left": {"call": "bought", "kwargs": {"within": {"duration": "-3d"}}}, "right": 0}
    ),
    "json.unsigned_offset": lambda ctx: from_json(
        {"op": ">", "left": {"field": "signup_date"}, "right": {"today": "3d"}}
    ),
    "json.duration": lambda ctx: from_json(
        {"op": ">", "left": {"field": "signup_date"}, "right": {"today": "x"}}
    ),
    "json.duration.hint": lambda ctx: from_json(
        {"op": ">", "left": {"field": "signup_date"}, "right": {"today": "-90д"}}
    ),
    "json.value": lambda ctx: from_json({"op": ">", "left": {"field": "age"}, "right": None}),
}
# raise sites no input reaches, worded all the same: a filter the compiler does not know (the catalogue has
# none), and lark saying nothing of what it expected (not in 18,000 rules of up to three tokens tried)
UNREACHABLE = {"field.not_compiled", "syntax.unexpected_character", "syntax.ends_early", "syntax.unexpected"}


def _no_custom_attributes() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE customers (custom JSON)")
    return con


def _custom_attributes(*documents: str) -> duckdb.DuckDBPyConnection:
    con = _no_custom_attributes()
    con.executemany("INSERT INTO customers VALUES (?)", [[doc] for doc in documents])
    return con


def _first_of(errors: list[RuleError]) -> None:
    raise errors[0]


def _with(ctx: CompileContext, **changes) -> CompileContext:
    return CompileContext(**{**ctx.__dict__, **changes})


def _dynamic(name: str, rule: str) -> Segment:
    return Segment(segment_id=name.lower(), name=name, kind="dynamic", rule=rule)


def raised(code: str, ctx: CompileContext) -> RuleError:
    sample = SAMPLES[code]
    with pytest.raises(RuleError) as caught:
        if callable(sample):
            sample(ctx)
        else:
            parse_rule(sample)
    return caught.value


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_code_is_raised_and_worded_in_ukrainian_and_russian(code, shop_ctx):
    error = raised(code, shop_ctx)
    assert error.code == code, error
    assert translate(error, "en") == str(error)  # English as the library wrote it
    for lang in ("uk", "ru"):
        shown = translate(error, lang)
        assert shown != str(error) and shown.splitlines()[0] != error.message, shown
        alone = translate(error, lang, place=False)
        # the English sentence is gone; the rule's own text and quoted names may stay
        quoted = re.sub(r"'[^']*'|\"[^\"]*\"|\{.*\}|\S*_\S*|\$\S*", "", alone)
        assert not ENGLISH.search(quoted), (lang, alone)
        assert not any(letter in FOREIGN[lang] for letter in quoted), (lang, alone)
        for key, value in error.params.items():  # what the message quotes is shown (lists: each item)
            if key not in WORDED:
                for item in value if isinstance(value, list) else [value]:
                    assert str(item) in alone, (lang, key, item, alone)


def test_the_place_of_an_error_is_worded_and_the_caret_kept(shop_ctx):
    error = raised("unknown_name.hint", shop_ctx)
    assert translate(error, "uk") == (
        "Рядок 1, стовпець 1: невідоме поле 'rfm.grop'; можливо, 'rfm.group'?\n" + error.caret()
    )
    assert translate(error.of_segment("Big"), "ru").startswith(
        "Сегмент «Big», строка 1, столбец 1: неизвестное"
    )
    cycle = raised("segment.cycle", shop_ctx).of_segment("A")
    assert translate(cycle, "uk").startswith("Сегмент «A»: in_segment(...) утворює цикл: 'A' -> 'B' -> 'A'")


def test_an_unknown_code_is_shown_as_the_library_wrote_it():
    error = RuleError("something new", 1, 2, "x = 1", code="no.such.code")
    assert translate(error, "uk") == str(error)
    assert translate(error, "ru", place=False) == "something new"


def test_a_json_rules_check_error_keeps_its_code_and_says_where():
    with pytest.raises(RuleError) as caught:
        from_json({"op": "=", "left": {"field": "rfm.grop"}, "right": "x"})
    error = caught.value
    assert (
        error.message == "$.left: unknown field 'rfm.grop'; did you mean 'rfm.group'? (in: rfm.grop = \"x\")"
    )
    assert error.code == "unknown_name.hint" and error.params["path"] == "$.left"
    assert (
        translate(error, "uk")
        == "$.left: невідоме поле 'rfm.grop'; можливо, 'rfm.group'? (у правилі: rfm.grop = \"x\")"
    )


def test_every_code_has_both_wordings_with_the_same_names():
    assert sorted(UK) == sorted(RU)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
    assert sorted(set(UK) - UNREACHABLE) == sorted(SAMPLES)  # each code is raised above


def test_docs_list_every_code():
    """docs/rules.md ("Codes") names each code, a variant as `base[.a|.b]`."""
    text = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    listed = set()
    for base, variants in re.findall(r"`([a-z_]+(?:\.[a-z_]+)*)(?:\[([a-z_.|]+)\])?`", text):
        listed.add(base)
        listed |= {base + variant for variant in variants.split("|") if variant}
    assert sorted(set(UK) - listed) == []


def _raise_sites() -> list[tuple[str, int, str, pyast.Call]]:
    """Every call that makes a RuleError in the package: RuleError(...) and the helpers that build one."""
    helpers = {"_error", "error", "_fail"}  # functions that build one (_has_code: where their code goes)

    def where(path: Path, name: str) -> bool:
        if path.parent.name == "web" or "RuleError" not in path.read_text(encoding="utf-8"):
            return False
        return name == "RuleError" or path.parent.name in ("rules", "segments")

    return calls({"RuleError", *helpers}, where=where)


def _has_code(name: str, call: pyast.Call) -> bool:
    position = {"RuleError": 99, "_error": 3, "error": 2, "_fail": 2}[name]
    keywords = {keyword.arg for keyword in call.keywords}
    return "code" in keywords or None in keywords or len(call.args) > position


def test_every_raise_site_gives_a_code_that_is_worded():
    sites = _raise_sites()
    assert len(sites) > 60  # the scan finds the raise sites (parse, check, compile, json_form, resolve)
    assert [(path, line) for path, line, name, call in sites if not _has_code(name, call)] == []
    codes = set()
    files = {SOURCE / path for path, *_ in sites} | set((SOURCE / "rules").glob("*.py"))  # ast.text_problem
    for path in files:
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r"[\"']((?:[a-z_]+\.)+[a-z_]+|unknown_name)[\"']", text))
    codes = {code for code in codes if code.split(".")[0] in {c.split(".")[0] for c in UK}}
    assert sorted(codes - set(UK)) == []  # a code without a wording
    assert sorted(set(UK) - codes) == []  # a wording no raise site uses
