"""What a rule is evaluated against: the Ibis tables, the reference date and the segment resolver.

Everything is an Ibis table on one backend, so the same context can be built over DuckDB (a workspace)
or any other engine Ibis runs (Spark) without the compiler knowing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import ibis

# name -> Ibis table with a customer_id column, or None when no segment has that name
SegmentResolver = Callable[[str], "ibis.Table | None"]


@dataclass(frozen=True)
class CompileContext:
    """Tables of the canonical model, "today" (windows and relative dates are measured from it, and
    nothing dated after it is seen), an optional customer-level features table (families and predictions
    written by `segmint refresh`, one row per customer_id), the resolver for in_segment(...) and the
    workspace's default country (a phone number in a rule without its +code is read in it, as the
    import reads one)."""

    customers: ibis.Table
    orders: ibis.Table
    order_items: ibis.Table
    events: ibis.Table
    today: dt.date
    features: ibis.Table | None = None
    segments: SegmentResolver | None = None
    default_country: str | None = None
    # features column -> its family's group names (rfm_group -> Champions, ...): a group typed in another
    # case or with another apostrophe is matched in its own spelling (rules/standard.py)
    groups: Mapping[str, tuple[str, ...]] | None = None
    # the product catalogue's categories (product_id, category), when it names any: an order line without
    # a category of its own is of its product's category (rules/frame.py Frame.rows)
    categories: ibis.Table | None = None

    @classmethod
    def from_backend(
        cls,
        con,
        *,
        today: dt.date | None = None,
        features: ibis.Table | None = None,
        segments: SegmentResolver | None = None,
        default_country: str | None = None,
        groups: Mapping[str, tuple[str, ...]] | None = None,
    ) -> CompileContext:
        """A context over the canonical tables of an Ibis backend. Without `today`, the reference date is
        the day of the latest order or event (right for historic data). `default_country`: the country a
        phone number written in a rule without its +code is read in (the workspace's default_country
        setting; without it, such a number matches nobody); `groups`: the families' group names, so
        `rfm.group = "at risk"` is "At Risk" (without them it is compared as typed). from_workspace
        passes a workspace's, so a workspace loaded into Spark reads a rule as the workspace does."""
        tables = {name: con.table(name) for name in ("customers", "orders", "order_items", "events")}
        present = con.list_tables()
        if features is None and "features" in present:
            features = con.table("features")
        return cls(
            **tables,
            today=today or last_activity(tables["orders"], tables["events"]),
            features=features,
            segments=segments,
            default_country=default_country,
            groups=groups,
            categories=product_categories(con.table("products")) if "products" in present else None,
        )

    def restricted_to(
        self, ids: ibis.Table, orders: ibis.Table | None = None, items: ibis.Table | None = None
    ) -> CompileContext:
        """The context with every table cut to the customers in `ids` (a table with customer_id) and their
        orders, lines and events: a rule or family computed on it gives those customers exactly their
        values on the whole base (except RFM scores, which are bins of the whole base). `orders`: their
        orders already cut (a temp table), so a query reading orders and lines scans every order once,
        not twice (once for the orders, once for the lines' order ids); `items`: the lines of those
        orders already cut too (the incremental refresh reads them for the families and the rules)."""
        orders = self.orders.semi_join(ids, "customer_id") if orders is None else orders
        if items is None:
            items = self.order_items.semi_join(orders.select("order_id"), "order_id")
        return dataclasses.replace(
            self,
            customers=self.customers.semi_join(ids, "customer_id"),
            orders=orders,
            order_items=items,
            events=self.events.semi_join(ids, "customer_id"),
        )

    @classmethod
    def from_workspace(
        cls,
        ws,
        *,
        as_of: dt.date | None = None,
        features: ibis.Table | None = None,
        segments: SegmentResolver | None = None,
        backend=None,
        families: Mapping | None = None,
    ) -> CompileContext:
        """A context reading a workspace's rules as the workspace does: "today" is `as_of`, else its
        reference_date setting, phone numbers are read in its default country and family groups are
        spelled as its families name them. `backend`: another Ibis backend holding the workspace's tables
        (engines/spark.py load_workspace), read instead of the workspace's DuckDB; from_backend alone
        would take the latest order's day for today and compare group names as typed, so the same rule
        selected other customers on Spark than in the workspace. `families`: family_definitions(ws) when
        the caller has them (reading them reads the clustering)."""
        if families is None:
            from segmint.history.evaluate import family_definitions  # it reads rules: on use

            families = family_definitions(ws)
        return cls.from_backend(
            ws.con if backend is None else backend,
            today=as_of or reference_date(ws),
            features=features,
            segments=segments,
            default_country=ws.settings.default_country,
            groups={family.column: family.groups for family in families.values() if family.groups},
        )


def product_categories(products: ibis.Table) -> ibis.Table | None:
    """product_id and category of the catalogue's products that have one; None when none has (the
    common case: the order lines carry their categories, and no join is added to every rule)."""
    named = products.filter(products.category.notnull())
    return named.select("product_id", "category") if named.count().execute() else None


def last_activity(orders: ibis.Table, events: ibis.Table, today: dt.date | None = None) -> dt.date:
    """The day of the latest order or event, but not after today (one order mistyped as 2099 made 2099
    every refresh's date); today's date when there is no data at all."""
    today = today or dt.date.today()
    latest = [orders.ordered_at.max().execute(), events.occurred_at.max().execute()]
    days = [_as_date(value) for value in latest if value is not None and value == value]
    return min(max(days), today) if days else today


def after_reference(ws, day: dt.date) -> dict | None:
    """Why `day` cannot be asked about, when it is after the workspace's reference date (its 'now': what
    follows is not observed): {"date", "reference_date", "setting"}, the params of the refresh's, the
    clustering's and the CLV fit's refusals; None when it is not after it."""
    now = reference_date(ws)
    if day <= now:
        return None
    return {"date": str(day), "reference_date": str(now), "setting": str(ws.settings.reference_date)}


def before_the_data(ws, day: dt.date) -> dict | None:
    """Why `day` cannot be asked about, when it is before the data starts (the first sign-up, order or
    event: no customer existed yet): {"date", "first"}, the params of the refresh's, the clustering's and
    the CLV fit's refusals; None when it is not before it, or there is no data at all."""
    (first,) = ws.raw.execute(
        """SELECT least(
             (SELECT min(signup_date) FROM customers WHERE merged_into IS NULL),
             (SELECT min(ordered_at)::DATE FROM orders WHERE customer_id IS NOT NULL AND NOT is_guest),
             (SELECT min(occurred_at)::DATE FROM events WHERE customer_id IS NOT NULL))"""
    ).fetchone()
    if first is None or day >= first:
        return None
    return {"date": str(day), "first": str(first)}


def reference_date(ws) -> dt.date:
    setting = ws.settings.reference_date
    if isinstance(setting, dt.date):
        return setting
    today = ws.today()  # the workspace's clock, as the triggers' (triggers.run)
    if setting == "today":
        return today
    # last_activity in one SQL statement on the workspace's DuckDB: the same answer without compiling two
    # Ibis expressions (~13 ms of every API preview at 1M customers)
    latest = ws.raw.execute(
        "SELECT greatest((SELECT max(ordered_at) FROM orders), (SELECT max(occurred_at) FROM events))"
    ).fetchone()[0]
    return today if latest is None else min(_as_date(latest), today)


def _as_date(value) -> dt.date:
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value
