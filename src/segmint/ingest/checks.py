"""Row rules: which rows may land, and why the others go to quarantine.

`apply_rules()` turns the typed fields into one Ibis expression with `_column` (the field at fault),
`_reason` (NULL for a row that lands) and `_why` (the reason's code and params, ingest/reasons.py). A rule
is (condition, field, reason, why). The order of the rules is the order a person would fix them in:
missing or unreadable required values, then the entity's own rules (negative amounts, unknown statuses,
unknown customers), then duplicate keys, where the last row of a key wins and earlier rows are quarantined.
The rules that look at other rows (duplicate keys, whole orders) run after the rest is materialised, as an
aggregate plus an update of just the rows concerned.
"""

from __future__ import annotations

import ibis

from segmint.ingest.fields import _EVENT_TYPE_OF, _EVENT_TYPE_SEPARATORS, EVENT_TYPES, ORDER_STATUSES, Entity
from segmint.ingest.normalise import strip
from segmint.ingest.reasons import why
from segmint.ingest.typed import EARLIEST_YEAR, bad, why_of

NULL_TEXT = ibis.null("string")
# Statuses under which negative amounts and quantities are normal (money or goods going back).
REVERSAL_STATUSES = ("cancelled", "returned", "adjustment")
STATUS_ALIASES = {
    "completed": "completed",
    "complete": "completed",
    "done": "completed",
    "paid": "completed",
    "виконано": "completed",
    "виконаний": "completed",
    "оплачено": "completed",
    "выполнен": "completed",
    "выполнено": "completed",
    "оплачен": "completed",
    "pending": "pending",
    "new": "pending",
    "новий": "pending",
    "новый": "pending",
    "очікує": "pending",
    "ожидает": "pending",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "скасовано": "cancelled",
    "скасований": "cancelled",
    "отменен": "cancelled",
    "отменён": "cancelled",
    "отменено": "cancelled",
    "returned": "returned",
    "return": "returned",
    "refunded": "returned",
    "повернення": "returned",
    "повернено": "returned",
    "возврат": "returned",
    "возвращен": "returned",
    "adjustment": "adjustment",
    "коригування": "adjustment",
    "корректировка": "adjustment",
}
CHANNEL_ALIASES = {
    "online": "online",
    "web": "online",
    "site": "online",
    "інтернет": "online",
    "онлайн": "online",
    "сайт": "online",
    "offline": "offline",
    "store": "offline",
    "shop": "offline",
    "офлайн": "offline",
    "магазин": "offline",
    "pos": "pos",
    "каса": "pos",
    "касса": "pos",
}


def event_type(text: ibis.StringValue) -> ibis.StringValue:
    """An event's type as stored: lower case, spaces and hyphens as "_" ("Email Open" is email_open), and a
    Ukrainian or Russian name as its type ("відкриття листа" is email_open); other text as it is, so the
    check names it (an unknown type is the row's fault)."""
    folded = strip(text.lower()).re_replace(_EVENT_TYPE_SEPARATORS, "_")
    return ibis.literal(_EVENT_TYPE_OF, type="map<string, string>")[folded].coalesce(folded)


def birth_year(table: ibis.Table, this_year: int) -> ibis.Table:
    """A birth year from EARLIEST_YEAR to this year lands; another (57, 1893, 2090) is refused and kept in
    rejected_values, as a birth date before EARLIEST_YEAR is: an age counted from it would be nonsense."""
    year = table.birth_year
    out = (year < EARLIEST_YEAR) | (year > this_year)
    shown, refused = year.cast("string"), bad("birth_year") in table.columns
    null = ibis.null("string")
    return table.mutate(
        **{
            bad("birth_year"): ibis.ifelse(
                out,
                f"birth year must be {EARLIEST_YEAR}..{this_year}, got " + shown,
                table[bad("birth_year")] if refused else null,
            ),
            why_of("birth_year"): ibis.ifelse(
                out,
                why("import.birth_year", value=shown, first=EARLIEST_YEAR, last=this_year),
                table[why_of("birth_year")] if refused else null,
            ),
            "birth_year": ibis.ifelse(out, ibis.null(year.type()), year),
        }
    )


def _mapped(table: ibis.Table, name: str) -> bool:
    return name in table.columns


def _lookup(value: ibis.StringValue, aliases: dict[str, str]) -> ibis.StringValue:
    return ibis.literal(aliases, type="map<string, string>")[strip(value.lower())]


def refused(table: ibis.Table, name: str) -> tuple:
    """The rule of a value that was present but unusable (typed.py's `_bad_` reason)."""
    return (table[bad(name)].notnull(), name, table[bad(name)], table[why_of(name)])


# The label a report's totals row carries where the records carry their key ("Разом;;;;154,00" at the end
# of a CRM's export): no record. Such a row landed as a customer (or product) named Разом.
TOTALS_LABELS = (
    "разом",
    "всього",
    "усього",
    "підсумок",
    "итого",
    "итог",
    "всего",
    "total",
    "totals",
    "grand total",
    "subtotal",
)


def totals_rules(table: ibis.Table, key: str) -> list:
    """A row whose key is a totals label (any case, a trailing colon or dot) is a totals row."""
    if not _mapped(table, key):
        return []
    label = strip(table[key].lower()).re_replace(r"[\s:.]+$", "")
    return [
        (
            label.isin(TOTALS_LABELS),
            key,
            "a totals row ('" + table[key] + "'), not a record",
            why("import.totals_row", value=table[key]),
        )
    ]


def required_rules(table: ibis.Table, entity: Entity, required: list[str]) -> list:
    rules = []
    for name in required:
        if bad(name) in table.columns:
            rules.append(refused(table, name))
        rules.append(
            (table[name].isnull(), name, ibis.literal(f"missing {name}"), why("import.missing", field=name))
        )
    return rules


def with_status(table: ibis.Table) -> ibis.Table:
    """Orders: canonical status (default completed, also for an empty cell) and channel; an unknown status
    is the row's fault."""
    extra = {}
    if _mapped(table, "status"):
        extra["_status_text"] = table.status
        # An empty cell (NULL) is looked up as "" -> completed: an ifelse around the lookup cost a fifth of
        # the check step's CPU (Ibis inlines the status in each rule that reads it).
        extra["status"] = _lookup(table.status.fill_null(""), {**STATUS_ALIASES, "": "completed"})
    else:
        extra["_status_text"] = NULL_TEXT
        extra["status"] = ibis.literal("completed")
    if _mapped(table, "channel"):
        extra["channel"] = _lookup(table.channel, CHANNEL_ALIASES).coalesce(table.channel.lower())
    return table.mutate(**extra)


def order_rules(table: ibis.Table) -> list:
    reversal = table.status.isin(REVERSAL_STATUSES)
    rules = [
        (
            table._status_text.notnull() & table.status.isnull(),
            "status",
            "unknown status '" + table._status_text + "' (expected " + ", ".join(ORDER_STATUSES) + ")",
            why("import.unknown_status", status=table._status_text, expected=list(ORDER_STATUSES)),
        ),
    ]
    for name in ("total", "discount", "currency"):
        if bad(name) in table.columns:
            rules.append(refused(table, name))
    if _mapped(table, "total"):
        rules.append(
            (
                ~reversal & (table.total < 0),
                "total",
                "negative amount on a '" + table.status.coalesce("") + "' order (only cancelled, "
                "returned and adjustment orders may be negative)",
                why("import.negative_total", status=table.status.coalesce("")),
            )
        )
    if _mapped(table, "discount"):
        shown = _number(table.discount)
        rules.append(
            (
                table.discount < 0,
                "discount",
                "negative discount " + shown,
                why("import.negative_discount", value=shown),
            )
        )
    return rules


def _number(value: ibis.NumericValue) -> ibis.StringValue:
    """A DECIMAL in a reason as it was typed, without the zeros of the column's scale: -1, -2.5. Cast to
    text it was "-1.000", which in uk and ru (a dot or comma groups thousands) reads as minus a thousand:
    "від’ємна кількість -1.000"."""
    return value.cast("string").re_replace(r"(\.[0-9]*?)0+$", r"\1").re_replace(r"\.$", "")


def item_rules(table: ibis.Table, status: ibis.StringValue | None) -> list:
    reversal = status.isin(REVERSAL_STATUSES) if status is not None else ibis.literal(False)
    rules = []
    if _mapped(table, "quantity"):
        rules.append(
            (
                ~reversal & (table.quantity < 0),
                "quantity",
                "negative quantity "
                + _number(table.quantity)
                + " (only cancelled, returned and adjustment orders may take goods back)",
                why("import.negative_quantity", value=_number(table.quantity)),
            )
        )
    if _mapped(table, "unit_price"):
        rules.append(
            (
                ~reversal & (table.unit_price < 0),
                "unit_price",
                "negative price " + _number(table.unit_price),
                why("import.negative_price", value=_number(table.unit_price)),
            )
        )
    if _mapped(table, "line_no"):
        if bad("line_no") in table.columns:
            rules.append(refused(table, "line_no"))
        rules.append(
            (
                table.line_no < 1,
                "line_no",
                ibis.literal("line number must be 1 or more"),
                why("import.line_no"),
            )
        )
    return rules


def event_rules(table: ibis.Table) -> list:
    return [
        (
            ~table.event_type.isin(EVENT_TYPES),
            "event_type",
            "unknown event type '" + table.event_type + "' (expected " + ", ".join(EVENT_TYPES) + ")",
            why("import.unknown_event_type", event_type=table.event_type, expected=list(EVENT_TYPES)),
        )
    ]


def apply_rules(table: ibis.Table, rules: list) -> ibis.Table:
    if not rules:
        return table.mutate(_column=NULL_TEXT, _reason=NULL_TEXT, _why=NULL_TEXT)
    return table.mutate(
        _column=ibis.cases(*[(cond, ibis.literal(name)) for cond, name, _, _ in rules], else_=NULL_TEXT),
        _reason=ibis.cases(*[(cond, reason) for cond, _, reason, _ in rules], else_=NULL_TEXT),
        _why=ibis.cases(*[(cond, coded) for cond, _, _, coded in rules], else_=NULL_TEXT),
    )


def duplicate_keys(table: ibis.Table, key: list[str]) -> ibis.Table:
    """Keys that several rows passing every other rule carry, with the row that wins (the last).

    `mark_superseded` then quarantines the earlier rows. An aggregate plus an update of the few rows
    concerned, instead of a window over every row: at millions of rows the window cost more than all the
    other checks together (measured with benchmarks/import_bench.py).
    """
    valid = table.filter(table._reason.isnull())
    counted = valid.group_by(key).aggregate(_last=valid._row.max(), _n=valid.count())
    return counted.filter(counted._n > 1).drop("_n")


def orders_with_bad_lines(table: ibis.Table) -> ibis.Table:
    """Line-level orders: each order with a quarantined line, and the first such row."""
    refused = table.filter(table._reason.notnull() & table.order_id.notnull())
    return refused.group_by("order_id").aggregate(_first_bad=refused._row.min())


def mark_superseded(con, checked: str, duplicates: str, key: list[str]) -> None:
    """Among rows that pass every other rule, the last of each key lands; earlier ones are quarantined."""
    same_key = " AND ".join(f"c.{_q(k)} IS NOT DISTINCT FROM d.{_q(k)}" for k in key)
    con.execute(
        f"UPDATE {checked} AS c SET _column = $column, "
        "_reason = 'duplicate key, superseded by row ' || CAST(d._last AS VARCHAR), "
        "_why = json_object('code', 'import.duplicate_key', 'params', json_object('row', d._last)) "
        f"FROM {duplicates} AS d WHERE c._reason IS NULL AND c._row <> d._last AND {same_key}",
        {"column": key[-1]},
    )


def number_copies(con, checked: str, duplicates: str, key: str) -> None:
    """Rows whose `key` is a content hash (events without an id) and that are exact copies all land: the
    first copy keeps the hash, the n-th gets "#n" after it. The file cannot tell one event exported twice
    from two alike (two views of a page in the same minute), so none is dropped; and as the n-th copy of a
    row always gets the same id, an import of the same file, or of a later export repeating the rows,
    changes nothing (docs/import.md)."""
    con.execute(
        f"UPDATE {checked} AS c SET {_q(key)} = c.{_q(key)} || '#' || CAST(n._copy AS VARCHAR) FROM ("
        f"SELECT _row, row_number() OVER (PARTITION BY {_q(key)} ORDER BY _row) AS _copy FROM {checked} "
        f"WHERE _reason IS NULL AND {_q(key)} IN (SELECT {_q(key)} FROM {duplicates})"
        ") AS n WHERE c._row = n._row AND n._copy > 1"
    )


def mark_orders_of_several_customers(con, checked: str) -> None:
    """Line-level orders: an order has one customer, so lines of one order id naming different customers
    (or a customer and none) are all quarantined, naming the first two; merged, the second customer's
    purchase would silently become the first one's (receipt numbers that restart per shop or per day)."""
    who = "coalesce(customer_id, chr(0))"
    _mark_mixed_orders(con, checked, "customer_id", who, "name different customers", "import.order_customers")


def mark_orders_of_several_days(con, checked: str) -> None:
    """Line-level orders: lines of one order id dated on different days are all quarantined, naming the
    first two; merged, the order would land on its first day with the other day's goods (receipt numbers
    that restart per day), one date silently picked. Lines of one order may differ in time within a day:
    UCI Online Retail has invoices whose lines are up to nine minutes apart, none over two days."""
    day = "CAST(ordered_at AS DATE)"
    _mark_mixed_orders(con, checked, "ordered_at", day, "are dated on different days", "import.order_dates")


def _mark_mixed_orders(con, checked: str, column: str, value: str, words: str, code: str) -> None:
    """Every line of the orders whose lines (those not yet quarantined) give different `value`s (SQL over
    a line's columns, never NULL; chr(0) is shown as "none") is quarantined under `column`, naming the
    first value and the first other one, with their rows (`code`). The orders are found by a plain
    min/max aggregate; the first values are looked for in their lines alone."""
    shown = "replace(CAST(m.{0} AS VARCHAR), chr(0), 'none')"
    given = "nullif(CAST(m.{0} AS VARCHAR), chr(0))"
    con.execute(
        "WITH orders AS ("
        f" SELECT order_id FROM {checked} WHERE _reason IS NULL AND order_id IS NOT NULL GROUP BY order_id"
        f" HAVING min({value}) <> max({value})"
        "), lines AS ("
        f" SELECT c.order_id, c._row, {value} AS v FROM {checked} c"
        " SEMI JOIN orders o ON c.order_id = o.order_id WHERE c._reason IS NULL"
        "), firsts AS ("
        " SELECT order_id, arg_min(v, _row) AS first_who, min(_row) AS first_row FROM lines GROUP BY order_id"
        "), mixed AS ("
        " SELECT f.order_id, any_value(f.first_who) AS first_who, any_value(f.first_row) AS first_row,"
        " arg_min(l.v, l._row) AS other_who, min(l._row) AS other_row"
        " FROM firsts f JOIN lines l ON l.order_id = f.order_id AND l.v <> f.first_who GROUP BY f.order_id"
        f") UPDATE {checked} AS c SET _column = '{column}', "
        f"_reason = 'the lines of order ''' || m.order_id || ''' {words} (' "
        f"|| {shown.format('first_who')} || ' on row ' || CAST(m.first_row AS VARCHAR) || ', ' "
        f"|| {shown.format('other_who')} || ' on row ' || CAST(m.other_row AS VARCHAR) || ')', "
        f"_why = json_object('code', '{code}', 'params', json_object('order', m.order_id, "
        f"'first', {given.format('first_who')}, 'first_row', m.first_row, "
        f"'other', {given.format('other_who')}, 'other_row', m.other_row)) "
        "FROM mixed AS m WHERE c._reason IS NULL AND c.order_id = m.order_id"
    )


def mark_whole_orders(con, checked: str, bad_orders: str) -> None:
    """Line-level orders land whole or not at all: one bad line quarantines its order's other lines."""
    con.execute(
        f"UPDATE {checked} AS c SET _column = 'order_id', "
        "_reason = 'another line of order ''' || c.order_id || ''' was quarantined (row ' "
        "|| CAST(b._first_bad AS VARCHAR) || ')', "
        "_why = json_object('code', 'import.order_line', 'params', json_object('order', c.order_id, "
        "'row', b._first_bad)) "
        f"FROM {bad_orders} AS b WHERE c._reason IS NULL AND c.order_id = b.order_id"
    )


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
