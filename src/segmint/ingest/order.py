"""Events kept in customer order as they grow, so one customer's events stay a quick look-up.

Each import stores its new events sorted by customer (pipeline.py). DuckDB keeps the min and max of a
column per row group (~122k rows) and skips the row groups that cannot hold the customer looked for
(the API's profile): a large batch is one sorted run and is skipped but for one row group. Small batches
share row groups whose customer range spans nearly everyone, and every look-up reads them: after many
daily imports the profile scans all events again (~180 ms at 12M events instead of a few ms).

So the rows appended since the table was last in order are its tail, and when the tail passes
TAIL_SHARE of the table and MIN_TAIL rows, the import that made it so rewrites the table in customer
order, in its own transaction (at 12M events ~20 s: a rare cost, paid when the tail has grown a
quarter). `table_order` (migration 0009) holds how many rows were in order after the last rewrite; the
first import into an empty table is one sorted run, so it counts as in order.
"""

from __future__ import annotations

TABLE = "events"
TAIL_SHARE = 0.25
MIN_TAIL = 500_000


def keep_in_order(con, *, was_empty: bool) -> bool:
    """After an import appended to `events` (empty before it when `was_empty`): record the rows in order,
    or rewrite the table sorted when its unsorted tail is too long. True when it was rewritten."""
    (total,) = con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()
    row = con.execute("SELECT in_order_rows FROM table_order WHERE table_name = ?", [TABLE]).fetchone()
    in_order = total if was_empty else (row[0] if row else 0)  # unknown: a workspace from before 0009
    rewrite = total - in_order >= max(MIN_TAIL, TAIL_SHARE * total)
    if rewrite:
        # a sorted copy appended, then the old rows deleted: the table keeps its definition, and DuckDB
        # drops the emptied row groups at the next checkpoint
        (last,) = con.execute(f"SELECT max(rowid) FROM {TABLE}").fetchone()
        con.execute(f"INSERT INTO {TABLE} SELECT * FROM {TABLE} ORDER BY customer_id")
        con.execute(f"DELETE FROM {TABLE} WHERE rowid <= ?", [last])
        in_order = total
    if rewrite or row is None or row[0] != in_order:
        con.execute(
            "INSERT OR REPLACE INTO table_order VALUES (?, ?, current_localtimestamp())", [TABLE, in_order]
        )
    return rewrite
