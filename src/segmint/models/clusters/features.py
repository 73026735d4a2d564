"""The customer feature matrix clustering reads: one row per live customer, one column per rule field.

Every column is the value of a rule-language expression (`orders_count`, `spent_on(category = "home")`,
`events(type = "site_visit", within = 1y)`, ...) computed by the rule compiler itself on one shared frame,
so the decision-tree rules that approximate a cluster (approximate.py) compare exactly the numbers the
clusters were found on. `model_matrix` then turns the raw values into the standardised behavioural
features the model fits: logs of counts and money, category and channel shares, recency and tenure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

import ibis
import numpy as np
import pandas as pd

from segmint.rules import ast
from segmint.rules.compile import compile_values
from segmint.rules.context import CompileContext
from segmint.rules.dates import shift
from segmint.rules.frame import Frame

MAX_CATEGORIES = 10  # category shares for the categories with the most spend; the rest is "other"
MAX_CHANNELS = 4
ENGAGEMENT_EVENTS = ("site_visit", "cart_add", "email_open", "email_click", "sms_click")
ENGAGEMENT_WINDOW = "1y"


@dataclass(frozen=True)
class Column:
    """A raw feature: its name in the matrix and the rule expression that computes it."""

    name: str
    rule: str


@dataclass(frozen=True)
class FeatureSpec:
    """Which raw columns a workspace's matrix has (categories and channels come from its data)."""

    categories: tuple[str, ...]
    channels: tuple[str, ...]
    demographics: bool = False

    def columns(self) -> list[Column]:
        cols = [
            Column("orders_count", "orders_count"),
            Column("total_spent", "total_spent"),
            Column("avg_order_value", "avg_order_value"),
            Column("days_since_last_order", "days_since_last_order"),
            Column("signup_days", "tenure_days"),
            Column("days_since_first_order", "days_since_first_order"),
            Column("discounted_orders", "discounted_orders()"),
        ]
        cols += [Column(f"spent_on:{c}", f"spent_on(category = {_quote(c)})") for c in self.categories]
        cols += [Column(f"orders:{c}", f"orders(channel = {_quote(c)})") for c in self.channels]
        cols += [
            Column(f"events:{e}", f"events(type = {_quote(e)}, within = {ENGAGEMENT_WINDOW})")
            for e in ENGAGEMENT_EVENTS
        ]
        cols.append(Column("age", "age"))
        return cols

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> FeatureSpec:
        data = json.loads(text)
        return cls(tuple(data["categories"]), tuple(data["channels"]), bool(data["demographics"]))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def context(ws, day: dt.date) -> CompileContext:
    """A context on `day` without the stored features table: every column here is computed from the
    canonical tables (the stored features may be another date's, and computing every family for one
    tenure column cost more than the rest of the matrix)."""
    return dataclasses.replace(CompileContext.from_backend(ws.con, today=day), features=None)


def tenure(raw: pd.DataFrame) -> np.ndarray:
    """Days as a customer: since the sign-up or the first purchase, whichever came first (the lifecycle
    family's tenure); NaN when neither is known."""
    both = raw[["signup_days", "days_since_first_order"]].to_numpy(dtype=float)
    known = ~np.isnan(both).all(axis=1)
    return np.where(known, np.max(np.where(np.isnan(both), -np.inf, both), axis=1), np.nan)


def category_spend(ctx: CompileContext) -> pd.DataFrame:
    """customer_id, category, spend: each customer's purchase spend per category as of ctx.today (the
    lines `spent_on(category = ...)` sums). One GROUP BY over the order lines serves both the choice of
    categories and every category column: at 1M customers / 20M lines, asking the rule compiler for ten
    `spent_on` columns plus a separate top-categories query read the lines twice and cost ~45 s of the
    ~80 s the matrix took (benchmarks/cluster_bench.py --workspace); this is one ~25 s pass."""
    lines = Frame(ctx).rows("items")
    lines = lines.filter(lines.status.isin(("completed", "pending")), lines.category.notnull())
    spend = lines.group_by(["customer_id", "category"]).aggregate(spend=lines.amount.sum())
    table = spend.to_pyarrow()
    return pd.DataFrame(
        {
            "customer_id": table["customer_id"].to_numpy(zero_copy_only=False),
            "category": table["category"].to_numpy(zero_copy_only=False),
            "spend": _floats(table["spend"]),
        }
    )


def discover_spec(
    ctx: CompileContext, demographics: bool = False, spend: pd.DataFrame | None = None
) -> FeatureSpec:
    """The categories with the most purchase spend and the order channels seen, as of ctx.today.
    `spend`: category_spend(ctx) when the caller already has it."""
    spend = category_spend(ctx) if spend is None else spend
    totals = spend.groupby("category", sort=False)["spend"].sum()
    top = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:MAX_CATEGORIES]
    orders = Frame(ctx).rows("orders")
    orders = orders.filter(orders.channel.notnull())
    channels = (
        orders.group_by("channel")
        .aggregate(n=orders.count())
        .order_by([ibis.desc("n"), "channel"])
        .limit(MAX_CHANNELS)
        .execute()
    )
    return FeatureSpec(tuple(category for category, _ in top), tuple(channels["channel"]), demographics)


def raw_expression(ctx: CompileContext, spec: FeatureSpec, *, prefilter: bool = True) -> ibis.Table:
    """customer_id and one column per spec column, as the rule language computes each.

    With `prefilter`, the events the frame groups are first cut to the engagement types of the last
    year: every events column counts only those, so the values are the same, and the GROUP BY reads a
    fraction of the events (tests/clusters checks both ways agree)."""
    if prefilter:
        window = ast.Duration(int(ENGAGEMENT_WINDOW[:-1]), ENGAGEMENT_WINDOW[-1])
        start = dt.datetime.combine(shift(ctx.today, -1, window), dt.time())
        events = ctx.events
        recent = events.event_type.isin(ENGAGEMENT_EVENTS) & (events.occurred_at >= ibis.literal(start))
        ctx = dataclasses.replace(ctx, events=events.filter(recent))
    return compile_values({column.name: column.rule for column in spec.columns()}, ctx)


def raw_matrix(
    ctx: CompileContext,
    spec: FeatureSpec,
    *,
    prefilter: bool = True,
    spend: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The raw feature values as floats (missing = NaN), indexed by customer_id in sorted order (so the
    same data always gives the same row order, and a seeded fit the same labels).

    The category columns come from category_spend (the same sums as `spent_on`, tests/clusters checks
    it), every other column from the rule compiler. The rows are sorted by the database (byte order of
    UTF-8 is code-point order, Python's) and numbers cast to float by Arrow: sorting a million string
    ids in pandas and converting DECIMAL values one Python object at a time took ~30 s at 1M."""
    others = dataclasses.replace(spec, categories=())
    table = raw_expression(ctx, others, prefilter=prefilter).order_by("customer_id").to_pyarrow()
    index = pd.Index(table["customer_id"].to_numpy(zero_copy_only=False), name="customer_id")
    columns = {name: _floats(table[name]) for name in table.column_names if name != "customer_id"}
    if spec.categories:
        spend = category_spend(ctx) if spend is None else spend
        spend = spend[spend["category"].isin(spec.categories)]
        rows = index.get_indexer(spend["customer_id"])
        live = rows >= 0  # spend of customers outside the base (signed up after the date) is left out
        codes = pd.Categorical(spend["category"], categories=spec.categories).codes
        grid = np.zeros((len(index), len(spec.categories)))
        grid[rows[live], codes[live]] = spend["spend"].to_numpy()[live]  # one row per (customer, category)
        for position, category in enumerate(spec.categories):
            columns[f"spent_on:{category}"] = grid[:, position]
    order = [column.name for column in spec.columns()]
    frame = pd.DataFrame({name: columns[name] for name in order}, index=index)
    return frame if index.is_monotonic_increasing else frame.sort_index(kind="stable")


def _floats(column) -> np.ndarray:
    """An Arrow column (integers, DECIMAL, doubles; nulls) as float64 with NaN for null."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return np.asarray(pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False), dtype=float)


def model_matrix(raw: pd.DataFrame, spec: FeatureSpec) -> pd.DataFrame:
    """The behavioural features the model fits, before standardising: log1p of counts and money, shares
    of spend per category and of orders per channel, recency and tenure in days (a customer who never
    bought counts as last buying when they arrived), discount share; with demographics also age."""
    orders = raw["orders_count"].to_numpy()
    spent = raw["total_spent"].to_numpy()
    days = np.nan_to_num(tenure(raw), nan=0.0)
    recency = raw["days_since_last_order"].to_numpy()
    out = {
        "log_orders": np.log1p(orders),
        "log_spent": np.log1p(np.maximum(spent, 0)),
        "log_aov": np.log1p(np.maximum(np.nan_to_num(raw["avg_order_value"].to_numpy()), 0)),
        "recency_days": np.where(np.isnan(recency), days, recency),
        "tenure_days": days,
        "discount_share": _share(raw["discounted_orders"].to_numpy(), orders),
    }
    for category in spec.categories:
        out[f"share:{category}"] = _share(raw[f"spent_on:{category}"].to_numpy(), spent)
    for channel in spec.channels:
        out[f"channel:{channel}"] = _share(raw[f"orders:{channel}"].to_numpy(), orders)
    for event in ENGAGEMENT_EVENTS:
        out[f"log_{event}"] = np.log1p(raw[f"events:{event}"].to_numpy())
    if spec.demographics:
        age = raw["age"].to_numpy()
        out["age"] = np.where(np.isnan(age), np.nanmedian(age) if np.isfinite(age).any() else 0, age)
    return pd.DataFrame(out, index=raw.index)


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(whole > 0, part / whole, 0.0)
    return np.clip(np.nan_to_num(share), 0.0, 1.0)


BLOCK_WEIGHT = 2.0  # a block of shares or engagement counts weighs as much as two behavioural features


def block_of(column: str) -> str | None:
    if column.startswith("share:"):
        return "categories"
    if column.startswith("channel:"):
        return "channels"
    if column[len("log_") :] in ENGAGEMENT_EVENTS:
        return "engagement"
    return None


def column_weights(columns: list[str]) -> np.ndarray:
    """A weight per standardised column: 1 for a behavioural feature; a block (ten category shares, the
    channel shares, the engagement counts) shares BLOCK_WEIGHT of squared distance among its columns, so
    ten category shares do not outvote recency and frequency."""
    blocks = [block_of(column) for column in columns]
    sizes = {block: blocks.count(block) for block in set(blocks) if block}
    return np.array([1.0 if b is None else float(np.sqrt(BLOCK_WEIGHT / sizes[b])) for b in blocks])
