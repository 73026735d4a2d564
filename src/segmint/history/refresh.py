"""`segmint refresh`: families and dynamic segments computed on a date and written into the history.

    >>> segmint.refresh(ws)                               # as of the reference date   # doctest: +SKIP
    >>> segmint.refresh(ws, as_of=dt.date(2011, 6, 30))   # as the data stood then     # doctest: +SKIP
    >>> segmint.refresh(ws, backfill="monthly")           # every month end, then today # doctest: +SKIP

A refresh is one transaction: it computes the features (every family) as of its date, stores them as the
`features` table the rules read when the date is the latest one computed, evaluates every dynamic segment
on one shared frame, and splices the membership into membership_history (see splice.py).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

from segmint.history import incremental, state, superseded
from segmint.history.evaluate import (
    compute_features,
    evaluate,
    family_definitions,
    materialise,
    quote,
    sizes,
    snapshot,
    snapshot_in_order,
)
from segmint.history.groups import INTERVALS
from segmint.history.splice import apply, diff_from_history, drop_inputs, first_snapshot, never_recorded
from segmint.rules.context import after_reference, before_the_data, reference_date
from segmint.rules.dates import as_date
from segmint.segments.model import SegmentError, all_segments
from segmint.store import memory
from segmint.store.order import is_empty, keep_in_order
from segmint.triggers.run import run_if_any

BACKFILL = ("monthly", "weekly")
REFRESH_MEMORY_LIMIT = 2 * 2**30  # DuckDB's memory during a refresh, bytes (see _bounded_memory)
NEXT_FEATURES, NEXT_RESULTS = "features_next", "segment_results_next"  # renamed into place when kept


@dataclass
class RefreshSummary:
    as_of: dt.date  # the date of the last snapshot written (the reference date for a backfill)
    mode: str  # 'refresh', 'as-of' or 'backfill'
    dates: list[dt.date] = field(default_factory=list)
    customers: int = 0
    families: dict[str, dict[str, int]] = field(default_factory=dict)  # family -> group -> customers
    segments: dict[str, int] = field(default_factory=dict)  # dynamic segment name -> members
    entered: int = 0  # interval starts written (all dates together)
    exited: int = 0
    seconds: float = 0.0
    incremental: bool = False  # only some customers were recomputed (segmint.history.incremental)
    recomputed: int | None = None  # how many, when incremental
    full_because: str | None = None  # why every customer was recomputed
    removed_after: list[dt.date] = field(default_factory=list)  # snapshots after the reference date, removed
    # why the churn_risk family is empty though there are customers (docs/clv.md): "no_dropout" (the model's
    # purchases show no one leaving), "too_little_data" (the historical-average CLV); None otherwise
    churn_not_estimated: str | None = None
    # the triggers the run after the refresh could not run (segmint.triggers.run.Skipped: a delay an older
    # segmint stored, ...): said with the summary, as `triggers run` says them, not only there
    triggers_skipped: list = field(default_factory=list)

    def to_dict(self) -> dict:
        document = asdict(replace(self, triggers_skipped=[]))  # their errors are no plain data
        document["triggers_skipped"] = [skipped.to_dict() for skipped in self.triggers_skipped]
        document["as_of"] = self.as_of.isoformat()
        document["dates"] = [day.isoformat() for day in self.dates]
        document["removed_after"] = [day.isoformat() for day in self.removed_after]
        return document


def refresh(
    ws,
    as_of: dt.date | str | None = None,
    *,
    backfill: str | None = None,
    incremental: bool = True,
    progress: Callable[[int, int, dt.date], None] | None = None,
) -> RefreshSummary:
    """Compute every family and dynamic segment as of `as_of` (default: the workspace's reference date)
    and record membership; with `backfill` ('monthly' or 'weekly') also at every period end from the
    first order on, so history starts with the data. All dates are written in one transaction.
    `incremental=False` always recomputes every customer (True allows the incremental path where it is
    known to write the same history; see segmint.history.incremental). `progress(done, total, date)` is
    called before each date is computed (a monthly backfill of 1M customers runs for many minutes)."""
    clock = time.perf_counter()
    as_of = as_date(as_of)  # "2025-06-30" and datetimes too, as select_members and members take them
    check_request(ws, as_of, backfill)
    now = reference_date(ws)
    day = as_of or now
    dates = backfill_dates(ws, day, backfill) if backfill else [day]
    mode = "backfill" if backfill else ("as-of" if as_of else "refresh")
    summary = RefreshSummary(as_of=day, mode=mode, dates=dates)
    with _bounded_memory(ws.raw), ws.transaction():
        if as_of is None or as_of == now:  # on the reference date: it is the latest state (superseded.py)
            summary.removed_after = superseded.drop_after(ws.raw, day)
        first = is_empty(ws.raw, INTERVALS)
        for done, date in enumerate(dates):
            if progress:
                progress(done, len(dates), date)
            _refresh_on(ws, date, mode, summary, incremental and backfill is None)
        # each date's history rows went in sorted by customer; a first refresh on one date is one run
        keep_in_order(ws.raw, INTERVALS, one_sorted_batch=first and len(dates) == 1)
    summary.seconds = round(time.perf_counter() - clock, 3)
    ran = run_if_any(ws)  # the entries and exits just committed fire their triggers (segmint.triggers)
    summary.triggers_skipped = list(ran.skipped) if ran else []
    return summary


def check_request(ws, as_of: dt.date | None, backfill: str | None) -> None:
    """Refuse a refresh that cannot be done as asked, before any work: a date after the reference date
    (refresh.after_reference) or before the data starts (refresh.before_customers), or another backfill
    (refresh.backfill). POST /refresh checks it before it queues the refresh, so a refused request makes
    no run (it was a failed refresh in GET /refresh/{id})."""
    late = None if as_of is None else after_reference(ws, as_of)
    if late:
        # a later date would become the latest state every page, size and transition is read from,
        # and no refresh on the reference date could replace it
        raise SegmentError(
            f"as_of {as_of} is after the reference date {late['reference_date']}, the workspace's 'now' "
            f"(reference_date in segmint.toml: {late['setting']}): a refresh computes membership on it or "
            "on an earlier date",
            code="refresh.after_reference",
            params={"as_of": late.pop("date"), **late},
        )
    if as_of is not None:
        check_not_before_the_data(ws, as_of)
    check_backfill(backfill)


def check_backfill(backfill: str | None) -> None:
    """Refuse a backfill other than 'monthly' or 'weekly' (None: no backfill). The dashboard's refresh
    form checks it before queueing a refresh, as POST /refresh's body does."""
    if backfill is not None and backfill not in BACKFILL:
        raise SegmentError(
            f"--backfill is 'monthly' or 'weekly', not {backfill!r}",
            code="refresh.backfill",
            params={"backfill": backfill},
        )


def check_not_before_the_data(ws, day: dt.date) -> None:
    """Refuse a date before the data starts (the first sign-up, order or event): there is nothing to
    compute on it, and its snapshot would become the history's first date, the transition matrix's
    default `from`, with no way to take it back. The API refuses it before queueing a refresh. The
    check is rules/context.before_the_data, the clustering's and the CLV fit's too."""
    early = before_the_data(ws, day)
    if early:
        raise SegmentError(
            f"as_of {day} is before the data starts ({early['first']}: the first sign-up, order or event): "
            "nothing to refresh on it",
            code="refresh.before_customers",
            params={"as_of": early["date"], "first": early["first"]},
        )


def _bounded_memory(raw):
    """DuckDB's memory limit lowered to REFRESH_MEMORY_LIMIT for the refresh, then restored: by default
    DuckDB may take 80% of the machine's memory for the joins and windows over every order, and a
    refresh of 1M customers / 10M orders peaked at 5.7 GiB resident; with a limit it spills to the
    workspace's temp folder instead (benchmarks/refresh_bench.py). A lower limit already set is kept;
    an import running meanwhile on another connection adds its own budget (segmint.store.memory)."""
    return memory.bounded(raw, REFRESH_MEMORY_LIMIT)


def backfill_dates(ws, day: dt.date, every: str) -> list[dt.date]:
    """Period ends (month ends, or Sundays) from the first order's period up to `day`, then `day`."""
    first = ws.raw.execute(
        "SELECT min(ordered_at)::DATE FROM orders WHERE customer_id IS NOT NULL AND NOT is_guest"
    ).fetchone()[0]
    dates: list[dt.date] = []
    if first is not None:
        end = _period_end(first, every)
        while end < day:
            dates.append(end)
            end = _period_end(end + dt.timedelta(days=1), every)
    return [*dates, day]


def _period_end(day: dt.date, every: str) -> dt.date:
    if every == "weekly":
        return day + dt.timedelta(days=6 - day.weekday())
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _why_no_churn(raw, features: str) -> str | None:
    """Why no customer has a churn risk: the CLV method the features were predicted with says it."""
    (method,) = raw.execute(f"SELECT any_value(clv_method) FROM {quote(features)}").fetchone()
    return {"model": "no_dropout", "historical_average": "too_little_data"}.get(method)


def features_date(ws) -> dt.date | None:
    """The date the stored `features` table was computed for (the latest refresh), if any. Only reads:
    a workspace opened read-only refuses every CREATE, even CREATE TABLE IF NOT EXISTS."""
    if not state.exists(ws.raw):
        return None
    return ws.raw.execute(f"SELECT max(as_of) FROM {state.STATE} WHERE kind = 'family'").fetchone()[0]


def _refresh_on(ws, day: dt.date, mode: str, summary: RefreshSummary, may_increment: bool) -> None:
    raw, started = ws.raw, ws.now(whole_seconds=False)
    families = family_definitions(ws)
    segments = {segment.name: segment for segment in all_segments(ws)}
    dynamic = [segment for segment in segments.values() if segment.kind == "dynamic"]
    plan = incremental.plan(ws, day, families, dynamic) if may_increment else "not asked for"
    computed, recomputed_only, as_stored = None, None, False
    if isinstance(plan, incremental.Plan) and incremental.nothing_to_do(ws, day, plan):
        # the stored results are this refresh's: no moves to find, no rows to replace (a scheduled
        # refresh with nothing imported since took ~3.5 s at 1M customers to find that out)
        computed, as_stored = incremental.as_stored(day, families, dynamic), True
        summary.incremental, summary.recomputed = True, 0
    elif isinstance(plan, incremental.Plan):  # the customers with new rows, and those whose features moved
        computed = incremental.compute(ws, day, segments, dynamic, families)
        if computed is not None:
            summary.incremental, summary.recomputed = True, incremental.recomputed(raw)
            recomputed_only = incremental.CHANGED
        else:
            incremental.drop(raw)
        plan = "the features came out with other columns than the stored ones"
    if computed is None:
        summary.full_because = plan
        # In customer order: DuckDB's zone maps then let a one-customer lookup (the API's profile) skip
        # all but one row group (~4 ms instead of ~20 ms at 1M customers).
        predicted = compute_features(ws, day, keep_fit=True, definitions=families)  # a CLV fit is kept
        materialise(ws, NEXT_FEATURES, predicted.table.order_by("customer_id"), temp=False)
        evaluated = evaluate(
            ws,
            day,
            segments,
            dynamic,
            features=NEXT_FEATURES,
            families=families,
            results=NEXT_RESULTS,
            temp=False,
        )
        computed = replace(evaluated, purchases=predicted.purchases)
    refs = computed.refs()
    last = {
        (kind, ref): as_of
        for kind, ref, as_of in raw.execute(
            "SELECT kind, ref, max(as_of) FROM membership_snapshots GROUP BY ALL"
        ).fetchall()
    }
    later = any(last.get(ref, day) > day for ref in refs)
    entered = exited = 0
    # incremental.plan has checked that the stored results hold every ref (a scan of the open history);
    # taken as stored, they have nothing to compare with
    ready = set(refs) if recomputed_only or as_stored else state.usable(raw, day, computed)
    fast = set() if as_stored else ready
    if fast:  # who moved, from the last refresh's results: one row per customer
        # after an incremental refresh only the recomputed customers can differ from the stored results
        state.diff(raw, computed, fast, only=recomputed_only)
        done = apply(raw, day)
        entered, exited = entered + done.entered, exited + done.exited
    rest = set(refs) - ready
    first = never_recorded(raw, rest)
    if first:  # computed for the first time: everyone enters, nothing to compare with
        keys = snapshot(raw, computed, first)
        done = first_snapshot(raw, day, snapshot_in_order(computed, first, keys))
        entered, exited = entered + done.entered, exited + done.exited
        rest -= first
    if rest:  # who moved, from the history: one row per (group, customer)
        snapshot(raw, computed, rest)
        diff_from_history(raw, day)
        done = apply(raw, day)
        entered, exited = entered + done.entered, exited + done.exited
    replaced = 0
    if recomputed_only:  # the recomputed rows take the place of theirs in the stored tables
        computed, replaced = incremental.install(raw, computed)
    incremental.drop(raw)
    family_sizes, segment_sizes = sizes(raw, computed)
    (customers,) = raw.execute(f"SELECT count(*) FROM {quote(computed.features)}").fetchone()
    # said of the date the summary's sizes are of, the last one: a backfill's earlier month whose fit saw
    # no dropout must not label the last date's churn groups "not estimated"
    summary.churn_not_estimated = None
    if customers and "churn_risk" in families and not any(family_sizes.get("churn_risk", {}).values()):
        summary.churn_not_estimated = _why_no_churn(raw, computed.features)
    drop_inputs(raw)
    if not later:  # nothing is computed after `day`: these results are the state the next refresh diffs
        state.store(raw, computed)
        incremental.mark(ws, computed.purchases)
        # written whole, the features are in customer order; installed, they have a longer sorted tail
        keep_in_order(raw, "features", one_sorted_batch=not (recomputed_only or as_stored), moved=replaced)
    else:
        raw.execute(f"DROP TABLE {NEXT_FEATURES}")
        raw.execute(f"DROP TABLE IF EXISTS {NEXT_RESULTS}")
    names = {segment.segment_id: segment.name for segment in dynamic}
    summary.families = {name: family_sizes.get(name, {}) for name in families}
    summary.segments = {names[ref]: size for ref, size in segment_sizes.items()}
    summary.customers = int(customers)
    summary.entered += entered
    summary.exited += exited
    raw.execute(
        "INSERT INTO refreshes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            uuid.uuid4().hex[:12],
            day,
            mode,
            started,
            ws.now(whole_seconds=False),
            customers,
            len(families),
            len(dynamic),
            entered,
            exited,
        ],
    )
