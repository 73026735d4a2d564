"""From raw columns to typed, normalised fields, each with the reason it was refused (or NULL).

The result is an Ibis expression over the raw table with, for every mapped field `f`, a typed column `f`
and a column `_bad_f` holding the reason when the value was present but unusable, with `_why_f` its code
and params (ingest/reasons.py). Dates and amounts are
parsed in DuckDB; names, e-mails, phones, countries, genders and yes/no values go through the scalar rules
of `normalise` once per DISTINCT value, joined back as small lookup tables.
"""

from __future__ import annotations

import datetime

import duckdb
import ibis
import pyarrow as pa

from segmint.ingest import normalise
from segmint.ingest.fields import (
    AMOUNT,
    BOOLEAN,
    COUNTRY,
    CURRENCY,
    DATE,
    EMAIL,
    GENDER,
    INTEGER,
    NAME,
    PHONE,
    QUANTITY,
    TAGS,
    TEXT,
    TIMESTAMP,
    Entity,
)
from segmint.ingest.reasons import why

PYTHON_KINDS = {NAME, EMAIL, PHONE, COUNTRY, GENDER, BOOLEAN}
SQL_TYPES = {AMOUNT: "decimal(18, 4)", QUANTITY: "decimal(18, 3)"}
# the whole value is written as a date the import reads (with a time, an offset or "г." after it): when it
# reads as none, the day or month is not in the calendar ("31.02.2024"); any other text is in a format
# the import does not know (before, "14.03.2024г." and "2024-03-14T10:15:00Z" were "not a valid calendar
# date" for their first ten characters)
_CALENDAR_LIKE = (
    r"^\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})([Tt ]\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?)?"
    r"(\s?([Zz]|[+-]\d{2}(:?\d{2})?)|\s*[ГгРр]\.?)?\s*$"
)
# Excel counts days from 1899-12-30 (its 1900 leap-year bug included): five digits are 1927-2173, with
# an optional fraction of a day for the time
EXCEL_EPOCH = datetime.date(1899, 12, 30)
_EXCEL_SERIAL = r"^[1-9][0-9]{4}([.,][0-9]+)?$"


def bad(name: str) -> str:
    return f"_bad_{name}"


def why_of(name: str) -> str:
    """The column with the code and params of `bad(name)`'s reason."""
    return f"_why_{name}"


def _as_text(column: ibis.Value) -> ibis.StringValue:
    """Text as a person would type it; integral floats lose their '.0' (ids read by pandas)."""
    if column.type().is_floating():
        whole = ~column.isnan() & ~column.isinf() & (column == column.round())  # DuckDB: NaN = NaN is true
        return ibis.ifelse(whole, column.cast("int64").cast("string"), column.cast("string"))
    if column.type().is_string():
        return column
    return column.cast("string")


def _blank_to_null(text: ibis.StringValue) -> ibis.StringValue:
    stripped = normalise.strip(text)
    return ibis.ifelse(stripped == "", ibis.null("string"), stripped)


def _typed_in_file(column: ibis.Value, kind: str) -> bool:
    """True when the file's own type already fits (Parquet timestamps and numbers): no text to parse."""
    if kind in (DATE, TIMESTAMP):
        return column.type().is_timestamp() or column.type().is_date()
    if kind in (AMOUNT, QUANTITY, INTEGER):
        return column.type().is_numeric()
    return False


EARLIEST_YEAR = 1900  # no order, event or living customer's birth is older


Typed = tuple[ibis.Value, ibis.Value | None, ibis.Value | None]  # value, reason, its code and params
# the currency an amount is stored in (ISO code) and whether the row's own currency column gave it
Currency = tuple[ibis.Value, ibis.Value]


def _timestamp(
    text: ibis.StringValue,
    kind: str,
    declared: str | None,
    order: normalise.DateOrder | None = None,
    zone: str = "UTC",
) -> Typed:
    """From stripped text (NULL when blank) to a date or timestamp, and the reason when it is none. The
    column's slash dates read in its `order` (normalise.date_orders): where it shows both, a value that
    reads either way is refused."""
    target = "date" if kind == DATE else "timestamp"
    month_first_column = order is not None and order.order == normalise.MONTH_FIRST
    parsed = normalise.parse_timestamp(text, declared, month_first_column, zone)
    shown = "'" + text + "'"
    month_first = "%m/%d/%Y"
    if order is not None and order.order == normalise.MIXED_ORDER and not declared:
        either = normalise.reads_either_way(text)
        parsed = ibis.ifelse(either, ibis.null("timestamp"), parsed)
        mixed = (
            "ambiguous date " + shown + f": column '{order.column}' of {order.file} writes both month-first "
            f"('{order.month_first}') and day-first ('{order.day_first}') dates; declare the format with "
            "--date-format"
        )
        mixed_why = why(
            "import.date_order",
            value=text,
            column=order.column,
            file=order.file,
            month_first=order.month_first,
            day_first=order.day_first,
        )
    if declared:
        reason = "does not match the declared date format '" + ibis.literal(declared) + "': " + shown
        coded = why("import.date_format", format=declared, value=text)
    else:
        month_first_only = normalise.looks_month_first(text)
        calendar_like = text.re_search(_CALENDAR_LIKE)
        reason = ibis.cases(
            (
                month_first_only,
                "ambiguous date "
                + shown
                + ": it reads only month-first (mm/dd/yyyy); declare the format with "
                f"--date-format '{month_first}' if that is right",
            ),
            (calendar_like, "not a valid calendar date: " + shown),
            else_="not a date in a known format (ISO yyyy-mm-dd, also yyyy-mm-ddThh:mm:ss with Z or +hh:mm; "
            "dd.mm.yyyy, dd-mm-yyyy, dd/mm/yyyy; with the month's name in English, Ukrainian or Russian: "
            "14 March 2024, Mar 14, 2024, 14-Mar-2024, 14 березня 2024 р., 14 марта 2024 г.; each with or "
            "without a time): " + shown,
        )
        coded = ibis.cases(
            (month_first_only, why("import.date_month_first", value=text, format=month_first)),
            (calendar_like, why("import.date_not_in_calendar", value=text)),
            else_=why("import.date_unknown_format", value=text),
        )
    # "15.03.24" matches dd.mm.yyyy as the year 24: a two-digit year (common in 1C exports) would land
    # silently two millennia off, so a year before EARLIEST_YEAR is refused with the fix to apply.
    too_early = parsed.year() < EARLIEST_YEAR
    two_digits = "%d.%m.%y"
    early = (
        "implausible year in " + shown + f" (before {EARLIEST_YEAR}): a two-digit year? declare the format, "
        f"e.g. --date-format '{two_digits}'"
    )
    early_why = why("import.date_year", value=text, year=EARLIEST_YEAR, format=two_digits)
    # A date column of a CSV saved from Excel may hold the cell's number: 45123 is 2023-07-16. Not
    # guessed (a number there may be anything), but named with the date it would be.
    serial = text.re_search(_EXCEL_SERIAL)
    day = ibis.literal(EXCEL_EPOCH) + text.re_extract(r"^\d+", 0).cast("int32").as_interval("D")
    day = day.cast("timestamp").date()  # DuckDB: a date plus days is a timestamp, which Ibis takes for a date
    excel = (
        "not a date: " + shown + " looks like an Excel serial date (" + day.cast("string") + "); save the "
        "column from Excel formatted as a date"
    )
    excel_why = why("import.date_excel_serial", value=text, date=day.cast("string"))
    null = ibis.null("string")
    if order is not None and order.order == normalise.MIXED_ORDER and not declared:
        reason = ibis.ifelse(either, mixed, reason)
        coded = ibis.ifelse(either, mixed_why, coded)
    reason = ibis.cases(
        (text.isnull(), null),
        (parsed.isnull() & serial, excel),
        (parsed.isnull(), reason),
        (too_early, early),
    )
    coded = ibis.cases(
        (text.isnull(), null),
        (parsed.isnull() & serial, excel_why),
        (parsed.isnull(), coded),
        (too_early, early_why),
    )
    return ibis.ifelse(too_early, ibis.null(target), parsed.cast(target)), reason, coded


def _typed_number(column: ibis.Value, kind: str) -> Typed:
    """A column the file already stores as a number: only NaN, infinities and fractions can be wrong."""
    sql_type = SQL_TYPES.get(kind, "int64")
    if column.type().is_floating():
        broken = column.isnan() | column.isinf()
        null = ibis.null("string")
        reason = ibis.ifelse(broken, "not a number (NaN or infinite)", null)
        coded = ibis.ifelse(broken, why("import.not_finite"), null)
        value = ibis.ifelse(broken, ibis.null(), column).cast(sql_type)
        if kind == INTEGER:
            fraction = ~broken & (column != column.round())
            reason = ibis.ifelse(fraction, "not a whole number", reason)
            coded = ibis.ifelse(fraction, why("import.not_whole"), coded)
        return value, reason, coded
    return column.cast(sql_type), None, None


def _number(
    text: ibis.StringValue, kind: str, currency: Currency | None = None, mark: str | None = None
) -> Typed:
    """From stripped text (NULL when blank) to a number, and the reason when it is none. An amount may name
    its currency ("$100", "100 грн"): it lands when that is the currency it is stored in (`currency`).
    "1,234" reads with the file's decimal `mark` (normalise.decimal_marks)."""
    sql_type = SQL_TYPES.get(kind, "int64")
    expected, of_order = currency if kind == AMOUNT and currency else (None, None)
    fraction = None
    if kind == INTEGER:
        parsed, fraction = normalise.parse_whole(text)
    else:
        parsed = normalise.parse_amount(text, sql_type, expected)
        parsed = normalise.with_decimal_mark(text, parsed, mark, sql_type)
    refused = text.notnull() & parsed.isnull()
    infinite = text.lower().isin(["nan", "inf", "-inf", "infinity"])
    reason = ibis.ifelse(infinite, "not a number (NaN or infinite)", "not a number: '" + text + "'")
    coded = ibis.ifelse(infinite, why("import.not_finite"), why("import.not_a_number", value=text))
    if fraction is not None:  # "9,5" as an NPS score or a birth year: a number, but no whole one
        reason = ibis.ifelse(fraction, "not a whole number: '" + text + "'", reason)
        coded = ibis.ifelse(fraction, why("import.not_whole.value", value=text), coded)
    if mark == normalise.MIXED_MARKS and kind != INTEGER:
        ambiguous = normalise.is_ambiguous(text)
        reason = ibis.ifelse(
            ambiguous,
            "ambiguous number '"
            + text
            + "': a thousands separator or a decimal mark? The file writes both a decimal point and a "
            "decimal comma elsewhere; write it without the separator or with its decimals",
            reason,
        )
        coded = ibis.ifelse(ambiguous, why("import.number_ambiguous", value=text), coded)
    if expected is not None:
        # only for a refused value (a CASE branch): a number in another currency than `expected`
        signed = normalise.accounting_sign(text)
        written = normalise.currency_of(signed)
        foreign = (
            written.notnull()
            & (written != normalise.UNKNOWN_CURRENCY)
            & ~normalise.in_currency(written, expected)
            & normalise.cleaned_amount(signed).try_cast(sql_type).notnull()
        )
        whose = ibis.ifelse(of_order, "the order's currency", "the workspace's currency")
        shown = "amount '" + text + "' is in " + written + ", not in " + expected + " (" + whose + ")"
        params = {"value": text, "currency": written, "expected": expected}
        reason = ibis.ifelse(foreign, shown, reason)
        coded = ibis.cases(
            (foreign & of_order, why("import.amount_currency.order", **params)),
            (foreign, why("import.amount_currency", **params)),
            else_=coded,
        )
    null = ibis.null("string")
    return parsed, ibis.ifelse(refused, reason, null), ibis.ifelse(refused, coded, null)


def _currency(stage: ibis.Table, columns: dict[str, str], workspace: str) -> Currency:
    """The currency each row's amounts are in: the row's currency column when it has one, else the
    workspace's."""
    index = next((i for i, name in enumerate(columns.values()) if name == "currency"), None)
    if index is None or f"_txt_{index}" not in stage.columns:
        return ibis.literal(workspace), ibis.literal(False)
    given = normalise.currency_code(stage[f"_txt_{index}"], workspace)
    return given.coalesce(workspace), given.notnull()


def _currency_column(text: ibis.StringValue, workspace: str) -> Typed:
    """A currency column's value as its ISO 4217 code, and the reason when it names none (the row's
    amounts are then in no known currency: checks.order_rules quarantines it)."""
    code = normalise.currency_code(text, workspace)
    unknown = text.notnull() & code.isnull()
    null = ibis.null("string")
    reason = "unknown currency '" + text + "' (expected an ISO 4217 code such as UAH, USD, EUR; or грн, $, €)"
    coded = why("import.currency", value=text)
    return code, ibis.ifelse(unknown, reason, null), ibis.ifelse(unknown, coded, null)


def _tags(text: ibis.StringValue) -> ibis.Value:
    parts = text.re_replace(r"[;|]", ",").split(",").map(lambda p: p.strip())
    return parts.filter(lambda p: p != "")


def python_lookup(
    con: duckdb.DuckDBPyConnection, raw: ibis.Table, source: str, kind: str, default_country: str, index: int
) -> str:
    """Normalise each DISTINCT value of a column in Python; returns a temp table (src, val, err, why):
    the value, the reason it was refused and the reason's code and params (a `Reason`'s JSON). The values
    are the column's text as `_as_text` gives it, the key the lookup is joined back on: a float column's
    380671234567.0 is "380671234567" in both (as CAST AS VARCHAR, it matched no row and the phones of a
    Parquet file's numeric column were dropped without a reason)."""
    text = _as_text(raw[source]).name("v")
    distinct = raw.select(text).filter(text.notnull()).distinct()
    values = [v for (v,) in con.execute(ibis.to_sql(distinct, dialect="duckdb")).fetchall()]
    rule = {
        NAME: normalise.name,
        EMAIL: normalise.email,
        PHONE: lambda v: normalise.phone(v, default_country),
        COUNTRY: normalise.country,
        GENDER: normalise.gender,
        BOOLEAN: normalise.boolean,
    }[kind]
    results = [rule(v) for v in values]
    value_type = pa.bool_() if kind == BOOLEAN else pa.string()
    table = pa.table(
        {
            "src": pa.array(values, pa.string()),
            "val": pa.array([r[0] for r in results], value_type),
            "err": pa.array([r[1] for r in results], pa.string()),
            "why": pa.array([r[1].why() if r[1] else None for r in results], pa.string()),
        }
    )
    name = f"_segmint_norm_{index}"
    con.register("_segmint_arrow", table)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _segmint_arrow")
    finally:
        con.unregister("_segmint_arrow")
    return name


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def date_orders(
    ws, raw_name: str, entity: Entity, columns: dict[str, str], declared_date: str | None, file: str
) -> dict[str, normalise.DateOrder]:
    """How the slash dates of each date column given as text read (normalise.date_orders); none when a
    format is declared."""
    raw = ws.con.table(raw_name)
    dates = [
        source
        for source, name in columns.items()
        if entity.by_name[name].kind in (DATE, TIMESTAMP)
        and not _typed_in_file(raw[source], entity.by_name[name].kind)
    ]
    return {} if declared_date else normalise.date_orders(ws.raw, raw_name, dates, file)


def typed_fields(
    ws,
    raw_name: str,
    entity: Entity,
    columns: dict[str, str],
    declared_date: str | None,
    orders: dict[str, normalise.DateOrder] | None = None,
) -> ibis.Table:
    """The Ibis expression: `_row`, every mapped field typed, and `_bad_<field>` reasons with their
    `_why_<field>` codes.

    A field whose values cannot be refused (plain text, tags, a Parquet column that already has the right
    type) gets no `_bad_` column at all: at millions of rows every always-NULL column costs time to carry.
    `orders`: how each date column's slash dates read (`date_orders`).
    """
    con = ws.raw
    raw = ws.con.table(raw_name)
    # Stage 1: every value to parse as trimmed text (NULL when blank), once, as its own column. Parsing
    # (stage 2) refers to these columns many times; building on the raw column instead would repeat the
    # trim in every one of those places.
    kinds = {name: entity.by_name[name].kind for name in columns.values()}
    texts = {
        f"_txt_{i}": _blank_to_null(_as_text(raw[source]))
        for i, (source, name) in enumerate(columns.items())
        if kinds[name] not in PYTHON_KINDS and not _typed_in_file(raw[source], kinds[name])
    }
    typed_sources = [
        source
        for source, name in columns.items()
        if kinds[name] not in PYTHON_KINDS and _typed_in_file(raw[source], kinds[name])
    ]
    python_sources = {
        f"_src_{i}": _as_text(raw[s]) for i, (s, n) in enumerate(columns.items()) if kinds[n] in PYTHON_KINDS
    }
    stage = raw.select("_row", *typed_sources, **texts, **python_sources)
    out: dict[str, ibis.Value] = {"_row": stage["_row"]}
    currency = _currency(stage, columns, ws.settings.currency)
    numbers = [
        source
        for source, name in columns.items()
        if kinds[name] in (AMOUNT, QUANTITY) and not _typed_in_file(raw[source], kinds[name])
    ]
    mark = normalise.decimal_marks(con, raw_name, numbers)
    orders = orders or {}
    joins: list[tuple[str, ibis.Table, str]] = []
    for index, (source, name) in enumerate(columns.items()):
        kind = kinds[name]
        if kind in PYTHON_KINDS:
            lookup = ws.con.table(python_lookup(con, raw, source, kind, ws.settings.default_country, index))
            joins.append((f"_src_{index}", lookup, name))
            continue
        reason = coded = None
        if source in typed_sources:
            column = stage[source]
            if kind in (DATE, TIMESTAMP):
                value = column.cast("date" if kind == DATE else "timestamp")
            else:
                value, reason, coded = _typed_number(column, kind)
        else:
            text = stage[f"_txt_{index}"]
            if kind in (DATE, TIMESTAMP):
                value, reason, coded = _timestamp(
                    text, kind, declared_date, orders.get(source), ws.settings.timezone
                )
            elif kind in (AMOUNT, QUANTITY, INTEGER):
                value, reason, coded = _number(text, kind, currency, mark)
            elif kind == TAGS:
                value = _tags(text)
            elif kind == CURRENCY:
                value, reason, coded = _currency_column(text, ws.settings.currency)
            else:
                assert kind == TEXT, kind
                value = text
        out[name] = value
        if reason is not None:
            out[bad(name)], out[why_of(name)] = reason, coded
    table = stage.select(**out, **{key: stage[key] for key in python_sources})
    for i, (key, lookup, name) in enumerate(joins):
        renamed = lookup.rename(
            {f"_l{i}_src": "src", f"_l{i}_val": "val", f"_l{i}_err": "err", f"_l{i}_why": "why"}
        )
        table = table.left_join(renamed, table[key] == renamed[f"_l{i}_src"]).select(
            ~ibis.selectors.cols(f"_l{i}_src"),
        )
        table = table.rename({name: f"_l{i}_val", bad(name): f"_l{i}_err", why_of(name): f"_l{i}_why"})
    return table.drop(*python_sources)


# A header that names income (Income, Дохід) reads as the numeric field `income` when the column holds
# numbers, and as the text field `income_band` when it holds bands (50-75k, high): the header alone cannot
# tell a CRM's yearly income from its income bands, and a number stored as text cannot be compared.
BY_CONTENT = {"income": "income_band"}


def by_content(ws, raw_name: str, entity: Entity, mapping, explicit: dict[str, str]):
    """`mapping` with each column matched by its header to a BY_CONTENT field moved to that field's text
    twin when more than half of its non-blank values are no number (as the import reads amounts). A
    column mapped with --map, a mapping file or a preset stays where it was mapped; so does one the file
    already types as a number (Parquet, .xlsx numbers)."""
    raw = ws.con.table(raw_name)
    for source, name in list(mapping.columns.items()):
        other = BY_CONTENT.get(name)
        if other is None or source in explicit or other not in entity.by_name or mapping.has(other):
            continue
        if _typed_in_file(raw[source], entity.by_name[name].kind):
            continue
        t = typed_fields(ws, raw_name, entity, {source: name}, None)
        refused = t[bad(name)].notnull() if bad(name) in t.columns else ibis.literal(False)
        counts = t.aggregate(
            read=t[name].notnull().cast("int64").sum(), refused=refused.cast("int64").sum()
        ).execute()
        read, refused_n = (int(counts[c].iloc[0] or 0) for c in ("read", "refused"))
        if refused_n > read:
            mapping.columns[source] = other
    return mapping
