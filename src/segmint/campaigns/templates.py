"""Message templates: Jinja in a locked-down sandbox whose only data is one customer's personalisation record.

Why each lock (a template is text a marketer types, so treat it as untrusted):
- ImmutableSandboxedEnvironment, and no attribute access at all (`is_safe_attribute` is False except on a
  for-loop's `loop`): a template reads the fields it is given, never `''.__class__`, `x.__globals__` or a
  method. Formatting is done with filters (`{{ name|upper }}`, `{{ amount|round(2) }}`). A written
  `x.attr` is refused when the template is checked; `|attr(...)` still only when it renders.
- No globals (Jinja's range, lipsum, cycler, joiner, namespace, dict are removed) and no loader: nothing
  can be included, imported or extended, and those tags are refused when the template is checked.
- Every name a template uses must be a personalisation field (checked before anything is rendered), and
  StrictUndefined makes any other lookup an error instead of an empty string.
- `*` and `**` are bounded and the output is capped, so a template cannot exhaust memory.
- Email HTML bodies are autoescaped (a customer named `<script>` stays text); None renders as ''.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

from segmint.errors import CodedError

# The personalisation record (segmint.campaigns.personalise builds it): the only names a template may use.
FIELDS = (
    "customer_id",
    "name",
    "first_name",
    "last_name",
    "full_name",
    "city",
    "favourite_category",
    "last_purchase_date",
    "last_purchase_amount",
    "predicted_next_order_date",
    "recommended_category",
    "currency",
)
# Per message rather than per customer: made when a message is rendered for its campaign.
LINK_FIELDS = ("unsubscribe_url",)  # the customer's one-click unsubscribe link (campaigns/unsubscribe.py)
MAX_OUTPUT = 100_000  # characters of one rendered subject or body
_FORBIDDEN_TAGS = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_RUNTIME_NAMES = frozenset({"self", "super", "caller", "varargs", "kwargs"})  # Jinja's own, not data


class TemplateError(CodedError, ValueError):
    """A template that cannot be used: bad syntax, an unknown field, a forbidden tag, or a failed render.
    `params` hold the template's place (part, target, variant) when it has one (web/campaign_errors.py)."""


class _Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return isinstance(obj, LoopContext) and not attr.startswith("_")

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("exponent too large in a template")
        if operator == "*":
            count = right if isinstance(left, str | list | tuple) else left
            if isinstance(count, int) and not isinstance(count, bool) and count * 100 > MAX_OUTPUT:
                raise SecurityError("repetition too large in a template")
        return super().call_binop(context, operator, left, right)


def _blank_none(value: Any) -> Any:
    return "" if value is None else value


def _environment(html: bool) -> _Sandbox:
    env = _Sandbox(loader=None, autoescape=html, undefined=StrictUndefined, finalize=_blank_none)
    env.globals.clear()
    return env


_ENVIRONMENTS = {True: _environment(True), False: _environment(False)}


def _lexer_column(env: _Sandbox, text: str) -> int | None:
    """The 1-based column where Jinja's lexer stopped (a brace too many, an unclosed comment), which its
    error does not say; None when the lexer read the whole text (the parser's error: the line alone).
    The tokens before the stop, put end to end, are the text up to it."""
    read = []
    try:
        for _, _, value in env.lexer.tokeniter(text, None):
            read.append(value)
    except TemplateSyntaxError:
        offset = len("".join(read))
        return offset - text.rfind("\n", 0, offset)
    return None


def _attribute_read(tree: nodes.Template) -> nodes.Getattr | None:
    """The first `x.attr` of a template other than a for-loop's `loop.index`: the sandbox refuses it when
    rendering, for every customer, so a campaign that could never send was saved; refused when checked."""
    for node in tree.find_all(nodes.Getattr):
        if not (isinstance(node.node, nodes.Name) and node.node.name == "loop"):
            return node
    return None


class MessageTemplate:
    """A checked template, ready to render many records. `place` is (part, target, variant) of a
    campaign's message, part "subject" or "body": errors name it."""

    def __init__(self, text: str, *, html: bool = False, place: tuple[str, str, str] | None = None):
        env = _ENVIRONMENTS[html]
        self.where = dict(zip(("part", "target", "variant"), place, strict=True)) if place else {}
        what = self.what = (
            f"{place[0]} of the message for {place[1]!r}, variant {place[2]}" if place else "template"
        )
        try:
            tree = env.parse(text)
        except TemplateSyntaxError as exc:
            raise TemplateError(
                f"{what}, line {exc.lineno}: {exc.message}",
                code="template.syntax",
                params={
                    **self.where,
                    "line": exc.lineno,
                    "column": _lexer_column(env, text),
                    "problem": exc.message,
                },
            ) from exc
        if any(True for kind in _FORBIDDEN_TAGS for _ in tree.find_all(kind)):
            raise TemplateError(
                f"{what}: include, import and extends are not allowed in a message template",
                code="template.forbidden_tag",
                params=self.where,
            )
        used = meta.find_undeclared_variables(tree) | {
            name.name for name in tree.find_all(nodes.Name) if name.name in _RUNTIME_NAMES
        }
        unknown = sorted(used - set(FIELDS) - set(LINK_FIELDS))
        if unknown:
            raise TemplateError(
                f"{what}: unknown field {', '.join(unknown)}; a template can use: "
                f"{', '.join(FIELDS + LINK_FIELDS)}",
                code="template.unknown_field",
                params={**self.where, "unknown": unknown, "fields": [*FIELDS, *LINK_FIELDS]},
            )
        attribute = _attribute_read(tree)
        if attribute is not None:
            raise TemplateError(
                f"{what}, line {attribute.lineno}: .{attribute.attr} reads an attribute or method, which a "
                f"template cannot; format a field with a filter instead, as {{{{ name|upper }}}}",
                code="template.attribute",
                params={**self.where, "line": attribute.lineno, "attribute": attribute.attr},
            )
        self.text, self.html, self.used = text, html, frozenset(used)
        self._template = env.from_string(tree)

    def render(self, record: Mapping[str, Any]) -> str:
        """The text for one customer; any failure names the template and the customer."""
        template = self._template
        try:
            # Template.render() without its copy of the record into a new dict (the record is the whole
            # context, and the environment has no globals): measured ~15% of a short template's render
            out = template.environment.concat(
                template.root_render_func(template.new_context(record, shared=True))
            )
        except (JinjaTemplateError, ArithmeticError, TypeError, ValueError) as exc:
            who = record.get("customer_id", "?")
            raise TemplateError(
                f"{self.what} for customer {who}: {type(exc).__name__}: {exc}",
                code="template.render",
                params={**self.where, "customer": who, "error": f"{type(exc).__name__}: {exc}"},
            ) from exc
        if len(out) > MAX_OUTPUT:
            raise TemplateError(
                f"{self.what}: rendered text is longer than {MAX_OUTPUT:,} characters",
                code="template.too_long",
                params={**self.where, "limit": MAX_OUTPUT},
            )
        return out
