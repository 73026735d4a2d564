"""The live customer an id names: dedupe leaves a merged record in `customers` with `merged_into` set, and a
survivor can be merged again later (A into B, then B into C) without the older `merged_into` being
rewritten, so the record that is a customer now is found by following the whole chain, not one step.

One SQL text for every reader (unsubscribe links, campaign results, static lists, imports under a merged
id), so none of them stops one step short again.
"""

from __future__ import annotations


def survivors_sql(given: str) -> str:
    """SQL of (given, customer_id): each id of the relation `given` (a query or table with a `customer_id`
    column) with the live record it names, itself when it was never merged. An id of no customer has no
    row; nor has one in a cycle of merged_into (UNION stops there; a merge never makes one)."""
    return f"""WITH RECURSIVE chain (given, customer_id, merged_into) AS (
            SELECT g.customer_id, c.customer_id, c.merged_into
            FROM ({given}) g JOIN customers c ON c.customer_id = g.customer_id
            UNION
            SELECT chain.given, c.customer_id, c.merged_into
            FROM chain JOIN customers c ON c.customer_id = chain.merged_into)
        SELECT given, customer_id FROM chain WHERE merged_into IS NULL"""


def survivor(con, customer_id: str) -> str | None:
    """The live record `customer_id` names (itself when never merged); None when no customer has it."""
    row = con.execute(
        f"SELECT customer_id FROM ({survivors_sql('SELECT ? AS customer_id')})", [customer_id]
    ).fetchone()
    return row[0] if row else None


def merged_away(ws):
    """An Ibis table (given, customer_id): each record dedupe merged away with the live record it is now."""
    return ws.con.sql(survivors_sql("SELECT customer_id FROM customers WHERE merged_into IS NOT NULL"))
