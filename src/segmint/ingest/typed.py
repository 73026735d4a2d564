"""From raw columns to typed, normalised fields, each with the reason it was refused (or NULL).

The result is an Ibis expression over the raw table with, for every mapped field `f`, a typed column `f`
and a column `_bad_f` holding the reason when the value was present but unusable. Dates and amounts are
parsed in DuckDB; names, e-mails, phones, countries, genders and yes/no values go through the scalar rules
of `normalise` once per DISTINCT value, joined back as small lookup tables.
"""

from __future__ import annotations

import duckdb
import ibis
import pyarrow as pa

from segmint.ingest import normalise
from segmint.ingest.fields import (
    AMOUNT,
    BOOLEAN,
    COUNTRY,
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

PYTHON_KINDS = {NAME, EMAIL, PHONE, COUNTRY, GENDER, BOOLEAN}
SQL_TYPES = {AMOUNT: "decimal(18, 4)", QUANTITY: "decimal(18, 3)"}
_CALENDAR_LIKE = r"^\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})"


def bad(name: str) -> str:
    return f"_bad_{name}"


def _as_text(column: ibis.Value) -> ibis.StringValue:
    """Text as a person would type it; integral floats lose their '.0' (ids read by pandas)."""
    if column.type().is_floating():
        whole = ~column.isnan() & ~column.isinf() & (column == column.round())  # DuckDB: NaN = NaN is true
        return ibis.ifelse(whole, column.cast("int64").cast("string"), column.cast("string"))
    if column.type().is_string():
        return column
    return column.cast("string")


def _blank_to_null(text: ibis.StringValue) -> ibis.StringValue:
    stripped = text.strip()
    return ibis.ifelse(stripped == "", ibis.null("string"), stripped)


def _timestamp(column: ibis.Value, kind: str, declared: str | None) -> tuple[ibis.Value, ibis.Value]:
    target = "date" if kind == DATE else "timestamp"
    if column.type().is_timestamp() or column.type().is_date():
        return column.cast(target), ibis.null("string")
    text = _blank_to_null(_as_text(column))
    parsed = normalise.parse_timestamp(text, declared)
    shown = "'" + text + "'"
    if declared:
        reason = "does not match the declared date format '" + ibis.literal(declared) + "': " + shown
    else:
        reason = ibis.cases(
            (
                normalise.looks_month_first(text),
                "ambiguous date "
                + shown
                + ": it reads only month-first (mm/dd/yyyy); declare the format with "
                "--date-format '%m/%d/%Y' if that is right",
            ),
            (text.re_search(_CALENDAR_LIKE), "not a valid calendar date: " + shown),
            else_="not a date in a known format (ISO yyyy-mm-dd, dd.mm.yyyy, dd-mm-yyyy, dd/mm/yyyy): "
            + shown,
        )
    return parsed.cast(target), ibis.ifelse(text.notnull() & parsed.isnull(), reason, ibis.null("string"))


def _number(column: ibis.Value, kind: str) -> tuple[ibis.Value, ibis.Value]:
    sql_type = SQL_TYPES.get(kind, "int64")
    if column.type().is_numeric():
        if column.type().is_floating():
            broken = column.isnan() | column.isinf()
            reason = ibis.ifelse(broken, "not a number (NaN or infinite)", ibis.null("string"))
            value = ibis.ifelse(broken, ibis.null(), column).cast(sql_type)
            if kind == INTEGER:
                reason = ibis.ifelse(~broken & (column != column.round()), "not a whole number", reason)
            return value, reason
        return column.cast(sql_type), ibis.null("string")
    text = _blank_to_null(_as_text(column))
    parsed = normalise.parse_amount(text, sql_type) if kind != INTEGER else text.try_cast("int64")
    reason = ibis.ifelse(
        text.notnull() & parsed.isnull(),
        ibis.ifelse(
            text.lower().isin(["nan", "inf", "-inf", "infinity"]),
            "not a number (NaN or infinite)",
            "not a number: '" + text + "'",
        ),
        ibis.null("string"),
    )
    return parsed, reason


def _tags(column: ibis.Value) -> ibis.Value:
    text = _blank_to_null(_as_text(column))
    parts = text.re_replace(r"[;|]", ",").split(",").map(lambda p: p.strip())
    return parts.filter(lambda p: p != "")


def python_lookup(
    con: duckdb.DuckDBPyConnection, raw_name: str, source: str, kind: str, default_country: str, index: int
) -> str:
    """Normalise each DISTINCT value of a column in Python; returns a temp table (src, val, err)."""
    values = [
        v
        for (v,) in con.execute(
            f"SELECT DISTINCT CAST({_quote(source)} AS VARCHAR) FROM {raw_name} WHERE "
            f"{_quote(source)} IS NOT NULL"
        ).fetchall()
    ]
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


def typed_fields(
    ws,
    raw_name: str,
    entity: Entity,
    columns: dict[str, str],
    declared_date: str | None,
) -> ibis.Table:
    """The Ibis expression: `_row`, every mapped field typed, and `_bad_<field>` reasons."""
    con = ws.raw
    raw = ws.con.table(raw_name)
    out: dict[str, ibis.Value] = {"_row": raw["_row"]}
    joins: list[tuple[str, ibis.Table, str]] = []
    for index, (source, name) in enumerate(columns.items()):
        kind = entity.by_name[name].kind
        column = raw[source]
        if kind in PYTHON_KINDS:
            lookup = ws.con.table(
                python_lookup(con, raw_name, source, kind, ws.settings.default_country, index)
            )
            joins.append((source, lookup, name))
            continue
        if kind in (DATE, TIMESTAMP):
            value, reason = _timestamp(column, kind, declared_date)
        elif kind in (AMOUNT, QUANTITY, INTEGER):
            value, reason = _number(column, kind)
        elif kind == TAGS:
            value, reason = _tags(column), ibis.null("string")
        else:
            assert kind == TEXT, kind
            value, reason = _blank_to_null(_as_text(column)), ibis.null("string")
        out[name], out[bad(name)] = value, reason
    table = raw.select(**out, **{f"_src_{i}": _as_text(raw[s]) for i, (s, _n, _f) in enumerate(joins)})
    for i, (_source, lookup, name) in enumerate(joins):
        renamed = lookup.rename({f"_l{i}_src": "src", f"_l{i}_val": "val", f"_l{i}_err": "err"})
        table = table.left_join(renamed, table[f"_src_{i}"] == renamed[f"_l{i}_src"]).select(
            ~ibis.selectors.cols(f"_l{i}_src"),
        )
        table = table.rename({name: f"_l{i}_val", bad(name): f"_l{i}_err"})
    return table.drop(*[f"_src_{i}" for i in range(len(joins))])
