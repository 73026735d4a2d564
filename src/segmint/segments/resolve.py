"""in_segment(...) between stored segments: who depends on whom, cycles, and the resolver rules use.

A static segment resolves to its frozen member list. A dynamic one resolves to its members at the
context's date: its rule is compiled against the same context (same "today", same features), so a rule
evaluated as of a past date sees the other segment as it stood then too.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping

import ibis

from segmint.errors import RuleError
from segmint.rules import CompileContext, ast, compile_rule, parse_rule
from segmint.rules.check import resolve
from segmint.rules.fields import Feature, InSegment
from segmint.segments.model import Segment, spelling, stored_name


def referenced(rule: str | ast.Rule) -> list[str]:
    """The segment names a rule reads through in_segment(...), in order of appearance, each in its one
    spelling (model.spelling), as names are stored and every command finds a segment."""
    tree = parse_rule(rule) if isinstance(rule, str) else rule
    names: list[str] = []
    for subject in ast.subjects(tree):
        if isinstance(subject, ast.Call) and subject.name == "in_segment" and subject.args:
            written = subject.args[0].value
            name = spelling(written)
            if name not in names:
                names.append(name)
    return names


def needs_features(rule: str | ast.Rule, segments: Mapping[str, Segment]) -> bool:
    """Whether a rule (text or tree: one read from its JSON form has no text), or a dynamic segment it
    reads, uses a features column (rfm.group, ...): only then must the families be computed to evaluate
    it."""
    seen: set[str] = set()
    pending = [rule]
    while pending:
        tree = pending.pop()
        tree = parse_rule(tree) if isinstance(tree, str) else tree
        for subject in ast.subjects(tree):
            how = resolve(subject).how
            if isinstance(how, Feature):
                return True
            if isinstance(how, InSegment) and subject.args:
                other = segments.get(stored_name(segments, subject.args[0].value))
                if other is not None and other.kind == "dynamic" and other.name not in seen:
                    seen.add(other.name)
                    pending.append(other.rule)
    return False


def dependencies(segments: Mapping[str, Segment]) -> dict[str, list[str]]:
    """name -> the dynamic segments its rule reads (static ones are frozen lists: no dependency)."""
    graph = {}
    for name, segment in segments.items():
        if segment.kind != "dynamic" or not segment.rule:
            continue
        graph[name] = [
            other
            for other in referenced(segment.rule)
            if other in segments and segments[other].kind == "dynamic"
        ]
    return graph


def readers(segments: Mapping[str, Segment], name: str) -> list[Segment]:
    """The dynamic segments that read `name` through in_segment(...), directly or through other readers:
    when its members change, theirs can change too."""
    graph = {n: referenced(s.rule) for n, s in segments.items() if s.kind == "dynamic" and s.rule}
    found: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop()
        for reader, reads in graph.items():
            if current in reads and reader != name and reader not in found:
                found.append(reader)
                pending.append(reader)
    return [segments[reader] for reader in found]


def place_of(rule: str, name: str) -> dict:
    """line, column and text of the first in_segment("name") in a rule, in any spelling of `name`, for a
    RuleError's caret: where the rule reads the segment that closes a circle ({} when it does not)."""
    for subject in ast.subjects(parse_rule(rule)):
        if isinstance(subject, ast.Call) and subject.name == "in_segment" and subject.args:
            argument = subject.args[0]
            if spelling(argument.value) == name:
                pos = argument.pos or subject.pos
                return {"line": pos.line, "column": pos.column, "text": rule} if pos else {}
    return {}


def check_cycles(segments: Mapping[str, Segment], start: str | None = None) -> None:
    """Refuse definitions where dynamic segments read each other in a circle (A -> B -> A). With `start`
    (the segment just written) a circle through it is found from it, and the error points at where its
    rule reads the next segment of the circle."""
    graph = dependencies(segments)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in graph.get(name, []):
            if state.get(other) == 1:
                cycle = [*path[path.index(other) :], other]
                located = place_of(segments[start].rule, cycle[1]) if cycle[0] == start else {}
                raise RuleError(
                    "in_segment(...) makes a cycle: "
                    + " -> ".join(repr(n) for n in cycle)
                    + "; a dynamic segment cannot depend on itself",
                    **located,
                    code="segment.cycle",
                    params={"cycle": cycle},
                )
            if other not in state:
                visit(other, [*path, other])
        state[name] = 2

    for name in ([start] if start in graph else []) + list(graph):
        if name not in state:
            visit(name, [name])


def reads_itself(name: str, rule: str, segments: Mapping[str, Segment]) -> None:
    """Refuse a static segment's rule that reads the segment itself, directly or through dynamic
    segments: freezing the list from it would need the list it replaces."""
    pending, seen = [(rule, [name])], set()
    while pending:
        text, path = pending.pop()
        for other in referenced(text):
            if other == name:
                raise RuleError(
                    "in_segment(...) makes a cycle: "
                    + " -> ".join(repr(n) for n in [*path, other])
                    + f"; the static segment {name!r} is frozen from its rule, "
                    + f"which cannot read {name!r} itself",
                    **place_of(rule, path[1] if len(path) > 1 else other),
                    code="segment.static_cycle",
                    params={"cycle": [*path, other], "name": name},
                )
            segment = segments.get(other)
            if segment is not None and segment.kind == "dynamic" and segment.rule and other not in seen:
                seen.add(other)
                pending.append((segment.rule, [*path, other]))


class Resolver:
    """in_segment(name) for a CompileContext, over a set of definitions (stored, or about to be).

    `members_of(segment)` can supply a dynamic segment's members directly (a refresh passes the ones it
    has just computed); otherwise the segment's rule is compiled against the bound context.
    """

    def __init__(
        self,
        ws,
        segments: Mapping[str, Segment],
        members_of: Callable[[Segment], ibis.Table | None] | None = None,
    ):
        self.ws, self.segments, self.members_of = ws, dict(segments), members_of
        self.ctx: CompileContext | None = None
        self.path: list[str] = []

    def bind(self, ctx: CompileContext) -> CompileContext:
        """The context with this resolver as its segment lookup."""
        self.ctx = dataclasses.replace(ctx, segments=self)
        return self.ctx

    def find(self, name: str) -> Segment | None:
        """The segment `name` names in any spelling of it, as `segments show` finds it (model.find)."""
        return self.segments.get(stored_name(self.segments, name))

    def __call__(self, name: str) -> ibis.Table | None:
        segment = self.find(name)
        if segment is None:
            return None
        if segment.kind == "static":
            members = self.ws.table("segment_members")
            return members.filter(members.segment_id == segment.segment_id).select("customer_id")
        if self.members_of is not None:
            found = self.members_of(segment)
            if found is not None:
                return found
        with self.compiling(segment.name):
            return compile_rule(segment.rule, self.ctx).members()

    def rule_of(self, name: str) -> str | None:
        """The rule of a dynamic segment, which a compiler may evaluate on its own frame instead of
        asking for the members (rules/compile.py: in_segment then costs no second scan of the orders);
        None for a static or unknown one."""
        segment = self.find(name)
        return segment.rule if segment is not None and segment.kind == "dynamic" else None

    @contextlib.contextmanager
    def compiling(self, name: str):
        """While `name`'s rule is being compiled: reaching it again, in any spelling, is a cycle."""
        segment = self.find(name)
        name = segment.name if segment is not None else name
        if name in self.path:
            cycle = [*self.path[self.path.index(name) :], name]
            raise RuleError(
                f"in_segment(...) makes a cycle: {' -> '.join(repr(n) for n in cycle)}; a dynamic segment "
                "cannot depend on itself",
                code="segment.cycle",
                params={"cycle": cycle},
            )
        self.path.append(name)
        try:
            yield
        finally:
            self.path.pop()
