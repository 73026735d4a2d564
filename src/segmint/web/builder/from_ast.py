"""A parsed rule as the draft tree the visual form shows: and/or become groups, `not` a negated group,
and a predicate the form has no widgets for (a field compared with another field, a list of values
with commas inside) is kept whole as an editable text condition, so nothing is lost."""

from __future__ import annotations

from segmint.rules import ast
from segmint.rules.fields import BOOLEAN, DATE, NUMBER
from segmint.rules.render import number_text, render
from segmint.web.builder.catalogue import get, operators
from segmint.web.builder.draft import MAX_DEPTH, Cond, Group

_WRITTEN = {NUMBER: ast.Number, DATE: ast.Date | ast.RelativeDate, BOOLEAN: ast.Boolean}


class Unshowable(Exception):
    """A predicate the form cannot show with its widgets."""


def draft_of(rule: ast.Rule) -> Group:
    """The form of a rule; a rule nested deeper than the form shows stays one text condition."""
    if _nesting(rule.condition) > MAX_DEPTH:
        return Group("and", False, [Cond(raw=render(rule))])
    item = _item(rule.condition)
    return item if isinstance(item, Group) else Group("and", False, [item])


def _nesting(node) -> int:
    deepest, stack = 0, [(node, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, ast.And | ast.Or | ast.Not):
            deepest = max(deepest, level + 1)
            children = item.items if isinstance(item, ast.And | ast.Or) else (item.item,)
            stack.extend((child, level + 1) for child in children)
    return deepest


def _item(node) -> Cond | Group:
    if isinstance(node, ast.And | ast.Or):
        return Group("and" if isinstance(node, ast.And) else "or", False, [_item(i) for i in node.items])
    if isinstance(node, ast.Not):
        inner = _item(node.item)
        if isinstance(inner, Group) and not inner.negated:
            inner.negated = True
            return inner
        # not (not (x)) stays a negated group in a negated one, as the form writes it back: read as x, the
        # rule's text changed when written back, and a static segment saved unchanged was a new rule
        return Group("and", True, [inner])
    try:
        return _cond(node)
    except Unshowable:
        return Cond(raw=render(node))


def _cond(node) -> Cond:
    subject = node.subject if isinstance(node, ast.Truthy) else node.left
    if not isinstance(subject, ast.FieldRef | ast.Call) or get(subject.name) is None:
        raise Unshowable
    item = get(subject.name)
    cond = Cond(field=item.name, typed=True)  # its values as read: an empty text is `city = ""`
    if isinstance(subject, ast.Call):
        _arguments(subject, cond)
        cond.call = not subject.args and not subject.kwargs
    if isinstance(node, ast.Truthy):
        cond.op = "true"
    elif isinstance(node, ast.Compare):
        cond.op, cond.value = node.op, _text(node.right, item.type)
    elif isinstance(node, ast.InList):
        values = [_text(v, item.type) for v in node.values]
        if any("," in v for v in values):  # the input separates values with commas (draft.list_values)
            raise Unshowable
        cond.op, cond.value = ("not in" if node.negated else "in"), ", ".join(values)
    elif isinstance(node, ast.Between):
        cond.op = "not between" if node.negated else "between"
        cond.value, cond.value2 = _text(node.low, item.type), _text(node.high, item.type)
    elif isinstance(node, ast.Contains | ast.StartsWith):
        word = "contains" if isinstance(node, ast.Contains) else "starts with"
        cond.op, cond.value = ("not " if node.negated else "") + word, _text(node.value, item.type)
    elif isinstance(node, ast.IsNull):
        cond.op = "is not null" if node.negated else "is null"
    if cond.op not in operators(item):
        raise Unshowable
    return cond


def _arguments(call: ast.Call, cond: Cond) -> None:
    """The call's arguments into the form's inputs; an empty text (has_tag(""), category = "") is not
    shown, as an empty input is an argument not given (the condition stays text)."""
    if call.args:
        if len(call.args) != 1 or not isinstance(call.args[0], ast.String) or not call.args[0].value.strip():
            raise Unshowable
        cond.arg = call.args[0].value
    dated = (ast.Date, ast.RelativeDate)
    for kwarg in call.kwargs:
        value = kwarg.value
        if kwarg.name == "within" and isinstance(value, ast.Duration):
            cond.kwargs["within"] = value.text()
        elif kwarg.name == "between" and isinstance(value, ast.Tuple) and len(value.items) == 2:
            if not all(isinstance(item, dated) for item in value.items):
                raise Unshowable
            cond.kwargs["between"] = ",".join(_text(item) for item in value.items)
        elif kwarg.name in ("before", "after") and isinstance(value, dated):
            cond.kwargs[kwarg.name] = _text(value)
        elif kwarg.name not in ("within", "between", "before", "after") and isinstance(value, ast.String):
            if not value.value:
                raise Unshowable
            cond.kwargs[kwarg.name] = _text(value)
        else:
            raise Unshowable


def _text(value, kind: str | None = None) -> str:
    """A literal as the form's input shows it, when it is of the kind the form writes for a field of type
    `kind` (a date typed as text, signup_date >= "01.06.2023", would be written back as a date)."""
    if kind is not None and not isinstance(value, _WRITTEN.get(kind, ast.String)):
        raise Unshowable
    if isinstance(value, ast.String):
        return value.value
    if isinstance(value, ast.Number):
        return number_text(value.value)
    if isinstance(value, ast.Boolean):
        return "true" if value.value else "false"
    if isinstance(value, ast.Date | ast.RelativeDate):
        return render(value)
    raise Unshowable
