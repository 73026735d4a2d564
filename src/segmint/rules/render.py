"""Rule tree -> canonical text: lower-case keywords, double-quoted strings, parentheses only where
precedence needs them. Parsing the text gives back an equal tree (the tests check this on every rule)."""

from __future__ import annotations

from segmint.rules import ast

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_PRECEDENCE = {ast.Or: 1, ast.And: 2, ast.Not: 3}


def render(node) -> str:
    """The canonical text of a Rule, condition, subject or value."""
    if isinstance(node, ast.Rule):
        return render(node.condition)
    if isinstance(node, ast.Or | ast.And):
        word = " or " if isinstance(node, ast.Or) else " and "
        return word.join(_child(item, node) for item in node.items)
    if isinstance(node, ast.Not):
        return "not " + _child(node.item, node)
    return _predicate(node) if isinstance(node, ast.Predicate) else _operand(node)


def _child(item, parent) -> str:
    text = render(item)
    # an operand of and/or/not that binds no tighter than its parent needs parentheses
    if _PRECEDENCE.get(type(item), 4) <= _PRECEDENCE[type(parent)]:
        return f"({text})"
    return text


def _predicate(node) -> str:
    left = _operand(node.left) if not isinstance(node, ast.Truthy) else _operand(node.subject)
    no = "not " if getattr(node, "negated", False) else ""
    if isinstance(node, ast.Truthy):
        return left
    if isinstance(node, ast.Compare):
        return f"{left} {node.op} {_operand(node.right)}"
    if isinstance(node, ast.InList):
        return f"{left} {no}in ({', '.join(_operand(value) for value in node.values)})"
    if isinstance(node, ast.Between):
        return f"{left} {no}between {_operand(node.low)} and {_operand(node.high)}"
    if isinstance(node, ast.Contains):
        return f"{left} {no}contains {_operand(node.value)}"
    if isinstance(node, ast.StartsWith):
        return f"{left} {no}starts with {_operand(node.value)}"
    if isinstance(node, ast.IsNull):
        return f"{left} is {no}null"
    raise TypeError(f"cannot render {type(node).__name__}")


def _operand(node) -> str:
    if isinstance(node, ast.FieldRef):
        return node.name
    if isinstance(node, ast.Call):
        args = [_operand(arg) for arg in node.args]
        args += [f"{kwarg.name} = {_operand(kwarg.value)}" for kwarg in node.kwargs]
        return f"{node.name}({', '.join(args)})"
    if isinstance(node, ast.String):
        return '"' + "".join(_escape(char) for char in node.value) + '"'
    if isinstance(node, ast.Boolean):
        return "true" if node.value else "false"
    if isinstance(node, ast.Number):
        return number_text(node.value)
    if isinstance(node, ast.Date):
        return node.value.isoformat()
    if isinstance(node, ast.Duration):
        return node.text()
    if isinstance(node, ast.RelativeDate):
        if node.offset is None:
            return "today"
        return f"today {'-' if node.sign < 0 else '+'} {node.offset.text()}"
    if isinstance(node, ast.Tuple):
        return "(" + ", ".join(_operand(item) for item in node.items) + ")"
    raise TypeError(f"cannot render {type(node).__name__}")


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\u{ord(char):04x}" if ord(char) < 32 or ord(char) == 127 else char


def number_text(value: int | float) -> str:
    """Digits the grammar reads back to the same number (no exponent: 1e+20 is written out)."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    if "e" in text or "E" in text:
        from decimal import Decimal

        text = format(Decimal(text), "f")
    return text if "." in text else text + ".0"
