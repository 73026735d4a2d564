"""Numbers typed in a form, read as an import reads them: "1 234,5", "1234.5", "1.234,56" and "1,234.56"
are 1234.5 / 1234.56 (segmint.ingest.normalise.parse_amount, the reader of every imported amount), so a
value copied from a file the import took is taken by the builder and the campaign form too. Each form had
a reader of its own ("1 234,5" passed the builder but not the campaign form's cost). An amount of money
(a field in the workspace's currency, a campaign's cost per message) may be written with that currency, as
the import reads an amount ("1 234,5 ₴", "₴1 234,50", "12 грн", "UAH 1234.5"); another currency, or a
currency beside a count or a share, reads no number.

The reader is an Ibis expression, run here by DuckDB in memory (only the typed text, never the workspace):
compiled once to a prepared statement over a one-row table, a few milliseconds a value.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from functools import cache

import duckdb
import ibis

from segmint.ingest.normalise import parse_amount, strip

TYPE = "decimal(38, 10)"  # exact, as amounts are; a form's numbers have no more decimals
_lock = threading.Lock()  # one connection: one value at a time


@cache
def _reader() -> duckdb.DuckDBPyConnection:
    typed = ibis.table({"text": "string", "currency": "string"}, name="typed")
    # a NULL currency: a quantity, no currency may be written (parse_amount's currency=None)
    query = typed.select(number=parse_amount(strip(typed.text), TYPE, typed.currency))
    con = duckdb.connect()
    con.execute("CREATE TABLE typed (text VARCHAR, currency VARCHAR)")
    con.execute("PREPARE read_number AS " + ibis.to_sql(query, dialect="duckdb"))
    return con


def read_number(text: str, currency: str | None = None) -> Decimal | None:
    """The number in `text` as an import reads it; None when it reads none (blank, letters, NaN, a
    currency other than `currency`: the ISO code of an amount's currency, None for a quantity)."""
    with _lock:
        con = _reader()
        con.execute("DELETE FROM typed")
        con.execute("INSERT INTO typed VALUES (?, ?)", [text, currency])
        (number,) = con.execute("EXECUTE read_number").fetchone()
    # without the type's trailing zeros (0.5, not 0.5000000000; 10, not 1E+1)
    return None if number is None else Decimal(format(number.normalize(), "f"))
