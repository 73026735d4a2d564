"""Ids written as whole floats: "13085.0" is customer 13085.

pandas writes an integer column with gaps (a guest purchase has no customer) as floats, so the Kaggle CSV
of Online Retail II names customer 13085 "13085.0" where the UCI workbook and Parquet name it 13085; kept
as written, importing both makes every customer twice. When every non-blank value of a file's id column is
a whole number written with a ".0", the ".0" is dropped from all of them (the summary's `float_ids` names
the column). A column that also holds "13085.5" or "C13085" is left as written: its ids are codes.
"""

from __future__ import annotations

import duckdb
import ibis

ID_FIELDS = ("customer_id", "order_id", "product_id")  # the ids that join one file's records to another's
WHOLE_FLOAT = r"[+-]?\d+\.0+"


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def float_id_columns(con: duckdb.DuckDBPyConnection, raw: str, columns: dict[str, str]) -> list[str]:
    """The file's text columns mapped to an id field (`columns`: source -> field) whose every non-blank
    value is a whole float; one scan of the columns whose first value is one. Typed files (Parquet) need
    none: a float column already loses its ".0" when read as text (typed._as_text)."""
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {raw})").fetchall())
    candidates = [s for s, f in columns.items() if f in ID_FIELDS and types.get(s) == "VARCHAR"]
    # one non-blank value decides whether the column is worth the scan (usually it is not)
    candidates = [s for s in candidates if _one_is_whole_float(con, raw, s)]
    if not candidates:
        return []
    checks = ", ".join(
        f"coalesce(bool_and(regexp_full_match(trim({_quote(s)}), '{WHOLE_FLOAT}')) "
        f"FILTER (WHERE trim({_quote(s)}) <> ''), false)"
        for s in candidates
    )
    found = con.execute(f"SELECT {checks} FROM {raw}").fetchone()
    return [source for source, whole in zip(candidates, found, strict=True) if whole]


def _one_is_whole_float(con: duckdb.DuckDBPyConnection, raw: str, source: str) -> bool:
    column = _quote(source)
    first = con.execute(
        f"SELECT regexp_full_match(trim({column}), '{WHOLE_FLOAT}') FROM {raw} "
        f"WHERE trim({column}) <> '' LIMIT 1"
    ).fetchone()
    return bool(first and first[0])


def without_float(value: ibis.StringValue) -> ibis.StringValue:
    """The id without its ".0" (the value is already trimmed)."""
    return value.re_replace(r"\.0+$", "")
