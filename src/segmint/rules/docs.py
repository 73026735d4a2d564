"""docs/filters.md, generated from the filter catalogue (fields.py) so the list can never drift.

python -m segmint.rules.docs            # rewrite docs/filters.md
python -m segmint.rules.docs --check    # exit 1 if it is stale (a test does the same)
"""

from __future__ import annotations

import sys
from pathlib import Path

from segmint.rules.fields import (
    FAMILIES,
    FILTERS,
    PURCHASE_STATUSES,
    SOURCE_PARAMS,
    WINDOW_PARAMS,
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
    windowed_form,
)

DOC_PATH = Path(__file__).resolve().parents[3] / "docs" / "filters.md"
_STATS = {"count": "count of", "orders": "distinct orders among", "sum": "sum of", "avg": "average of",
          "min": "smallest", "max": "largest", "first": "first", "last": "last"}  # fmt: skip
_SOURCES = {"orders": "orders", "items": "order lines", "events": "events"}


def how_text(how) -> str:
    """One line saying where a filter's value comes from."""
    if isinstance(how, Column):
        return f"customers.{how.column}"
    if isinstance(how, Feature):
        return f"features.{how.column} (written by `segmint refresh`)"
    if isinstance(how, AgeFrom):
        text = f"full years from customers.{how.column} to today"
        return text + (f", else today's year - customers.{how.year}" if how.year else "")
    if isinstance(how, MonthOf):
        return f"month of customers.{how.column}"
    if isinstance(how, DaysSince):
        return f"days from ({how_text(how.of)}) to today"
    if isinstance(how, HasTag):
        return "customers.tags contains the tag"
    if isinstance(how, InSegment):
        return "customer_id among the named segment's members"
    if isinstance(how, Attribute):
        return (
            f"customers.{how.column}, the value of that column header; a number or a date only when written "
            "12, -3, 1500.50 or YYYY-MM-DD (else it matches nothing)"
        )
    assert isinstance(how, Measure)
    what = f"{_STATS[how.stat]} {how.value + ' of ' if how.value else ''}{_SOURCES[how.source]}"
    fixed = [f"{column} in ({', '.join(map(str, values))})" for column, values in how.fixed]
    return what + (f" where {' and '.join(fixed)}" if fixed else "")


def _signature(item: Filter) -> str:
    if not item.function:
        return f"`{item.name}`"
    if item.positional:
        return f'`{item.name}("{item.positional}")`'
    return f"`{item.name}(…)`" if item.params else f"`{item.name}()`"


def _arguments(item: Filter) -> str:
    filters = [name for name in item.params if name not in WINDOW_PARAMS]
    if item.params:
        return f"; filters: {', '.join(filters)}; time windows"
    windowed = windowed_form(item)
    return f"; with filters or a time window: `{windowed.name}(…)`" if windowed else ""


def _code(text: str) -> str:
    return f"`{text}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def generate() -> str:
    lines = [
        "# Filters",
        "",
        "<!-- Generated from src/segmint/rules/fields.py by `python -m segmint.rules.docs`. Do not edit. -->",
        "",
        f"The rule language knows {len(FILTERS)} filters. docs/rules.md explains how to combine them.",
        "",
        "- A **field** is written by name (`city`); a **function** takes arguments in parentheses "
        '(`bought(category = "Shoes", within = 90d)`); a function whose arguments are all optional may '
        "be written without them (`opened_email` = `opened_email()`).",
        f"- Every aggregate function also takes the time windows {', '.join(map(_code, WINDOW_PARAMS))}: "
        "`within = 90d` (on or after today − 90 days), `between = (2024-01-01, 2024-03-31)` (both days "
        "included), `before = 2024-01-01` and `after = 2024-01-01` (that day excluded).",
        "- Filters on the counted rows: "
        + "; ".join(
            f"{_SOURCES[source]}: " + ", ".join(f"`{name}` ({column})" for name, column in params.items())
            for source, params in SOURCE_PARAMS.items()
        )
        + '. A list matches any of its values: `channel = ("pos", "online")`.',
        f"- A purchase is an order with status {' or '.join(PURCHASE_STATUSES)}, not a guest order, of a "
        "customer not merged away, dated on or before today.",
        "- Counts are 0 and sums are 0 when nothing matches; averages, minimums, maximums, first, last "
        "and dates are missing (null), and a comparison with a missing value is false.",
        '- Text values are compared in the spelling the import stores (`city = "КИЇВ"` finds `Київ`, '
        '`phone = "067 123 45 67"` finds `+380671234567`); docs/rules.md lists what is standardised for '
        "which field.",
        "- Fields from `features.*` are the families and predictions `segmint refresh` stores; a rule "
        "evaluated in a workspace computes them for its date when no refresh stored them (before the first "
        "refresh too), one given a bare Ibis backend stops with “field … is not available yet: run segmint "
        "refresh”, and one given a features table without the field's column (compute_features computes "
        "no predictions) names the column (docs/engines.md). `cluster` and `cluster.name` need a "
        "clustering (`segmint clusters fit`) first.",
        "- Every field (not the functions) is also a column of a member export, by the same name and with "
        "the value a rule on the same date reads (`segmint segments members NAME --columns "
        "customer_id,total_spent,rfm.group`); a name that is also a column of the customers or features "
        "table is that column (`tenure_days` there is `lifecycle.tenure_days`).",
        "",
    ]
    for family in FAMILIES:
        items = [item for item in FILTERS if item.family == family]
        if not items:
            continue
        lines += [f"## {family.capitalize()}", "", "| Filter | Type | Meaning | Example | Computed from |",
                  "|---|---|---|---|---|"]  # fmt: skip
        for item in items:
            kind = item.type + (f" ({item.unit})" if item.unit else "")
            if isinstance(item.how, Attribute):
                kind = "text, number or date (what it is compared with)"
            lines.append(
                f"| {_signature(item)} | {kind} | {_cell(item.description)} | `{_cell(item.example)}` "
                f"| {_cell(how_text(item.how))}{_arguments(item)} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = generate()
    if "--check" in argv:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        return 0 if current == text else 1
    DOC_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
