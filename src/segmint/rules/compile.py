"""Checked rule -> Ibis boolean expression over the customer-level frame (frame.py).

Every user value enters the expression tree as `ibis.literal(...)`; nothing is SQL text. Each condition
is two-valued: a comparison with a missing (null) value is false, so `not X` is exactly the customers
X leaves out. Relative dates and windows become fixed dates here (dates.py), from `ctx.today`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import ibis

from segmint.errors import RuleError
from segmint.rules import ast, standard
from segmint.rules import attribute as attributes
from segmint.rules.check import attribute_kind, check_rule, is_attribute, resolve
from segmint.rules.context import CompileContext
from segmint.rules.dates import CalendarError, as_date, literal_date, shift
from segmint.rules.fields import (
    DATE,
    LIST,
    NUMBER,
    SOURCE_PARAMS,
    TEXT,
    AgeFrom,
    Attribute,
    Column,
    DaysSince,
    Feature,
    Filter,
    HasTag,
    InSegment,
    Measure,
    MonthOf,
)
from segmint.rules.frame import Frame, balanced
from segmint.rules.json_form import at_path
from segmint.rules.parse import parse_rule
from segmint.store.names import nearest_name

Expr = Callable[[ibis.Table], ibis.Value]  # builds the expression once the frame table exists
# the features columns a clustering (segmint clusters fit) adds: models/clusters/store.py FAMILY, NAME_COLUMN
CLUSTER_COLUMNS = {"cluster", "cluster_name"}
ORDER_LEVEL = {"channel", "status"}  # columns of an order (not of its lines) that items rows also carry


@dataclass(frozen=True)
class CompiledRule:
    table: ibis.Table  # one row per live customer, with every column the predicate reads
    predicate: ibis.BooleanValue  # bound to `table`; never null

    def members(self) -> ibis.Table:
        return self.table.filter(self.predicate).select("customer_id")


def as_rule(rule: ast.Rule | ast.Condition | str) -> ast.Rule:
    if isinstance(rule, str):
        return parse_rule(rule)
    rule = rule if isinstance(rule, ast.Rule) else ast.Rule(rule)
    check_rule(rule)
    return rule


def compile_rule(rule: ast.Rule | str, ctx: CompileContext) -> CompiledRule:
    """Compile one rule (text or tree) against the context's tables.

    The conditions of a top-level `and` that read only customer and features columns (city, age,
    rfm.group...) also filter the frame before any aggregate is computed, so orders, lines and events are
    aggregated only for the customers that can still match (measured at 1M customers / 10M orders: a
    5-filter preview went from ~2 s to ~0.x s). The whole condition is still applied to the result."""
    frame = Frame(ctx)
    compiler = _Compiler(frame, as_rule(rule))
    build, prefilter = compiler.compile(), compiler.customer_level()
    table = frame.build(prefilter)
    return CompiledRule(table, build(table))


def compile_rules(rules: Mapping[str, ast.Rule | str], ctx: CompileContext) -> ibis.Table:
    """Many rules on one shared frame: customer_id and one boolean column per rule name (the shape a
    refresh of many dynamic segments wants: each source is scanned once for all of them)."""
    if "customer_id" in rules:
        raise ValueError("'customer_id' cannot name a rule: it is the key column of the result")
    frame = Frame(ctx)
    builds = {name: _Compiler(frame, as_rule(rule)).compile() for name, rule in rules.items()}
    table = frame.build()
    return table.select("customer_id", **{name: build(table) for name, build in builds.items()})


def compile_values(fields: Mapping[str, str], ctx: CompileContext) -> ibis.Table:
    """customer_id and one column per name: the value of the field expression given for it (a field
    or function as a rule would write it, `spent_on(category = "Books", within = 365d)`), computed
    exactly as a rule computes it, on one shared frame. The clustering reads its features this way, so
    a persona's "spends on books" is the number a rule on the same field compares."""
    if "customer_id" in fields:
        raise ValueError("'customer_id' cannot name a value: it is the key column of the result")
    frame = Frame(ctx)
    builds = {}
    for name, text in fields.items():
        rule = parse_rule(f"{text} is null")  # a condition on the field: its subject is the field
        builds[name] = _Compiler(frame, rule).subject(rule.condition.left)
    table = frame.build()
    return table.select("customer_id", **{name: build(table) for name, build in builds.items()})


def select_members(ws_or_con, rule: ast.Rule | str, as_of: dt.date | None = None, **context) -> ibis.Table:
    """The customer_ids a rule selects in a workspace (or on an Ibis backend), as the data stood on
    `as_of` when given. `context` passes `features=` and `segments=` on to CompileContext. In a
    workspace, in_segment(...) reads its segments, and the family groups and predictions are those of
    `as_of` under today's settings and clustering (the stored ones when the last refresh was on that date
    and computed under them, else computed now). `as_of` may be a date, a datetime or text such as
    "2025-06-30". In a workspace a family value that names no group of today's (`rfm.group = "Champs"`) is
    a RuleError, as where a rule is defined; a bare backend has no RFM map to check it against, so there
    it selects nobody. A rule read from its JSON form (from_json) has its errors at their JSON path."""
    as_of = as_date(as_of)
    try:
        if not isinstance(ws_or_con, ibis.BaseBackend):  # an Ibis backend has `settings` too: not duck-typed
            from segmint.history.evaluate import known_families  # they read rules: on use
            from segmint.segments.store import check_rule_groups, rule_context

            known = known_families(ws_or_con)  # assembled once: reading them reads the clustering
            check_rule_groups(ws_or_con, rule, known.groups)
            ctx = rule_context(ws_or_con, rule, as_of, families=known.definitions, **context)
        else:
            ctx = CompileContext.from_backend(ws_or_con, today=as_of, **context)
        return compile_rule(rule, ctx).members()
    except RuleError as exc:
        if isinstance(rule, ast.Rule) and rule.paths is not None:
            raise at_path(rule, exc) from None
        raise


class _Compiler:
    def __init__(self, frame: Frame, rule: ast.Rule):
        self.frame, self.rule, self.today = frame, rule, frame.ctx.today
        self.reads_segments = False  # whether in_segment(...) was compiled
        self.ages: dict[tuple, ibis.Value] = {}  # (field, table) -> its `age` expression, for the whole rule

    def error(self, message: str, node, code: str, **params) -> RuleError:
        pos = getattr(node, "pos", None)
        line, column = (pos.line, pos.column) if pos else (None, None)
        error = RuleError(message, line, column, self.rule.source, code=code, params=params)
        error.node = node  # the culprit, for a reader without text positions (from_json)
        return error

    def compile(self) -> Expr:
        return self.condition(self.rule.condition)

    def customer_level(self) -> Expr | None:
        """The conjunction of the top-level `and` parts that read no aggregate and no other segment, or
        None when there is none (compiled a second time, so asking for it changes nothing else)."""
        top = self.rule.condition
        parts = top.items if isinstance(top, ast.And) else (top,)
        plain = []
        for part in parts:
            probe = _Compiler(Frame(self.frame.ctx), self.rule)
            probe.condition(part)
            if not probe.frame.measures and not probe.reads_segments:
                plain.append(self.condition(part))
        if not plain:
            return None
        return lambda t: balanced(lambda a, b: a & b, [part(t) for part in plain])

    # -- conditions
    def condition(self, node) -> Expr:
        if isinstance(node, ast.And | ast.Or):
            parts = [self.condition(item) for item in node.items]
            combine = (lambda a, b: a & b) if isinstance(node, ast.And) else (lambda a, b: a | b)
            return lambda t: balanced(combine, [part(t) for part in parts])
        if isinstance(node, ast.Not):
            inner = self.condition(node.item)
            return lambda t: ~inner(t)
        leaf = self.predicate(node)
        return lambda t: leaf(t).fill_null(False)

    def predicate(self, node) -> Expr:
        if isinstance(node, ast.Truthy):
            subject, item = self.subject(node.subject), resolve(node.subject)
            if item.countlike:
                return lambda t: subject(t) >= 1
            return subject
        item = resolve(node.left)
        if is_attribute(node.left):  # read as the type of what it is compared with
            kind = attribute_kind(node) or TEXT
            left = self.attribute(node.left, kind)
        else:
            left, kind = self.subject(node.left), item.type
        if isinstance(node, ast.Compare):
            if kind == TEXT and isinstance(node.right, ast.String) and node.op in ("=", "!="):
                # typed as people type it, matched as the import stores it (standard.py)
                spelled = _literals([node.right.value], self.spell(item))
                if len(spelled) > 1:
                    same = lambda t: left(t).isin(spelled)  # noqa: E731
                    return same if node.op == "=" else (lambda t: ~same(t))
            right = self.operand(node.right, kind)
            op = {"=": "__eq__", "!=": "__ne__", "<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__"}
            return lambda t: getattr(left(t), op[node.op])(right(t))
        if isinstance(node, ast.InList) and kind == TEXT:
            spelled = _literals([value.value for value in node.values], self.spell(item))
            test = lambda t: left(t).isin(spelled)  # noqa: E731
        elif isinstance(node, ast.InList):
            values = [self.operand(value, kind) for value in node.values]
            test = lambda t: left(t).isin([value(t) for value in values])  # noqa: E731
        elif isinstance(node, ast.Between):
            low, high = self.operand(node.low, kind), self.operand(node.high, kind)
            test = lambda t: left(t).between(low(t), high(t))  # noqa: E731
        elif isinstance(node, ast.Contains):
            # a list's element is a whole value; a text's piece is not (standard.py)
            spell = self.spell(item, None if kind == LIST else "contains")
            pieces = _literals([node.value.value], spell)
            test = lambda t: _any(left(t).contains(piece) for piece in pieces)  # noqa: E731 - never LIKE
        elif isinstance(node, ast.StartsWith):
            starts = _literals([node.value.value], self.spell(item, "starts"))
            test = lambda t: _any(left(t).startswith(start) for start in starts)  # noqa: E731
        elif isinstance(node, ast.IsNull):
            return (lambda t: left(t).notnull()) if node.negated else (lambda t: left(t).isnull())
        else:  # pragma: no cover - check_rule accepts nothing else
            kind = type(node).__name__
            raise self.error(f"unknown condition {kind}", node, code="condition.unknown", condition=kind)
        # `not in` etc. stay null where the value is missing, so the leaf is false there like any comparison
        return (lambda t: ~test(t)) if node.negated else test

    def spell(self, item: Filter, part: str | None = None):
        """How a text literal compared with `item` is standardised (standard.py)."""
        groups = (self.frame.ctx.groups or {}).get(item.how.column) if isinstance(item.how, Feature) else None
        if groups and part is None:
            return standard.of_groups(groups)
        return standard.of_subject(item, part, self.frame.ctx.default_country)

    # -- operands
    def operand(self, node, kind: str) -> Expr:
        if is_attribute(node):
            return self.attribute(node, kind)
        if isinstance(node, ast.FieldRef | ast.Call):
            return self.subject(node)
        if kind == DATE:
            try:
                day = literal_date(node, self.today)
            except CalendarError as exc:
                raise self.error(str(exc), node, code="date.outside_calendar", date=exc.date) from None
            value = ibis.literal(day, type="date")
        else:
            value = ibis.literal(node.value)
        return lambda t: value

    def subject(self, node: ast.Subject) -> Expr:
        item = resolve(node)
        how = item.how
        if isinstance(how, Column):
            column = self.frame.column(how.column)
            return lambda t: t[column]
        if isinstance(how, Feature):
            column = self.frame.feature(how.column)
            if column is None:
                if how.column in CLUSTER_COLUMNS:  # a refresh computes no clusters: a clustering does
                    message = (
                        f"field {item.name} is not available yet: segmint clusters fit computes it (after "
                        "clusters fit --no-refresh: segmint refresh)"
                    )
                    raise self.error(message, node, code="field.not_clustered", name=item.name)
                if self.frame.ctx.features is not None:  # a caller's own table: compute_features on Spark
                    message = (
                        f"field {item.name} is not in the features table the rule reads (no column "
                        f"{how.column}): it comes from a workspace's segmint refresh, so pass the features "
                        "table a refresh stored"
                    )
                    raise self.error(
                        message, node, code="field.not_in_features", name=item.name, column=how.column
                    )
                message = f"field {item.name} is not available yet: run segmint refresh"
                raise self.error(message, node, code="field.not_refreshed", name=item.name)
            return lambda t: t[column]
        if isinstance(how, AgeFrom):
            today = self.today
            self.frame.column(how.column)
            if how.year:
                self.frame.column(how.year)

            def build(t):
                born = t[how.column]
                before_birthday = (born.month() > today.month) | (
                    (born.month() == today.month) & (born.day() > today.day)
                )
                full = ibis.literal(today.year) - born.year() - ibis.ifelse(before_birthday, 1, 0)
                # only the year known: the age reached in the reference year (birth_date wins when known)
                return full.coalesce(ibis.literal(today.year) - t[how.year]) if how.year else full

            # one expression per table however many conditions read age: built anew for each, a rule
            # of 1,500 `age > N` spent ~14 s building Ibis nodes (4.6 ms each)
            def age(t):
                if (how, t) not in self.ages:
                    self.ages[how, t] = build(t)
                return self.ages[how, t]

            return age
        if isinstance(how, MonthOf):
            column = self.frame.column(how.column)
            return lambda t: t[column].month()
        if isinstance(how, DaysSince):
            if isinstance(how.of, Measure):
                of = self.measure(item, how.of, node)
            else:
                of = self.frame.column(how.of.column)
            today = ibis.literal(self.today, type="date")
            return lambda t: today.delta(t[of], unit="day")
        if isinstance(how, Measure):
            column = self.measure(item, how, node)
            return lambda t: t[column]
        if isinstance(how, Attribute):
            return self.attribute(node, TEXT)
        if isinstance(how, HasTag):
            tags = _literals([node.args[0].value], self.spell(item))
            column = self.frame.column("tags")
            return lambda t: _any(t[column].contains(tag) for tag in tags)
        if isinstance(how, InSegment):
            inlined = self.inline_segment(node)
            if inlined is not None:
                return inlined
            members = self.segment(node)
            return lambda t: t.customer_id.isin(members.customer_id)
        raise self.error(f"{item.name} cannot be compiled", node, code="field.not_compiled", name=item.name)

    def attribute(self, node: ast.Call, kind: str) -> Expr:
        """attribute("key") as text, or as a number or a date (attribute.py): what `kind` says."""
        column, key = self.frame.column("custom"), node.args[0].value
        engine = self.frame.ctx.customers.get_backend().name
        read = {NUMBER: attributes.number, DATE: attributes.date}.get(kind, lambda value: value)
        return lambda t: read(attributes.text(t[column], key, engine))

    def measure(self, item: Filter, measure: Measure, node: ast.Subject) -> str:
        kwargs = node.kwargs if isinstance(node, ast.Call) else ()
        params = SOURCE_PARAMS[measure.source]
        filters, window = [], []
        for kwarg in kwargs:
            value = kwarg.value
            try:
                if kwarg.name == "within":
                    window.append((">=", shift(self.today, -1, value)))
                elif kwarg.name == "between":
                    low, high = (literal_date(v, self.today) for v in value.items)
                    window += [(">=", low), ("<=", high)]
                elif kwarg.name in ("before", "after"):
                    window.append(("<" if kwarg.name == "before" else ">", literal_date(value, self.today)))
                else:
                    items = value.items if isinstance(value, ast.Tuple) else (value,)
                    spell = standard.of_argument(measure, kwarg.name)
                    filters.append((params[kwarg.name], standard.variants((v.value for v in items), spell)))
            except CalendarError as exc:
                raise self.error(str(exc), value, code="date.outside_calendar", date=exc.date) from None
        if measure.source == "items" and measure.stat == "orders" and {c for c, _ in filters} <= ORDER_LEVEL:
            # bought(...) without a line condition counts purchases: the orders alone say that, without
            # joining every order line (20M at 10M orders: ~1.5 s of a 2 s preview), and an order imported
            # without lines still counts.
            measure = Measure("orders", "count", fixed=measure.fixed)
        return self.frame.measure(measure, tuple(filters), tuple(window))

    def inline_segment(self, node: ast.Call) -> Expr | None:
        """in_segment(name) of a dynamic segment as its own rule compiled on this frame, when the resolver
        gives the rule (segments.resolve.Resolver.rule_of): its aggregates join the frame's, so the rules
        of a refresh are one statement over one scan of each source, not a statement per in_segment layer
        joined afterwards (at 1M customers / 10M orders the second layer re-read the orders for
        `total_spent`, and the two were joined: 2.8 s of CPU). The same rule at the same date on the same
        rows: the members the resolver would give. None when the resolver gives members only."""
        resolver = self.frame.ctx.segments
        name = node.args[0].value
        rule = getattr(resolver, "rule_of", lambda _name: None)(name)
        if rule is None:
            return None
        self.reads_segments = True
        if name not in self.frame.segments:
            with resolver.compiling(name):
                self.frame.segments[name] = _Compiler(self.frame, as_rule(rule)).compile()
        return self.frame.segments[name]

    def segment(self, node: ast.Call) -> ibis.Table:
        self.reads_segments = True
        name = node.args[0].value
        resolver = self.frame.ctx.segments
        if resolver is None:
            message = f"in_segment({name!r}): no segments are known here"
            raise self.error(message, node, code="segment.none_known", name=name)
        try:
            members = resolver(name)
        except KeyError:
            members = None
        if members is None:
            hint, code, params = _segment_hint(name, resolver)
            raise self.error(f"unknown segment {name!r}" + hint, node, code, name=name, **params)
        if "customer_id" not in members.columns:
            message = f"segment {name!r} has no customer_id column"
            raise self.error(message, node, code="segment.no_customer_id", name=name)
        return members


def check_segment_names(rule: ast.Rule, known: Mapping[str, object]) -> None:
    """The RuleError compiling `rule` raises for an in_segment(name) that names none of `known` (the
    stored segments), without compiling it: what a check of a rule alone (POST /segments/validate) asks,
    so it does not call a rule fine that the preview and the save then refuse. A name is looked up in
    any spelling of it, as the resolver and every segment command look it up (segments.model)."""
    from segmint.segments.model import stored_name  # segments build on rules: on use

    for subject in ast.subjects(rule):
        if isinstance(subject, ast.Call) and subject.name == "in_segment" and subject.args:
            name = subject.args[0].value
            if stored_name(known, name) is None:
                hint, code, params = _segment_hint(name, known.get)
                pos = getattr(subject, "pos", None)
                line, column = (pos.line, pos.column) if pos else (None, None)
                message, params = f"unknown segment {name!r}" + hint, {"name": name, **params}
                error = RuleError(message, line, column, rule.source, code=code, params=params)
                error.node = subject  # the culprit, for a reader without text positions (from_json)
                raise error


def _segment_hint(name: str, resolver) -> tuple[str, str, dict]:
    """'; did you mean ...?' for an unknown segment name, when the resolver can list the names it knows
    (a Resolver's `segments`, or the mapping whose `get` it is): the same name in another case first. With
    the error's code and its params besides the name."""
    known = getattr(resolver, "segments", None)
    if known is None and isinstance(getattr(resolver, "__self__", None), Mapping):
        known = resolver.__self__
    if not isinstance(known, Mapping):
        return "", "segment.unknown", {}
    names = [str(key) for key in known]
    same = [other for other in names if other.casefold() == name.casefold()]
    if same:
        hint = f"; did you mean {same[0]!r}? (segment names are case-sensitive)"
        return hint, "segment.unknown.case", {"hint": same[0]}
    hint = nearest_name(names, name)
    if hint:
        return f"; did you mean {hint!r}?", "segment.unknown.hint", {"hint": hint}
    return "", "segment.unknown", {}


def _literals(values, spell) -> list[ibis.Value]:
    """Ibis literals of text values and of their standardised spellings (standard.variants)."""
    return [ibis.literal(value) for value in standard.variants(values, spell)]


def _any(tests) -> ibis.BooleanValue:
    return balanced(lambda a, b: a | b, list(tests))
