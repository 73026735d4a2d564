"""Rule text -> typed syntax tree, with lark (LALR), and every failure turned into a positioned RuleError.

The tree is built by an inline transformer while lark parses (no recursion over the parse tree, so a
hostile deeply nested rule cannot overflow the stack); nesting is capped at MAX_DEPTH.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from importlib import resources

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from segmint.errors import RuleError
from segmint.rules import ast
from segmint.rules.check import check_rule, resolve
from segmint.rules.fields import DATE, SOURCE_PARAMS, WINDOW_PARAMS
from segmint.rules.lookalike import KEYWORDS, lookalike, lookalike_error

MAX_DEPTH = 64  # and/or/not nesting levels
MAX_LENGTH = 100_000  # characters
MAX_INT = 2**53  # numbers beyond this lose precision as floats and overflow some engines' integers
MAX_SPAN = 100_000  # the units of a duration (within = 100000d), as text and as JSON (json_form)

# What a user should read instead of lark's terminal names.
TERMINAL_NAMES = {
    "NAME": "a field or function name",
    "STRING": "a text in quotes",
    "NUMBER": "a number",
    "DATE": "a date (YYYY-MM-DD)",
    "DURATION": "a duration such as 90d",
    "CMP": "a comparison (= != < <= > >=)",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "EQUAL": "'='",
    "MINUS": "'-'",
    "PLUS": "'+'",
    "$END": "the end of the rule",
}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'"}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)


def _pos(token: Token) -> ast.Pos:
    return ast.Pos(token.line, token.column)


def _where(node) -> ast.Pos | None:
    return getattr(node, "pos", None)


class _Build(Transformer):
    """Turns lark's rule callbacks into ast nodes (stateless, so one parser serves every call). Raises
    RuleError for values the grammar accepts but the language does not (an impossible date, a bad unit)."""

    def _error(self, message: str, pos: ast.Pos | None, code: str, **params):
        # parse_rule adds the rule text (for the caret) when it re-raises
        line, column = (pos.line, pos.column) if pos else (None, None)
        return RuleError(message, line, column, code=code, params=params)

    # -- boolean structure
    def or_(self, children):
        left, _, right = children
        return ast.join(ast.Or, (left, right), _where(left))

    def and_(self, children):
        left, _, right = children
        return ast.join(ast.And, (left, right), _where(left))

    def not_(self, children):
        token, item = children
        return ast.Not(item, _pos(token))

    # -- predicates
    def truthy(self, children):
        (subject,) = children
        return ast.Truthy(subject, subject.pos)

    def compare(self, children):
        left, op, right = children
        canonical = {"==": "=", "<>": "!="}.get(str(op), str(op))
        return ast.Compare(left, canonical, right, left.pos)

    def in_list(self, children):
        left, *middle, values = children
        return ast.InList(left, values, _negated(middle), left.pos)

    def between(self, children):
        left, *middle, low, _and, high = children
        return ast.Between(left, low, high, _negated(middle[:-1]), left.pos)

    def contains(self, children):
        left, *middle, value = children
        return ast.Contains(left, value, _negated(middle), left.pos)

    def starts_with(self, children):
        left, *middle, value = children
        return ast.StartsWith(left, value, _negated(middle[:-2]), left.pos)

    def is_null(self, children):
        left, *middle = children
        return ast.IsNull(left, _negated(middle), left.pos)

    # -- subjects
    def field(self, children):
        (name,) = children
        return ast.FieldRef(str(name).lower(), _pos(name))

    def call(self, children):
        name, arguments = children
        args, kwargs = [], []
        for argument in arguments or ():
            if isinstance(argument, ast.Kwarg):
                kwargs.append(argument)
            elif kwargs:
                raise self._error(
                    "positional values go before named ones (name = value)",
                    argument.pos,
                    code="syntax.positional_after_named",
                )
            else:
                args.append(argument)
        return ast.Call(str(name).lower(), tuple(args), tuple(kwargs), _pos(name))

    def arguments(self, children):
        return [child for child in children if not isinstance(child, Token)]

    def kwarg(self, children):
        name, value = children
        return ast.Kwarg(str(name).lower(), value, _pos(name))

    def literals(self, children):
        return tuple(child for child in children if not isinstance(child, Token))

    def tuple(self, children):
        items = tuple(child for child in children if not isinstance(child, Token))
        return ast.Tuple(items, items[0].pos)

    # -- literals
    def string(self, children):
        (token,) = children
        return ast.String(self._unescape(token), _pos(token))

    def number(self, children):
        (token,) = children
        return ast.Number(self._number(token), _pos(token))

    def negative(self, children):
        minus, token = children
        return ast.Number(-self._number(token), _pos(minus))

    def true(self, children):
        return ast.Boolean(True, _pos(children[0]))

    def false(self, children):
        return ast.Boolean(False, _pos(children[0]))

    def date(self, children):
        (token,) = children
        year, month, day = (int(part) for part in str(token).split("-"))
        try:
            value = dt.date(year, month, day)
        except ValueError:
            message = f"{token} is not a valid date (YYYY-MM-DD)"
            raise self._error(message, _pos(token), code="value.impossible_date", date=str(token)) from None
        if str(token) != value.isoformat():
            message = f"write dates as YYYY-MM-DD, months and days in two digits: {value}"
            raise self._error(message, _pos(token), code="value.date_digits", date=value.isoformat())
        return ast.Date(value, _pos(token))

    def duration(self, children):
        return self._duration(children[0])

    def negative_duration(self, children):
        minus, token = children
        raise self._error(
            f"-{token}: a duration has no sign; within = {token} already counts back from today, and a date "
            f"before today is today - {token}",
            _pos(minus),
            code="value.signed_duration",
            duration=str(token),
        )

    def today(self, children):
        return ast.RelativeDate(-1, None, _pos(children[0]))

    def today_offset(self, children):
        today, sign, duration = children
        offset = self._duration(duration)
        if offset.amount == 0:  # today - 0d is today
            return ast.RelativeDate(-1, None, _pos(today))
        return ast.RelativeDate(-1 if sign == "-" else 1, offset, _pos(today))

    # -- token helpers
    def _duration(self, token: Token) -> ast.Duration:
        match = re.fullmatch(r"(\d+)(.*)", str(token))
        amount, unit = int(match[1]), match[2]
        if unit.lower() in ("and", "or"):
            message = f"write a space after the number: {amount} {unit}"
            raise self._error(message, _pos(token), code="syntax.glued_number", number=str(amount), word=unit)
        if re.fullmatch(r"[eE]\d*", unit):
            message, found = _exponent(str(token))
            raise self._error(message, _pos(token), **found)
        meant = ast.unit_meant(unit)
        if meant:  # 90д, 6міс, 1year: at the unit, with the Latin one
            hint, at = f"{amount}{meant}", ast.Pos(token.line, token.column + len(match[1]))
            raise self._error(
                f"unknown time unit {unit!r} in {token}; did you mean {hint}? The units are the Latin "
                "letters d (days), w (weeks), m (months) and y (years)",
                at,
                code="value.time_unit.hint",
                unit=unit,
                duration=str(token),
                hint=hint,
            )
        if unit.lower() not in ast.DURATION_UNITS:
            raise self._error(
                f"unknown time unit {unit!r} in {token}; use d (days), w (weeks), m (months) or y (years)",
                _pos(token),
                code="value.time_unit",
                unit=unit,
                duration=str(token),
            )
        if amount > MAX_SPAN:
            message = f"{token} is too long a time span"
            raise self._error(message, _pos(token), code="value.long_span", duration=str(token))
        return ast.Duration(amount, unit.lower(), _pos(token))

    def _number(self, token: Token) -> int | float:
        text = str(token)
        value = float(text) if "." in text else int(text)
        if abs(value) > MAX_INT:
            raise self._error(
                f"{text} is too large a number", _pos(token), code="value.large_number", number=text
            )
        return value

    def _unescape(self, token: Token) -> str:
        def replace(match: re.Match) -> str:
            code = match[1]
            if code in _ESCAPES:
                return _ESCAPES[code]
            if code.startswith("u") and len(code) == 5:
                return chr(int(code[1:], 16))
            column = token.column + 1 + match.start()  # +1: the opening quote
            if code == "u":
                message = "\\u takes four hex digits, e.g. \\u0436; use \\\\ for a backslash"
                raise self._error(message, ast.Pos(token.line, column), code="value.short_unicode_escape")
            message = f"unknown escape \\{code} in text; use \\\\ for a backslash"
            raise self._error(message, ast.Pos(token.line, column), code="value.escape", escape=code)

        text = _ESCAPE.sub(replace, str(token)[1:-1])
        problem = ast.text_problem(text)
        if problem:
            raise self._error(problem[1], _pos(token), code=problem[0])
        return text


def _exponent(text: str) -> tuple[str, dict]:
    """What to say about a number written with an exponent (1e3), which the language does not read: the
    message and its code and params."""
    try:
        value = float(text)
    except ValueError:
        message = f"{text}: write numbers in full, without an exponent"
        return message, {"code": "syntax.exponent", "number": text}
    shown = str(int(value)) if value.is_integer() else repr(value)
    message = f"{text}: write numbers in full, without an exponent: {shown}"
    return message, {"code": "syntax.exponent.in_full", "number": text, "in_full": shown}


def _negated(tokens) -> bool:
    return any(isinstance(token, Token) and token.type == "NOT" for token in tokens)


@cache
def _parser() -> Lark:
    grammar = resources.files("segmint.rules").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", maybe_placeholders=True, transformer=_Build())


def parse_rule(text: str, *, check: bool = True) -> ast.Rule:
    """Parse rule text into a Rule. With `check` (the default) also type-check it against the field
    catalogue, so an unknown field or a date compared with a number fails here, with its position."""
    if not isinstance(text, str):
        kind = type(text).__name__
        raise RuleError(f"a rule is text, not {kind}", code="rule.not_text", params={"type": kind})
    return _parse(text, check)


# A refresh parses each segment's rule many times over (resolving in_segment references, the fields each
# rule reads, compiling): ~1,300 parses, 0.6 s of a refresh with 50 segments. The Rule is immutable
# (frozen dataclasses) and the field catalogue fixed, so a parse is kept; errors are raised each time.
@lru_cache(maxsize=2048)
def _parse(text: str, check: bool) -> ast.Rule:
    if len(text) > MAX_LENGTH:
        message = f"the rule is longer than {MAX_LENGTH} characters"
        raise RuleError(message, code="rule.too_long", params={"limit": MAX_LENGTH})
    if not text.strip():
        raise RuleError("the rule is empty", 1, 1, text, code="rule.empty")
    try:
        condition = _parser().parse(text)
    except VisitError as exc:
        raise _with_text(exc.orig_exc, text) from None
    except RuleError as exc:
        raise _with_text(exc, text) from None
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text) from None
    too_deep = _too_deep(condition)
    if too_deep is not None:
        message = f"the rule is nested more than {MAX_DEPTH} levels deep"
        raise RuleError(message, *_at(too_deep), text, code="rule.too_deep", params={"limit": MAX_DEPTH})
    rule = ast.Rule(condition, text)
    if check:
        check_rule(rule)
    return rule


def _with_text(exc: BaseException, text: str) -> BaseException:
    if isinstance(exc, RuleError):
        return exc.moved(text=text)
    return exc


def _at(node) -> tuple[int | None, int | None]:
    pos = getattr(node, "pos", None)
    return (pos.line, pos.column) if pos else (None, None)


def _too_deep(condition) -> object | None:
    """The first and/or/not node nested deeper than MAX_DEPTH, found without recursion."""
    stack = [(condition, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if isinstance(node, ast.And | ast.Or):
            stack.extend((item, depth + 1) for item in node.items)
        elif isinstance(node, ast.Not):
            stack.append((node.item, depth + 1))
    return None


# a date written day first, as Ukrainian and Russian write it (01.02.2025): lexed as the number 01.02 and
# a stray '.', so the parser's own error would say nothing of dates
_DAY_FIRST = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w.])")


def _day_first_date(exc: UnexpectedInput, text: str) -> RuleError | None:
    """The error for a date written dd.mm.yyyy where the parser stumbled, with the caret on its first
    digit and the date as a rule writes it; None when the error is elsewhere."""
    if isinstance(exc, UnexpectedCharacters):
        at = exc.pos_in_stream
    elif isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        at = exc.token.start_pos or 0
    else:
        return None
    found = next((m for m in _DAY_FIRST.finditer(text) if m.start() <= at < m.end()), None)
    if found is None:
        return None
    index, written = found.start(), found[0]
    line, column = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    day, month, year = (int(part) for part in found.groups())
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        message = f"{written} is not a valid date (YYYY-MM-DD)"
        return RuleError(message, line, column, text, code="value.impossible_date", params={"date": written})
    message = f"write dates as YYYY-MM-DD: {iso}, not {written}"
    return RuleError(
        message, line, column, text, code="value.date_day_first", params={"date": iso, "written": written}
    )


# a word, then `- 90d` or `+ 1w`: the word stood where a date goes (`signup_date > сьогодні - 3d`)
_WORD_BEFORE_OFFSET = re.compile(r"(?<![\w.])([^\W\d]\w*)\s*$")
_OFFSET_AFTER = re.compile(r"\s*\d+\s*[a-zA-Zа-яА-ЯіїєґІЇЄҐ]")


def _date_word(exc: UnexpectedInput, text: str) -> RuleError | None:
    """The error the word alone gets (check.py: 'сьогодні' is not a date ... today - 30d; 'yesterday'
    ... today - 1d; a look-alike 'tоday') for a word that is no field, followed by `- 3d` or `+ 1w`: the
    parser read the word as a field and stumbled on the sign, whose bare syntax error hid the mistake.
    None when the word is a field (`last_order_date - 3d`) or the error is elsewhere."""
    if not isinstance(exc, UnexpectedToken) or exc.token.type not in ("MINUS", "PLUS"):
        return None
    start = exc.token.start_pos or 0
    word = _WORD_BEFORE_OFFSET.search(text[:start])
    if word is None or not _OFFSET_AFTER.match(text, start + 1):
        return None
    index = word.start(1)
    line, column = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    name = ast.FieldRef(word[1].lower(), ast.Pos(line, column))
    try:
        resolve(name, text, expect=DATE)
    except RuleError as error:
        return error
    return None


def _syntax_error(exc: UnexpectedInput, text: str) -> RuleError:
    day_first = _day_first_date(exc, text)
    if day_first is not None:
        return day_first
    date_word = _date_word(exc, text)
    if date_word is not None:
        return date_word
    line, column = getattr(exc, "line", None), getattr(exc, "column", None)
    if isinstance(exc, UnexpectedCharacters):
        char = text[exc.pos_in_stream] if 0 <= exc.pos_in_stream < len(text) else ""
        if char in "\"'":
            message = f"the text that starts here is not closed: a {char} is missing at the end of the line"
            params = {"code": "syntax.unclosed_text", "quote": char}
        else:
            message = f"unexpected character {char!r}"
            params = {"code": "syntax.unexpected_character", "character": char}
            expected = _expected(_allowed_after(text[: exc.pos_in_stream], exc.allowed))
            if expected:
                message += f"; expected {_describe(expected)}"
                params.update(code="syntax.unexpected_character.expected", expected=expected)
    elif isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        expected = _expected(_allowed_after(text, getattr(exc, "expected", ())))
        message = "the rule ends too early" + (f"; expected {_describe(expected)}" if expected else "")
        params = {"code": "syntax.ends_early.expected", "expected": expected} if expected else {}
        params.setdefault("code", "syntax.ends_early")
        line, column = _end_position(text)
    else:
        assert isinstance(exc, UnexpectedToken)
        message, index, params = _unexpected_token(exc, text)
        if index is not None:
            line, column = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    if line is None or column is None or line < 1:
        line, column = _end_position(text)
    code = params.pop("code")
    return RuleError(message, line, column, text, code=code, params=params)


def _unexpected_token(exc: UnexpectedToken, text: str) -> tuple[str, int | None, dict]:
    """The message for a token the grammar did not expect, where the culprit starts (an index into the
    text) when that is before the token (`3or` and `1e-3` are lexed as pieces of something else), and the
    error's code and params."""
    token, start = exc.token, exc.token.start_pos or 0
    before, after = text[:start], text[start + len(str(token)) :]
    if token.type == "COMMA" and re.search(r"\d$", before) and re.match(r"\d", after):
        number = re.search(r"\d+$", before)[0] + "." + re.match(r"\d+", after)[0]
        message = f"unexpected ','; numbers take a dot for decimals: {number}"
        return message, None, {"code": "syntax.decimal_comma", "number": number}
    glued = re.search(r"(\d+)(and|or)\s*$", before, re.IGNORECASE)
    if glued:
        message = f"write a space after the number: {glued[1]} {glued[2]}"
        return message, glued.start(), {"code": "syntax.glued_number", "number": glued[1], "word": glued[2]}
    for number in re.finditer(r"\d+(?:\.\d+)?[eE][+-]?\d+", text):  # 1e-3, 1.5e3: lexed as pieces
        if number.start() < start < number.end():
            message, params = _exponent(number[0])
            return message, number.start(), params
    # a keyword typed with Cyrillic look-alikes ('аnd', 'nоt x') is lexed as a name: the word itself, or
    # the one before the token when it stood where a condition starts
    previous = re.search(r"(?<![\w.])(\w+)\s*$", before)
    for word, at in ((str(token), start), (previous and previous[1], previous and previous.start(1))):
        found = lookalike(word or "", KEYWORDS)
        if found is not None:
            line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
            error = lookalike_error(word, found, "keyword", line, column, text)
            return error.message, at + found.index, {"code": error.code, **error.params}
    # a keyword where a condition starts ('and and x', '(or x') is lexed as a field name, so the parser
    # stumbles on the word after it: point at the keyword itself
    doubled = re.search(
        r"(?:^|(?<![\w.])(?:and|or)\s+|\(\s*)(and|or|in|is|between|contains|starts|with)\s*$",
        before,
        re.IGNORECASE,
    )
    if doubled:
        word = doubled[1]
        message = f"unexpected {word!r}; expected a condition"
        return message, doubled.start(1), {"code": "syntax.unexpected.condition", "token": repr(word)}
    # 'та', 'или': the rule language's keywords are English; a 'не' where a condition starts is lexed as a
    # field name, so the parser stumbles on the word after it: point at the word itself
    for word, at in ((str(token), None), (previous and previous[1], previous and previous.start(1))):
        keyword = NATIVE_KEYWORDS.get((word or "").casefold())
        if keyword:
            shown = repr(word) if at is not None else _show(token)
            message = f"unexpected {shown}; write {keyword!r}"
            return message, at, {"code": "syntax.unexpected.keyword", "token": shown, "keyword": keyword}
    unquoted = _unquoted_text(exc, before)
    if unquoted is not None:
        word, at = unquoted
        message = f'unexpected {word!r}; text goes in quotes: "{word}"'
        return message, at, {"code": "syntax.unquoted_text", "token": repr(word), "text": word}
    message, params = f"unexpected {_show(token)}", {"code": "syntax.unexpected", "token": _show(token)}
    expected = _expected(_allowed_after(before, exc.expected))
    if expected:
        message += f"; expected {_describe(expected)}"
        params.update(code="syntax.unexpected.expected", expected=expected)
    return message, None, params


# the names a function's arguments take (orders(channel = ...)): a bare one is not a value without quotes
_ARGUMENTS = frozenset({*WINDOW_PARAMS, *(name for params in SOURCE_PARAMS.values() for name in params)})


def _unquoted_text(exc: UnexpectedToken, before: str) -> tuple[str, int | None] | None:
    """A word written where a text value goes, without its quotes, and where it starts (None: at the token),
    as `city = Київ` is told in check.py (unknown_name.quote): a value in a function's filter or an `in`
    list, `orders(channel = pos)`, `city in (Київ, Львів)` (the parser meets the word where it wants a
    value), or a function's own text argument, `has_tag(vip)` (it reads the word as an argument's name and
    wants '=' after it). Not a window's date (`before = yesterday`) nor a forgotten value
    (`orders(channel)`)."""
    token, expected = exc.token, set(exc.expected or ())
    if token.type == "NAME" and "STRING" in expected and _open_parentheses(before):
        argument = re.search(r"(?<![\w.])(\w+)\s*=\s*(?:\([^()]*)?$", _QUOTED.sub('""', before))
        if not (argument and argument[1].casefold() in WINDOW_PARAMS):
            return str(token), None
    if token.type in ("RPAR", "COMMA") and expected == {"EQUAL"}:
        word = re.search(r"[(,]\s*([^\W\d]\w*)\s*$", before)
        if word and word[1].casefold() not in _ARGUMENTS:
            return word[1], word.start(1)
    return None


# the words Ukrainian and Russian users write for the rule language's and, or, not
NATIVE_KEYWORDS = {
    **dict.fromkeys(("та", "і", "й", "и"), "and"),
    **dict.fromkeys(("або", "чи", "или", "либо"), "or"),
    **dict.fromkeys(("не",), "not"),
}
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')


def _open_parentheses(before: str) -> int:
    """How many '(' the text before an error leaves open (those inside quoted texts do not count)."""
    bare = _QUOTED.sub("", before)
    return max(bare.count("(") - bare.count(")"), 0)


def _show(token: Token) -> str:
    value = str(token)
    return f"{value!r}" if len(value) <= 30 else f"{value[:27]!r}..."


def _allowed_after(before: str, stumbled) -> set[str]:
    """Every terminal the grammar allows after the text `before` the culprit. Lark's own set
    (`stumbled`) is that of the state the parser stumbled in, after the reductions the culprit caused:
    `(age > 3` followed by a wrong word got "expected ')' or 'or'", without 'and'. So the text before is
    parsed again and each terminal tried from the state it leaves (lark's accepts(): no reduction is
    kept). Lark's set, without ')' and ',' when no parenthesis is open, only if that parse fails."""
    try:
        parser = _parser().parse_interactive(before)
        parser.exhaust_lexer()
        return parser.accepts()
    except (UnexpectedInput, RuleError, VisitError):  # pragma: no cover - the text before parsed once
        names = set(stumbled or ())
        return names if _open_parentheses(before) else names - {"RPAR", "COMMA"}


# The order an `expected` list is given in, whatever the parser's state: what goes on the subject or value
# being written, then how the condition goes on ('and', 'or'), then punctuation and the end.
EXPECTED_ORDER = (
    *("NAME", "STRING", "NUMBER", "MINUS", "DATE", "DURATION", "today", "PLUS", "true", "false"),
    *("CMP", "in", "not", "between", "contains", "starts", "with", "is", "null"),
    *("and", "or", "LPAR", "EQUAL", "COMMA", "RPAR", "$END"),
)


def _expected(names) -> list[str]:
    """What the parser expected next, as the error's `expected` param: lark's terminal names (NAME,
    NUMBER, $END, ...), a keyword as its lower-case word, in EXPECTED_ORDER (any other after, by name)."""
    named = {name if name in TERMINAL_NAMES else name.lower() for name in names if name != "COMMENT"}
    rank = {name: index for index, name in enumerate(EXPECTED_ORDER)}
    return sorted(named, key=lambda name: (rank.get(name, len(rank)), name))


def _describe(expected: list[str]) -> str:
    words = [TERMINAL_NAMES.get(name, f"'{name}'") for name in expected]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _end_position(text: str) -> tuple[int, int]:
    lines = text.rstrip().split("\n")
    return len(lines), len(lines[-1]) + 1
