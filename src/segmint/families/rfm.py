"""RFM: recency, frequency and monetary scores, the 11 standard groups and the simple five-group scheme.

Scores are equal-size bins of the customers who bought (quintiles by default): customers are ranked by
the value, ties broken by customer_id, and the customer at 0-based rank k of n gets bin
floor(k * bins / n) + 1. Only row_number and count windows and integer comparisons are used, so every
engine Ibis compiles to gives the same scores. Recency is ranked oldest first, so the most recent
purchase scores highest. A customer who never bought has no scores and is in NO_PURCHASES.
"""

from __future__ import annotations

import ibis

from segmint.config import NO_PURCHASES, RfmSettings, RfmSimpleSettings

SIMPLE_GROUPS = ("New", "Regular", "VIP", "Inactive", "Lost", NO_PURCHASES)
SCORES = ("rfm_r", "rfm_f", "rfm_m", "rfm_score", "rfm_group")  # what rescore recomputes
OLD_BINS = {"rfm_r_old": "rfm_r", "rfm_f_old": "rfm_f", "rfm_m_old": "rfm_m"}  # rebinned's stored bins


def group_names(settings: RfmSettings) -> tuple[str, ...]:
    """The groups in display order: as the map names them, then NO_PURCHASES."""
    return (*dict.fromkeys(rule.name for rule in settings.groups), NO_PURCHASES)


def equal_bins(table: ibis.Table, value: ibis.Value, bins: int) -> ibis.Value:
    """The 1..bins bin of each row ranked by `value` then customer_id (higher value, higher bin)."""
    rank = ibis.row_number().over(order_by=[value, table.customer_id])
    n = table.count().over(ibis.window())
    # bin = floor(rank * bins / n) + 1, in integers: 1 + the number of cut points k*n/bins reached
    return sum((ibis.ifelse(rank * bins >= k * n, 1, 0) for k in range(1, bins)), ibis.literal(1))


def add_scores(summary: ibis.Table, settings: RfmSettings) -> ibis.Table:
    """summary (see Inputs.summary) + rfm_r, rfm_f, rfm_m, rfm_score and rfm_group."""
    return _scored(summary, summary.last_purchase, settings)


def _scored(summary: ibis.Table, lateness: ibis.Value, settings: RfmSettings) -> ibis.Table:
    """add_scores with recency ranked by `lateness` (the last purchase, or anything in the same order)."""
    summary = summary.mutate(rfm_lateness=lateness)
    scored = _bins(summary.filter(summary.frequency > 0), settings.bins)
    summary = summary.drop("rfm_lateness")
    joined = summary.left_join(scored, "customer_id")
    return _with_groups(joined.select(*summary.columns, "rfm_r", "rfm_f", "rfm_m"), settings)


def _bins(buyers: ibis.Table, bins: int, *keep: str) -> ibis.Table:
    """customer_id, the `keep` columns and rfm_r, rfm_f, rfm_m of `buyers` (who have rfm_lateness)."""
    return buyers.select(
        "customer_id",
        *keep,
        rfm_r=equal_bins(buyers, buyers.rfm_lateness, bins).cast("int8"),
        rfm_f=equal_bins(buyers, buyers.frequency, bins).cast("int8"),
        rfm_m=equal_bins(buyers, buyers.monetary, bins).cast("int8"),
    )


def _with_groups(table: ibis.Table, settings: RfmSettings) -> ibis.Table:
    """rfm_score and rfm_group from the table's rfm_r, rfm_f and rfm_m."""
    score = table.rfm_r.cast("string").concat(table.rfm_f.cast("string"), table.rfm_m.cast("string"))
    return table.mutate(rfm_score=score, rfm_group=_group(table, settings))


def _on_five(score: ibis.Value, bins: int) -> ibis.Value:
    """A 1..bins score stretched onto the 1..5 scale the group map is written on (1 -> 1, bins -> 5)."""
    return score if bins == 5 else 1 + ((score - 1) * 4) // (bins - 1)


def _group(table: ibis.Table, settings: RfmSettings) -> ibis.Value:
    bins = settings.bins
    r = _on_five(table.rfm_r, bins)
    fm = (_on_five(table.rfm_f, bins) + _on_five(table.rfm_m, bins) + 1) // 2  # average, halves up
    cases = [
        (r.between(rule.r[0], rule.r[1]) & fm.between(rule.fm[0], rule.fm[1]), rule.name)
        for rule in settings.groups
    ]
    # a buyer always matches (the settings check that the map covers every cell); non-buyers have no scores
    return ibis.cases(*cases, else_=NO_PURCHASES)


def add_simple_group(table: ibis.Table, settings: RfmSimpleSettings, bins: int, today) -> ibis.Table:
    """rfm_simple_group: Lost, Inactive (by days since the last purchase), New (first purchase recent),
    VIP (top monetary score), else Regular; NO_PURCHASES for customers who never bought."""
    since_first = today.delta(table.first_purchase, unit="day")
    group = ibis.cases(
        (table.frequency == 0, NO_PURCHASES),
        (table.recency_days > settings.lost_days, "Lost"),
        (table.recency_days > settings.inactive_days, "Inactive"),
        (since_first <= settings.new_days, "New"),
        (table.rfm_m >= (settings.vip_m_score or bins), "VIP"),
        else_="Regular",
    )
    return table.mutate(rfm_simple_group=group)


def rescore(features: ibis.Table, settings: RfmSettings, simple: RfmSimpleSettings) -> ibis.Table:
    """A features table with its RFM columns recomputed over all its rows, from their frequency, monetary
    and recency_days (same columns, same order). The incremental refresh uses it: new orders of a few
    customers move the bins of others. Recency is ranked by -recency_days, which orders buyers exactly as
    their last purchase does on one date."""
    kept = features.drop(*SCORES)
    table = _scored(kept, -kept.recency_days, settings)
    return _rechoose_vip(table, settings, simple).select(*features.columns)


def rebinned(
    stored: ibis.Table,
    fresh: ibis.Table,
    settings: RfmSettings,
    simple: RfmSimpleSettings,
    bins: ibis.Table | None = None,
) -> ibis.Table:
    """rescore of `stored` with the `fresh` rows in place of their customers' (same columns as `fresh`),
    keeping only the fresh rows and the stored ones whose bins move: every other row would come out as
    stored. The incremental refresh's cheap form of rescore: the ranks are computed over everyone from
    four narrow columns, and the full rows are rebuilt for those few customers alone (rescore of 1M
    rows joined the ranks back to every row and compared each with its stored version, ~3.4 s at 1M
    customers). `bins`: moved_bins(stored, fresh, settings) when the caller has it already."""
    new_bins = moved_bins(stored, fresh, settings) if bins is None else bins
    kept = stored.anti_join(fresh, "customer_id")
    moved = kept.semi_join(new_bins, "customer_id").select(*fresh.columns)
    rows = fresh.cast(moved.schema()).union(moved).drop(*SCORES)
    rows = rows.left_join(new_bins, "customer_id").select(*rows.columns, "rfm_r", "rfm_f", "rfm_m")
    return _rechoose_vip(_with_groups(rows, settings), settings, simple).select(*fresh.columns)


def moved_bins(stored: ibis.Table, fresh: ibis.Table, settings: RfmSettings) -> ibis.Table:
    """customer_id, rfm_r, rfm_f and rfm_m of the `fresh` buyers and of the `stored` customers whose
    bins their new values move (rebinned's ranks). `fresh` needs only customer_id, frequency, monetary
    and recency_days: so the incremental refresh knows whose rows can differ before it reads anyone's
    order lines."""
    narrow = ["customer_id", "frequency", "monetary", "recency_days"]
    kept = stored.anti_join(fresh, "customer_id")
    stays = kept.select(
        *narrow, **{new: kept[c] for new, c in OLD_BINS.items()}, is_fresh=ibis.literal(False)
    )
    comes = fresh.select(*narrow, **{new: ibis.null("int8") for new in OLD_BINS}, is_fresh=ibis.literal(True))
    everyone = stays.union(comes.cast(stays.schema()))
    everyone = everyone.mutate(rfm_lateness=-everyone.recency_days)
    bins = _bins(everyone.filter(everyone.frequency > 0), settings.bins, "is_fresh", *OLD_BINS)
    moves = [~bins[c].identical_to(bins[old]) for old, c in OLD_BINS.items()]
    return bins.filter(ibis.or_(bins.is_fresh, *moves)).select("customer_id", "rfm_r", "rfm_f", "rfm_m")


def _rechoose_vip(table: ibis.Table, settings: RfmSettings, simple: RfmSimpleSettings) -> ibis.Table:
    """rfm_simple_group re-chosen between VIP and Regular from the new rfm_m: the one choice
    add_simple_group makes by a score (its earlier cases read only days and frequency)."""
    group = table.rfm_simple_group
    vip = table.rfm_m >= (simple.vip_m_score or settings.bins)
    return table.mutate(
        rfm_simple_group=ibis.ifelse(
            group.isin(("VIP", "Regular")), ibis.ifelse(vip, "VIP", "Regular"), group
        )
    )
