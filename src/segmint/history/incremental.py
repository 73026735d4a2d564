"""The incremental refresh: after new orders, order lines or events, recompute only the customers they
touch, and write exactly the history a full refresh would.

A family's columns for a customer depend only on that customer's own rows, the date and the settings,
except the RFM scores: they are bins of the whole base, so a few customers' new orders move others across
a bin edge. So, on the date of the stored results (the last refresh, see state.py):

1. the affected customers are those with rows imported since that refresh (order lines count for the
   customer of their order);
2. their family columns are computed on their rows alone, everyone else's are read from the stored
   `features`, and the RFM columns are recomputed over the whole base from frequency, monetary and
   recency_days; the CLV predictions are scored for them alone when the fit of the date is kept
   (models/clv/features.py), else for everyone, and so are their clusters when the clustering the
   stored features were computed with is kept (models/clusters/store.py). With both kept only their
   rows and those whose RFM bins moved are built (families.rfm.rebinned); those are known first, from
   the affected's purchase summary (families.rfm.moved_bins: their stored one plus their orders
   imported since), so the orders and order lines of all of them are cut from the whole tables once,
   for the family query, the CLV scores, the clusters and the rules; else every row is built, and
   compared with its stored version (families.rfm.rescore);
3. the dynamic segments are evaluated only for the affected customers and those whose features read by
   the rules or family groups changed (a rule reads a customer's own rows, features and memberships),
   the others' results stay as stored;
4. the moves come from the same wide comparison with the stored results as any refresh (state.diff),
   made on those customers alone: nobody else's row differs;
5. the rows that differ replace theirs in the stored `features` and `segment_results` (install): the
   1M-row tables are not written again.

When nothing was imported since (a scheduled refresh), nothing_to_do() finds no row can differ and the
stored results are taken as they are.

It is used only when nothing else can have changed since the stored results were computed, and the
refresh falls back to recomputing everyone otherwise: when the date differs from theirs, or they are
missing, or are not the last snapshot of every family and segment (state.usable); when the family
settings, a segment definition or a static segment's members changed, or segments were added or removed;
when a customer record changed, a customer was added, or a dedupe merge was made or undone; when an
order, order line or event already stored was changed or removed (only additions are incremental: an
import that updates a row stamps it with a new imported_at, so the rows stamped before the last refresh
are fewer than then); when the features table has other columns than the refresh computes; and when
the affected customers are more than MAX_SHARE of the base (recomputing everyone is then about as fast).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

import ibis

from segmint.families import compute_features as family_features
from segmint.families.inputs import Inputs
from segmint.families.rfm import moved_bins, rebinned, rescore
from segmint.history import state
from segmint.history.evaluate import (
    Computed,
    compute_features,
    context,
    evaluate,
    materialise,
    naming_the_segment,
    quote,
)
from segmint.rules import ast, parse_rule
from segmint.rules.check import resolve
from segmint.rules.fields import Feature
from segmint.store.order import insert_in_order

MARKS = "refresh_watermark"
MAX_SHARE = 0.1
APPENDED = ("orders", "order_items", "events")  # only additions to these are incremental
AFFECTED, CHANGED = "seg_affected", "seg_changed"
ROWS, RESULTS_ROWS = "seg_inc_rows", "seg_inc_results"  # the recomputed customers' new rows
ORDERS = "seg_inc_orders"  # the recomputed customers' orders (for the family query, then the rules)
ITEMS = "seg_inc_items"  # their lines, with the CLV fit kept (cut once for both)
BINS, CANDIDATES = "seg_inc_bins", "seg_inc_candidates"  # the RFM bins that move; whose rows can differ
SUMMARY = "seg_inc_summary"  # the affected's frequency, monetary and recency_days
CLUSTERING = "clustering"  # the MARKS row naming the clustering run the stored features were computed with
PURCHASES = "clv_purchases"  # the MARKS row of the date, number and value of the purchases the CLV reads


@dataclass(frozen=True)
class Plan:
    """An incremental refresh is possible: the watermarks of the stored results it starts from."""

    marks: dict[str, tuple]
    affected: int


def _fingerprint(raw, ws) -> dict[str, tuple]:
    """What the stored results depend on besides the appended rows, and the appended tables' sizes."""
    marks: dict[str, tuple] = {}
    for table in APPENDED:
        rows, last = raw.execute(f"SELECT count(*), max(imported_at) FROM {table}").fetchone()
        marks[table] = (int(rows), last)
    queries = {
        "customers": "SELECT count(*), max(imported_at)::VARCHAR, count(merged_into) FROM customers",
        "merges": "SELECT count(*), count(undone_at), max(merged_at)::VARCHAR FROM merges",
        "segments": "SELECT count(*), sum(hash(segment_id, name, kind, rule, updated_at)) FROM segments",
        "members": "SELECT count(*), sum(hash(segment_id, customer_id)) FROM segment_members",
        # a line without a category is of its product's (rules.frame): a new catalogue moves old lines
        "products": "SELECT count(*), sum(hash(product_id, category)) FROM products",
    }
    for name, sql in queries.items():
        marks[name] = tuple(str(value) for value in raw.execute(sql).fetchone())
    marks["settings"] = (settings_mark(ws),)
    return marks


def settings_mark(ws) -> str:
    """A digest of the family settings the results are computed under (the `settings` watermark)."""
    return hashlib.sha256(ws.settings.families.model_dump_json().encode()).hexdigest()


def mark(ws, counted: tuple[int, Decimal] | None = None) -> None:
    """Record the watermarks of the results just stored (in the refresh's transaction), the clustering
    they were computed with, and the purchases on their date that a kept CLV fit is checked on:
    `counted`, the refresh's when the CLV scored everyone (Computed.purchases: its summary adds up the
    same orders and exact DECIMAL totals), else from the watermarks, else a scan of every order (~0.7 s
    at 10M orders, on every first refresh of a date)."""
    from segmint.models.clv.features import purchases

    raw = ws.raw
    (day,) = raw.execute(f"SELECT max(as_of) FROM {state.STATE} WHERE kind = 'family'").fetchone()
    if day is None:
        bought = None
    elif counted is not None:
        bought = counted
    else:
        bought = _purchases_now(ws, day) or purchases(ws, day)
    raw.execute(f"CREATE OR REPLACE TABLE {MARKS} (name VARCHAR, mark VARCHAR[], last TIMESTAMP)")
    for name, values in _fingerprint(raw, ws).items():
        if name in APPENDED:
            rows, last = values
            raw.execute(f"INSERT INTO {MARKS} VALUES (?, ?, ?)", [name, [str(rows)], last])
        else:
            raw.execute(f"INSERT INTO {MARKS} VALUES (?, ?, NULL)", [name, list(values)])
    run = _current_clustering(ws)
    raw.execute(f"INSERT INTO {MARKS} VALUES (?, ?, NULL)", [CLUSTERING, [run.run_id if run else ""]])
    if bought is not None:
        count, value = bought
        raw.execute(
            f"INSERT INTO {MARKS} VALUES (?, ?, NULL)", [PURCHASES, [str(day), str(count), str(value)]]
        )


def _purchases_now(ws, day: dt.date) -> tuple[int, Decimal] | None:
    """clv.features.purchases(ws, day) without reading every order: those recorded with the stored
    results, when they are of `day`, plus those of the orders imported since, when the orders stored then
    are all still there unchanged (an import that changes an order stamps it anew); else None. The count
    and the DECIMAL sum are exact, so this is the number and value a scan of every order gives, not an
    estimate (tests/history/test_incremental.py compares them); the scan took ~0.7 s at 10M orders."""
    from segmint.models.clv.features import purchases

    if MARKS not in state._tables(ws.raw):
        return None
    recorded = {
        name: (list(mark), last)
        for name, mark, last in ws.raw.execute(
            f"SELECT * FROM {MARKS} WHERE name IN (?, ?)", [PURCHASES, "orders"]
        ).fetchall()
    }
    if set(recorded) != {PURCHASES, "orders"} or recorded[PURCHASES][0][0] != str(day):
        return None
    [rows], last = recorded["orders"]
    (before,) = ws.raw.execute(
        "SELECT count(*) FROM orders WHERE ? IS NOT NULL AND imported_at <= ?", [last, last]
    ).fetchone()
    if before != int(rows):
        return None
    count, value = purchases(ws, day, imported_after=last)  # (all of them when none was stored then)
    _, then, worth = recorded[PURCHASES][0]
    return int(then) + count, Decimal(worth) + value


def _current_clustering(ws):
    from segmint.models.clusters import store as clusters  # the models load pandas and SciPy: on use

    return clusters.current(ws)


def _clustering_kept(ws, run) -> bool:
    """No clustering, or the stored features' clusters are those of `run` (the current one: no fit
    since) and a customer's cluster depends on their own rows alone: then only the customers with new
    rows can change cluster. (Not a watermark plan() requires: with another run, every row is compared.)"""
    from segmint.models.clusters.store import own_rows_only

    if run is None:
        return True
    row = ws.raw.execute(f"SELECT mark FROM {MARKS} WHERE name = ?", [CLUSTERING]).fetchone()
    return row is not None and row[0] == [run.run_id] and own_rows_only(run)


def plan(ws, day: dt.date, families: dict, dynamic: list) -> Plan | str:
    """A Plan when the refresh on `day` can be incremental (see the module docstring), else why not."""
    raw = ws.raw
    state.ensure(raw)
    if MARKS not in state._tables(raw) or "features" not in state._tables(raw):
        return "no stored results"
    stored = {tuple(row[:2]): row[2] for row in raw.execute(f"SELECT * FROM {state.STATE}").fetchall()}
    probe = Computed(day, None, families, None, list(dynamic))
    refs = set(probe.refs())
    if set(stored) != refs or any(as_of != day for as_of in stored.values()):
        return "the stored results are for other segments or another date"
    if state.usable(raw, day, probe) != refs:
        return "the stored results are not the last snapshot of every family and segment"
    recorded = {
        name: (tuple(mark), last) for name, mark, last in raw.execute(f"SELECT * FROM {MARKS}").fetchall()
    }
    now = _fingerprint(raw, ws)
    marks = {}
    for name, values in now.items():
        if name not in recorded:
            return f"no watermark for {name}"
        mark_values, last = recorded[name]
        if name in APPENDED:
            (rows,) = mark_values
            (before,) = raw.execute(
                f"SELECT count(*) FROM {name} WHERE ? IS NOT NULL AND imported_at <= ?", [last, last]
            ).fetchone()
            if before != int(rows):  # a row stored before the last refresh was changed or removed
                return f"{name} stored before the last refresh were changed or removed"
            marks[name] = (int(rows), last)
        elif tuple(values) != mark_values:
            return f"{name} changed since the last refresh"
    if not _same_columns(ws, dynamic):
        return "the stored segment results have other columns than this refresh computes"
    affected = _affected(raw, marks)
    (customers,) = raw.execute("SELECT count(*) FROM features").fetchone()
    if affected > MAX_SHARE * max(customers, 1):
        return f"{affected} customers have new rows, more than {MAX_SHARE:.0%} of {customers}"
    return Plan(marks, affected)


def nothing_to_do(ws, day: dt.date, plan: Plan) -> bool:
    """Nobody's row can differ from the stored ones: nothing was imported since they were computed on
    `day`, so no RFM bin moves, the CLV fit they were scored with is kept, and so is the clustering (one
    fitted since: every row is compared instead)."""
    from segmint.models.clv.features import kept_fit

    if plan.affected != 0 or not _clustering_kept(ws, _current_clustering(ws)):
        return False
    return kept_fit(ws, day, _purchases_now(ws, day)) is not None


def as_stored(day: dt.date, families: dict, dynamic: list) -> Computed:
    """The stored results, as the refresh on `day` that nothing_to_do() found has nothing to change."""
    return Computed(day, "features", dict(families), state.RESULTS if dynamic else None, list(dynamic))


def _same_columns(ws, dynamic: list) -> bool:
    """The stored segment results have a column per dynamic segment (compute() checks the features'
    columns, from the expression it builds anyway: building it here too took ~0.3 s)."""
    if not dynamic:
        return True
    have = set(state.columns(ws.raw, state.RESULTS)) if state.RESULTS in state._tables(ws.raw) else set()
    return have == {"customer_id", *(segment.column for segment in dynamic)}


def features_read(dynamic: list) -> set[str]:
    """The features columns the rules of the dynamic segments read."""
    with naming_the_segment(dynamic):
        return {
            how.column
            for segment in dynamic
            for subject in ast.subjects(parse_rule(segment.rule))
            if isinstance(how := resolve(subject).how, Feature)
        }


def _affected(raw, marks: dict) -> int:
    """seg_affected: the customers with rows imported after the watermarks; their number."""
    raw.execute(
        f"""CREATE OR REPLACE TEMP TABLE {AFFECTED} AS
        SELECT DISTINCT customer_id FROM (
            SELECT customer_id FROM orders WHERE $o IS NULL OR imported_at > $o
            UNION ALL  -- new lines of orders stored before: those of new orders are counted above, and
            -- leaving them out first spares a join with every order when there are none (~0.9 s at 10M)
            SELECT o.customer_id FROM (
                SELECT order_id FROM order_items WHERE ($i IS NULL OR imported_at > $i)
                AND order_id NOT IN (SELECT order_id FROM orders WHERE $o IS NULL OR imported_at > $o)
            ) i JOIN orders o USING (order_id)
            UNION ALL
            SELECT customer_id FROM events WHERE $e IS NULL OR imported_at > $e)
        WHERE customer_id IS NOT NULL""",
        {"o": marks["orders"][1], "i": marks["order_items"][1], "e": marks["events"][1]},
    )
    (count,) = raw.execute(f"SELECT count(*) FROM {AFFECTED}").fetchone()
    return int(count)


def compute(ws, day: dt.date, segments: dict, dynamic: list, families: dict) -> Computed | None:
    """The features and segment results on `day` of the customers whose rows differ from the stored
    ones, in temp tables (install() puts them in place), recomputing only the affected customers
    (plan() made seg_affected); None when the features come out with other columns than the stored ones."""
    raw, settings = ws.raw, ws.settings.families
    ids = ws.table(AFFECTED)
    from segmint.models.clusters.features import context as cluster_context
    from segmint.models.clusters.store import with_clusters
    from segmint.models.clv.features import kept_fit, with_predictions

    counted = _purchases_now(ws, day)  # (recorded with the results, mark(): not counted again there)
    fit, run = kept_fit(ws, day, counted), _current_clustering(ws)
    # with the CLV fit and the clustering kept, nobody's predictions or cluster move but the affected
    # customers': only their rows and those whose RFM bins moved can differ from the stored ones
    quick = fit is not None and _clustering_kept(ws, run)
    whole = context(ws, day, None, families)
    if quick:
        cut = _cut_for_rows_that_can_differ(ws, whole, settings)
        ctx = whole.restricted_to(ids, *cut)
    else:
        ctx = whole.restricted_to(ids, _orders_of(ws, AFFECTED))
    fresh = family_features(ctx, settings)
    stored = state.columns(raw, "features")
    if stored[: len(fresh.columns)] != list(fresh.columns):
        return None
    materialise(ws, "seg_inc_features", fresh)
    fresh = ws.table("seg_inc_features")
    if quick:  # (rfm.rebinned, with the bins found above)
        bins = ws.table(BINS)
        rows = rebinned(ws.table("features"), fresh, settings.rfm, settings.rfm_simple, bins=bins)
        # (compute_features without a clustering): the stored predictions of those whose bins moved,
        # the affected scored from their orders in the cut
        expression = with_predictions(
            ws, day, rows, only=AFFECTED, keep_fit=True, fit=fit, others=BINS, orders=ws.table(ORDERS)
        ).table
        if run is not None:  # the affected assigned from their rows in the cut, the others' as stored
            theirs = cluster_context(ws, day).restricted_to(ids, *cut)
            expression = with_clusters(ws, day, expression, run=run, only=AFFECTED, rows=theirs, others=BINS)
        if list(expression.columns) != stored:
            return None
        raw.execute(f"CREATE OR REPLACE TEMP TABLE {ROWS} AS {ws.con.compile(expression)}")
    else:
        # everyone else's family columns as stored, theirs as just computed (read once, by the
        # rescoring: not copied into a table of its own)
        kept = ws.table("features").anti_join(ids, "customer_id").select(*fresh.columns)
        rescored = rescore(kept.union(fresh.cast(kept.schema())), settings.rfm, settings.rfm_simple)
        # and the predictions (everyone scored again when the CLV fit of `day` was not kept)
        predicted = compute_features(ws, day, rescored, changed=AFFECTED, keep_fit=True, fit=fit)
        expression = predicted.table
        counted = predicted.purchases if predicted.purchases is not None else counted
        if list(expression.columns) != stored:
            return None
        # Only the rows that differ from the stored ones are kept (the affected customers', and those
        # whose RFM bins, predictions or clusters moved): install() swaps them into `features`, instead
        # of writing all 1M rows again (~1.5 s at 1M customers, with the sort and the commit).
        differs = " OR ".join(f"n.{quote(c)} IS DISTINCT FROM o.{quote(c)}" for c in stored[1:])
        raw.execute(
            f"""CREATE OR REPLACE TEMP TABLE {ROWS} AS
            SELECT n.* FROM ({ws.con.compile(expression)}) n
            LEFT JOIN features o ON o.customer_id = n.customer_id
            WHERE o.customer_id IS NULL OR n.customer_id IN (SELECT customer_id FROM {AFFECTED})
               OR {differs}"""
        )
    raw.execute("DROP TABLE temp.seg_inc_features")
    # the customers whose rule inputs or family groups moved: the rules are re-evaluated for them, and
    # only they are compared with the stored results to find the moves (state.diff)
    watched = features_read(dynamic) | {family.column for family in families.values()}
    read = [c for c in stored if c in watched]
    moved = " OR ".join(f"o.{quote(c)} IS DISTINCT FROM n.{quote(c)}" for c in read) or "false"
    raw.execute(
        f"""CREATE OR REPLACE TEMP TABLE {CHANGED} AS
        SELECT customer_id FROM {AFFECTED}
        UNION
        SELECT n.customer_id FROM {ROWS} n JOIN features o USING (customer_id) WHERE {moved}"""
    )
    if not dynamic:
        return Computed(day, ROWS, dict(families), None, [], purchases=counted)
    if quick:  # every changed customer is a candidate: their orders and lines are cut already
        orders = ws.table(ORDERS).semi_join(ws.table(CHANGED), "customer_id")
        items = ws.table(ITEMS).semi_join(orders.select("order_id"), "order_id")
    else:
        orders, items = _orders_of(ws, CHANGED), None
    # a rule reads the features of the customer it is evaluated for: every changed one has a row in ROWS
    computed = evaluate(
        ws,
        day,
        segments,
        dynamic,
        features=ROWS,
        families=families,
        results=RESULTS_ROWS,
        only=ws.table(CHANGED),
        only_orders=orders,
        only_items=items,
    )
    return dataclasses.replace(computed, purchases=counted)


def _cut_for_rows_that_can_differ(ws, whole, settings) -> tuple[ibis.Table, ibis.Table]:
    """The affected customers' orders and lines, cut from every order and line in one scan each, with
    those of every customer whose row can differ from the stored one when the CLV fit is kept: the
    affected, and those whose RFM bins their new purchases move (seg_inc_bins, rfm.moved_bins, found
    from the affected's stored summary and new orders alone). The rules read the changed customers' rows
    from the same cut: cutting them again for the rules scanned the 10M orders and 20M lines a second
    time (~4 s of CPU)."""
    raw = ws.raw
    # in a table: moved_bins reads it twice
    materialise(ws, SUMMARY, _summary_of_affected(ws, whole))
    materialise(ws, BINS, moved_bins(ws.table("features"), ws.table(SUMMARY), settings.rfm))
    raw.execute(
        f"""CREATE OR REPLACE TEMP TABLE {CANDIDATES} AS
        SELECT customer_id FROM {AFFECTED} UNION SELECT customer_id FROM {BINS}"""
    )
    orders = _orders_of(ws, CANDIDATES)
    raw.execute(
        f"""CREATE OR REPLACE TEMP TABLE {ITEMS} AS
        SELECT * FROM order_items WHERE order_id IN (SELECT order_id FROM {ORDERS})"""
    )
    theirs = orders.semi_join(ws.table(AFFECTED), "customer_id")
    return theirs, ws.table(ITEMS).semi_join(theirs.select("order_id"), "order_id")


def _summary_of_affected(ws, whole) -> ibis.Table:
    """The affected customers' frequency, monetary and recency_days on the stored results' date: their
    stored values plus the purchases among the orders imported since. The stored values count exactly
    the orders stored then (plan() has checked those are all still there, unchanged, and that the
    results are of this date), and the three are a count, a DECIMAL sum and the last day, so this is
    what Inputs.summary gives from all their orders. The new orders are found through the zone maps of
    imported_at: cutting the affected's orders from every order to summarise them scanned all 10M
    (0.36 s of the ~5 s refresh after 10k new orders)."""
    (last,) = ws.raw.execute(f"SELECT last FROM {MARKS} WHERE name = 'orders'").fetchone()
    orders = ws.table("orders")
    new = orders if last is None else orders.filter(orders.imported_at > ibis.literal(last))
    affected = ws.table(AFFECTED)
    inputs = Inputs(whole.restricted_to(affected, new))
    bought = inputs.purchases
    added = bought.group_by("customer_id").aggregate(
        bought=bought.count(), spent=bought.total.sum(), last_purchase=bought.date.max()
    )
    stored = ws.table("features").semi_join(affected, "customer_id")
    joined = stored.left_join(added, "customer_id")
    since_new = inputs.today.delta(joined.last_purchase, unit="day")
    return joined.select(
        "customer_id",
        frequency=joined.frequency + joined.bought.fill_null(0),
        monetary=joined.monetary + joined.spent.fill_null(0),
        recency_days=ibis.least(joined.recency_days, since_new),  # (LEAST passes over a null)
    )


def _orders_of(ws, customers: str) -> ibis.Table:
    """seg_inc_orders: the orders of the customers in the temp table `customers`, cut from every order
    in one scan (at 10M orders the family and rule queries each scanned them twice, ~0.5 s a scan)."""
    ws.raw.execute(
        f"""CREATE OR REPLACE TEMP TABLE {ORDERS} AS
        SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM {customers})"""
    )
    return ws.table(ORDERS)


def install(raw, computed: Computed) -> tuple[Computed, int]:
    """Put the recomputed rows of `computed` in place of theirs in the stored `features` and
    `segment_results` (after the moves were found by comparing them), and drop the temp tables. The
    features rows go in sorted by customer, after the rest (store.order keeps the table in order as
    that tail grows). The stored state as a Computed, and how many features rows were replaced."""
    (replaced,) = raw.execute(
        f"DELETE FROM features WHERE customer_id IN (SELECT customer_id FROM {ROWS})"
    ).fetchone()
    insert_in_order(raw, "features", f"SELECT * FROM {ROWS}")
    results = None
    if computed.results is not None:
        new = quote(computed.results)
        raw.execute(f"DELETE FROM {state.RESULTS} WHERE customer_id IN (SELECT customer_id FROM {new})")
        raw.execute(f"INSERT INTO {state.RESULTS} BY NAME SELECT * FROM {new}")
        raw.execute(f"DROP TABLE temp.{new}")
        results = state.RESULTS
    raw.execute(f"DROP TABLE temp.{ROWS}")
    return dataclasses.replace(computed, features="features", results=results), int(replaced)


def recomputed(raw) -> int:
    """How many customers the incremental refresh recomputed (affected, or with changed features)."""
    (count,) = raw.execute(f"SELECT count(*) FROM {CHANGED}").fetchone()
    return int(count)


def drop(raw) -> None:
    for table in (AFFECTED, CHANGED, ROWS, RESULTS_ROWS, ORDERS, ITEMS, BINS, CANDIDATES, SUMMARY):
        raw.execute(f"DROP TABLE IF EXISTS temp.{table}")
