"""Tables kept in customer order as they grow, so one customer's rows stay a quick look-up.

`events` and `membership_intervals` are read one customer at a time (the API's profile). Each import
stores its new events sorted by customer (ingest/pipeline.py), and each refresh its history rows
(history/splice.py). DuckDB keeps the min and max of a column per row group (~122k rows) and skips the
row groups that cannot hold the customer looked for, so a large batch is one sorted run, skipped but for
one row group. Small batches share row groups whose customer range spans nearly everyone, and every
look-up reads them: after many daily imports or refreshes the look-up is a scan again (~180 ms for 12M
events, ~240 ms for 16M history rows, instead of a few ms).

So the rows appended since a table was last in order are its tail, and when the tail passes TAIL_SHARE
of the table and MIN_TAIL rows, the import or refresh that made it so rewrites the table in customer
order, in its own transaction (~21 s for 12M events: a rare cost, paid when the tail has grown a
quarter). `table_order` (migration 0009) holds how many rows were in order after the last rewrite; a
table filled by one sorted batch counts as in order. Rows deleted from the sorted part (the history's
closed intervals) are not counted: the tail is then a little longer than it looks.
"""

from __future__ import annotations

TAIL_SHARE = 0.25
MIN_TAIL = 500_000


def is_empty(con, table: str) -> bool:
    return con.execute(f"SELECT count(*) = 0 FROM (SELECT 1 FROM {table} LIMIT 1)").fetchone()[0]


def insert_in_order(con, table: str, select: str, params: dict | None = None) -> int:
    """INSERT INTO `table` the rows of `select`, ORDER BY customer_id; nothing at all when it has none.

    Why never an empty sorted INSERT: DuckDB 1.5.6 (fixed in 2.0, which Ibis 12 cannot use yet) loses
    track of a large sorted INSERT (more than one row group, ~122k rows) that follows an empty sorted
    INSERT into the same table in one transaction. After the commit its rows are invisible to every
    scan, a DELETE passes them over, and the next checkpoint brings them back. Found at 1M customers: a
    segment created with no leavers (its exits INSERT empty) and 600k members showed none, and history
    deleted later came back (tests/history/test_order.py reproduces it with 130k rows)."""
    return insert_if_any(con, table, select, params, order_by="customer_id")


def insert_if_any(
    con,
    table: str,
    select: str,
    params: dict | None = None,
    *,
    order_by: str | None = None,
    same_rows: str | None = None,
) -> int:
    """INSERT INTO `table` the rows of `select` (sorted by `order_by` if given), skipped when it has none.
    The DuckDB 1.5.6 bug above is not only about sorted INSERTs: an empty INSERT of a UNION ALL, or from
    an Arrow table, hides a large INSERT after it in the same table and transaction too (0 of 300k rows
    seen). Any table filled by several INSERTs in one transaction goes through here. The check reads
    the unsorted rows: EXISTS stops at the first one (with the ORDER BY it is a top-1 over them all);
    `same_rows`: a query (without parameters) with as many rows as `select`, unsorted, when `select`
    sorts them itself."""
    if same_rows is None:
        (has_rows,) = con.execute(f"SELECT EXISTS ({select})", params or {}).fetchone()
    else:
        (has_rows,) = con.execute(f"SELECT EXISTS ({same_rows})").fetchone()
    if not has_rows:
        return 0
    ordered = f"{select} ORDER BY {order_by}" if order_by else select
    (inserted,) = con.execute(f"INSERT INTO {table} {ordered}", params or {}).fetchone()
    return int(inserted)


def keep_in_order(con, table: str, *, one_sorted_batch: bool, moved: int = 0) -> bool:
    """After rows were appended to `table`: record the rows in order, or rewrite the table sorted by
    customer when its unsorted tail is too long. `one_sorted_batch`: the table holds nothing but one
    batch written in customer order (it was empty before). `moved`: rows deleted and appended again
    (the features rows an incremental refresh replaced), counted out of the rows in order. True when
    the table was rewritten."""
    (total,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    row = con.execute("SELECT in_order_rows FROM table_order WHERE table_name = ?", [table]).fetchone()
    # unknown: a table from before 0009, or features stored before they were tracked
    in_order = total if one_sorted_batch else max((row[0] if row else 0) - moved, 0)
    rewrite = total - in_order >= max(MIN_TAIL, TAIL_SHARE * total)
    if rewrite:
        # a sorted copy appended, then the old rows deleted: the table keeps its definition and
        # constraints, and DuckDB drops the emptied row groups at the next checkpoint
        (last,) = con.execute(f"SELECT max(rowid) FROM {table}").fetchone()
        insert_in_order(con, table, f"SELECT * FROM {table}")
        con.execute(f"DELETE FROM {table} WHERE rowid <= ?", [last])
        in_order = total
    if rewrite or row is None or row[0] != in_order:
        con.execute(
            "INSERT OR REPLACE INTO table_order VALUES (?, ?, current_localtimestamp())", [table, in_order]
        )
    return rewrite
