"""What is wrong with a customer base: empty fields, invalid contacts, stale contacts, orphans, duplicates.

Every figure is an Ibis expression over the workspace tables (so it runs wherever Ibis runs); only the
e-mail/phone re-validation runs in Python, over the distinct values the expression returns.
Customer figures count live records only: a record merged away by dedupe keeps `merged_into` set and is
left out (`merged_into IS NULL` is the filter every customer metric must use).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import ibis
import ibis.expr.datatypes as dt_types
from pydantic import BaseModel

from segmint.ingest.fields import ENTITIES
from segmint.quality.validation import email_problem, phone_problem
from segmint.store.workspace import Workspace

# Bookkeeping columns that say nothing about how complete a customer record is.
_NOT_PROFILE_FIELDS = {"customer_id", "merged_into", "imported_at", "signup_from_orders"}  # bookkeeping
_EXAMPLES = 5


class FieldCompleteness(BaseModel):
    field: str
    filled: int
    share: float


class InvalidValues(BaseModel):
    """Values refused by an import (`rejected_values`) or failing validation now (`stored`). `reason_code`
    and `reason_params` word `reason` in another language: import.* (web/import_errors.py) or audit.*
    (quality/validation.py); none for a refusal stored before codes were kept."""

    source: str  # "import" or "stored"
    entity: str
    column: str
    reason: str
    count: int
    examples: list[str]
    reason_code: str | None = None
    reason_params: dict[str, Any] = {}


class StaleContacts(BaseModel):
    reference_date: dt.date
    reference_policy: str
    stale_after_days: int
    cutoff: dt.date
    stale: int  # live customers whose last order/event/signup is before the cutoff, or never known
    never_active: int  # of which: no order, no event and no signup date at all
    share: float


class Orphans(BaseModel):
    orders: int
    events: int
    order_examples: list[str]
    event_examples: list[str]


class FutureDates(BaseModel):
    """Records dated after today: a mistyped year lands, then counts nowhere until that day."""

    table: str
    column: str
    count: int
    examples: list[str]  # the records' keys


class QuarantineCount(BaseModel):
    """Quarantined rows of one entity for one reason code (one reason text for rows stored without a
    code): `reason`, `reason_code` and `reason_params` are the first such row's, `examples` the values
    of the first few rows."""

    entity: str
    reason: str
    count: int
    reason_code: str | None = None
    reason_params: dict | None = None
    examples: list[str] = []


class AuditReport(BaseModel):
    customers: int  # live records (merged_into IS NULL)
    merged_away: int
    orders: int
    guest_orders: int
    guest_order_share: float
    events: int
    completeness: list[FieldCompleteness]
    invalid: list[InvalidValues]
    stale: StaleContacts
    unknown_customers: Orphans
    quarantine: list[QuarantineCount]
    future_dates: list[FutureDates] = []
    duplicates: dict[str, Any] | None = None  # DuplicateReport.summary(), when asked for


def audit(
    ws: Workspace,
    *,
    stale_days: int | None = None,
    reference_date: dt.date | str | None = None,
    duplicates: bool = True,
    duplicate_threshold: float | None = None,
) -> AuditReport:
    """Audit the workspace. `stale_days` and `reference_date` default to the workspace settings."""
    customers = ws.table("customers")
    live = customers.filter(customers.merged_into.isnull())
    orders = ws.table("orders")
    n_live = _scalar(live.count())
    n_orders = _scalar(orders.count())
    n_guest = _scalar(orders.is_guest.sum()) if n_orders else 0
    report = AuditReport(
        customers=n_live,
        merged_away=_scalar(customers.count()) - n_live,
        orders=n_orders,
        guest_orders=n_guest,
        guest_order_share=_share(n_guest, n_orders),
        events=_scalar(ws.table("events").count()),
        completeness=completeness(live, n_live),
        invalid=imported_invalid(ws) + stored_invalid(live, ws.settings.default_country),
        stale=stale_contacts(ws, live, n_live, stale_days, reference_date),
        unknown_customers=unknown_customers(ws),
        quarantine=quarantine_counts(ws),
        future_dates=future_dates(ws),
    )
    if duplicates:
        from segmint.quality.dedupe import DEFAULT_THRESHOLD, find_duplicates

        found = find_duplicates(ws, threshold=duplicate_threshold or DEFAULT_THRESHOLD)
        report.duplicates = found.summary()
    return report


def completeness(live: ibis.Table, n_live: int) -> list[FieldCompleteness]:
    """Share of live customers with each profile field filled (blank strings and empty lists are empty)."""
    fields = [name for name in live.columns if name not in _NOT_PROFILE_FIELDS]
    if not n_live:
        return [FieldCompleteness(field=name, filled=0, share=0.0) for name in fields]
    aggregates = {name: is_filled(live[name]).sum() for name in fields}
    row = live.aggregate(**aggregates).to_pyarrow().to_pylist()[0]
    return [
        FieldCompleteness(field=name, filled=int(row[name] or 0), share=_share(row[name] or 0, n_live))
        for name in fields
    ]


def is_filled(column: ibis.Value) -> ibis.BooleanValue:
    kind = column.type()
    if kind.is_string():
        return column.strip().length().fill_null(0) > 0
    if kind.is_array():
        return column.length().fill_null(0) > 0
    if isinstance(kind, dt_types.JSON):
        return column.cast("string").fill_null("{}").isin(["{}", "null", "[]"]) == ibis.literal(False)
    return column.notnull()


# The record a rejected value belongs to, by entity: its table and key (order lines have a compound key
# and are counted as they are).
_RECORDS = {"customers": "customer_id", "orders": "order_id", "events": "event_id", "products": "product_id"}
# an order's fields stored on its buyer (ingest.fields: lands_in customers.<field>)
_ON_BUYER = {
    f.name: f.lands_in.split(".", 1)[1]
    for f in ENTITIES["orders"].fields
    if (f.lands_in or "").startswith("customers.")
}


def imported_invalid(ws: Workspace) -> list[InvalidValues]:
    """Values an import refused while keeping their row (e.g. a customer kept with email NULL), as they
    stand now: one per record and column (the latest import's; a file imported three times counted its
    refusals three times), and only where the record still exists, is not merged away and has that field
    empty (a later import that gave a valid value fixed it; a refused value never erases a stored one)."""
    rejected = current_rejections(ws)
    grouped = (
        rejected.group_by(["entity", "column", "reason"])
        .aggregate(
            count=rejected.count(),
            examples=rejected.value.collect(distinct=True),
            # one reason text is one code and params; max() skips a row stored before codes were kept
            reason_code=rejected.reason_code.max(),
            reason_params=rejected.reason_params.cast("string").max(),
        )
        .order_by([ibis.desc("count"), "entity", "column", "reason"])
    )
    return [
        InvalidValues(
            source="import",
            **{
                **row,
                "examples": sorted(v for v in row["examples"] if v)[:5],
                "reason_params": json.loads(row["reason_params"] or "{}"),
            },
        )
        for row in grouped.to_pyarrow().to_pylist()
    ]


def current_rejections(ws: Workspace) -> ibis.Table:
    """rejected_values reduced to the refusals that still hold (see imported_invalid)."""
    rejected, imports = ws.table("rejected_values"), ws.table("imports")
    dated = rejected.left_join(imports.select("import_id", "started_at"), "import_id")
    dated = dated.select(*rejected.columns, "started_at")
    newest = ibis.row_number().over(
        group_by=["entity", "record_key", "column"],
        order_by=[ibis.desc(dated.started_at), ibis.desc(dated.import_id)],
    )
    latest = dated.mutate(_n=newest).filter(ibis._._n == 0).drop("_n", "started_at")
    # the field each source column was mapped to, per import (the imports row keeps the mapping)
    fields = {
        f"{row['import_id']}\x1f{column}": field
        for row in imports.select("import_id", "mapping").to_pyarrow().to_pylist()
        for column, field in json.loads(row["mapping"] or "{}").items()
        if field
    }
    latest = latest.mutate(
        _field=ibis.literal(fields, type="map<string, string>")[latest.import_id + "\x1f" + latest.column]
        if fields
        else ibis.null("string")
    )
    parts = [latest.filter(~latest.entity.isin(list(_RECORDS))).drop("_field")]
    on_buyer = latest.filter(latest.entity == "orders", latest._field.isin(list(_ON_BUYER)))
    parts.append(_buyer_rejections(ws, on_buyer, rejected.columns))
    for entity, key in _RECORDS.items():
        table = ws.table(entity)
        if entity == "customers":
            table = table.filter(table.merged_into.isnull())
        mine = latest.filter(latest.entity == entity)
        if entity == "orders":
            mine = mine.filter(mine._field.isnull() | ~mine._field.isin(list(_ON_BUYER)))
        joined = mine.join(table, mine.record_key == table[key].cast("string"))
        empty = ibis.cases(
            *[(joined._field == ibis.literal(name), joined[name].isnull()) for name in table.columns],
            else_=True,
        )
        parts.append(joined.filter(empty).select(*rejected.columns))
    return ibis.union(*parts)


def _buyer_rejections(ws: Workspace, rejected: ibis.Table, columns: list[str]) -> ibis.Table:
    """Refusals of an order's field that lands on its buyer (the country, in customers.country): one per
    buyer and column, while the buyer is live and the field still empty, as a customer's own refusal. Per
    order, 79 invoices of 14 customers counted 79, and a country given later never cleared them."""
    orders, customers = ws.table("orders"), ws.table("customers")
    live = customers.filter(customers.merged_into.isnull())
    joined = rejected.join(orders.select("order_id", "customer_id"), rejected.record_key == orders.order_id)
    joined = joined.join(live, "customer_id")
    empty = ibis.cases(
        *[(joined._field == field, joined[column].isnull()) for field, column in _ON_BUYER.items()],
        else_=False,
    )
    first = ibis.row_number().over(group_by=["customer_id", "column"], order_by=["import_id", "row"])
    return joined.filter(empty).mutate(_n=first).filter(ibis._._n == 0).select(*columns)


def stored_invalid(live: ibis.Table, default_country: str) -> list[InvalidValues]:
    """Stored e-mails and phones of live customers that fail validation today."""
    found: list[InvalidValues] = []
    for column, check in (("email", email_problem), ("phone", phone_problem)):
        values = live.filter(live[column].notnull()).group_by(column).aggregate(n=ibis._.count())
        problems: dict[str, list[tuple[str, int]]] = {}
        for row in values.to_pyarrow().to_pylist():
            value = row[column]
            reason = check(value) if column == "email" else check(value, default_country)
            if reason:
                problems.setdefault(reason, []).append((value, row["n"]))
        for reason, hits in sorted(problems.items(), key=lambda item: -sum(n for _, n in item[1])):
            found.append(
                InvalidValues(
                    source="stored",
                    entity="customers",
                    column=column,
                    reason=reason,
                    count=sum(n for _, n in hits),
                    examples=sorted(value for value, _ in hits)[:_EXAMPLES],
                    reason_code=reason.code,
                    reason_params=reason.params,
                )
            )
    return found


def resolve_reference_date(ws: Workspace, policy: dt.date | str | None = None) -> tuple[dt.date, str]:
    """The 'now' recency is measured from, and the policy that chose it: the workspace's, as refresh and
    the rules take it (rules.context.reference_date: last_activity is never after today, so one order
    mistyped as 2099 does not make every contact look stale)."""
    from segmint.rules.context import last_activity, reference_date

    policy = ws.settings.reference_date if policy is None else policy
    if isinstance(policy, str) and policy not in ("today", "last_activity"):
        policy = dt.date.fromisoformat(policy)
    if isinstance(policy, dt.date):
        return policy, policy.isoformat()
    if policy == ws.settings.reference_date:
        return reference_date(ws), policy
    today = ws.today()
    if policy == "last_activity":
        return last_activity(ws.table("orders"), ws.table("events"), today), policy
    return today, policy


def last_seen(ws: Workspace, customers: ibis.Table) -> ibis.Table:
    """customer_id, last_seen: the latest of the customer's orders, events and signup date."""
    orders, events = ws.table("orders"), ws.table("events")
    activity = (
        orders.filter(orders.customer_id.notnull())
        .select(customer_id=orders.customer_id, at=orders.ordered_at)
        .union(
            events.filter(events.customer_id.notnull()).select(
                customer_id=events.customer_id, at=events.occurred_at
            )
        )
        .group_by("customer_id")
        .aggregate(last_activity=ibis._.at.max())
    )
    joined = customers.left_join(activity, customers.customer_id == activity.customer_id)
    signup = joined.signup_date.cast("timestamp")
    return joined.select(
        customer_id=joined.customer_id,
        last_seen=ibis.greatest(
            joined.last_activity.fill_null(signup), signup.fill_null(joined.last_activity)
        ),
    )


def stale_contacts(
    ws: Workspace,
    live: ibis.Table,
    n_live: int,
    stale_days: int | None,
    reference: dt.date | str | None,
) -> StaleContacts:
    days = stale_days or ws.settings.stale_after_days
    ref, policy = resolve_reference_date(ws, reference)
    cutoff = ref - dt.timedelta(days=days)
    seen = last_seen(ws, live)
    cutoff_ts = ibis.literal(dt.datetime.combine(cutoff, dt.time()))
    figures = seen.aggregate(
        stale=(seen.last_seen.isnull() | (seen.last_seen < cutoff_ts)).sum(),
        never=seen.last_seen.isnull().sum(),
    )
    row = figures.to_pyarrow().to_pylist()[0]
    stale, never = int(row["stale"] or 0), int(row["never"] or 0)
    return StaleContacts(
        reference_date=ref,
        reference_policy=policy,
        stale_after_days=days,
        cutoff=cutoff,
        stale=stale,
        never_active=never,
        share=_share(stale, n_live),
    )


def unknown_customers(ws: Workspace) -> Orphans:
    """Orders and events that name a customer id the store does not know (not guests: those have none)."""
    customers = ws.table("customers")
    found = {}
    for name in ("orders", "events"):
        table = ws.table(name)
        orphans = table.filter(table.customer_id.notnull()).anti_join(
            customers, table.customer_id == customers.customer_id
        )
        key = "order_id" if name == "orders" else "event_id"
        found[name] = _scalar(orphans.count())
        found[f"{name}_examples"] = (
            orphans.order_by(key).limit(_EXAMPLES)[key].to_pyarrow().to_pylist() if found[name] else []
        )
    return Orphans(
        orders=found["orders"],
        events=found["events"],
        order_examples=found["orders_examples"],
        event_examples=found["events_examples"],
    )


# table, its key, and its date columns a record cannot have later than today
_DATED = (
    ("orders", "order_id", ("ordered_at",)),
    ("events", "event_id", ("occurred_at",)),
    ("customers", "customer_id", ("signup_date", "birth_date")),
)


def future_dates(ws: Workspace) -> list[FutureDates]:
    """Orders, events and live customers dated after today in the workspace's time zone. Refresh and the
    rules never look past today, so such a record is silently left out; the audit names it."""
    today = ws.today()
    found = []
    for name, key, columns in _DATED:
        table = ws.table(name)
        if name == "customers":
            table = table.filter(table.merged_into.isnull())
        for column in columns:
            late = table.filter(table[column].cast("date") > ibis.literal(today))
            count = _scalar(late.count())
            if count:
                keys = late.order_by(key).limit(_EXAMPLES)[key].to_pyarrow().to_pylist()
                found.append(FutureDates(table=name, column=column, count=count, examples=keys))
    return found


def _superseded(imports: ibis.Table) -> ibis.Table:
    """The imports (import_id) of a file imported again later, as the same entity.

    A file is its resolved absolute path (imports.file since 2026-12-06; the path as typed before, so `c.csv`
    and `$PWD/c.csv` counted twice). An older row's relative path cannot be resolved now (the folder it was
    typed in is unknown): it is the same file as a later import of that path or of any absolute path ending
    in it, so those rows are replaced as before and by the next import of the file, however it is typed."""
    later = imports.view()
    relative = ~(
        imports.file.startswith("/") | imports.file.startswith("\\") | imports.file.re_search(r"^[A-Za-z]:")
    )
    same_file = (later.file == imports.file) | (
        relative & (later.file.endswith("/" + imports.file) | later.file.endswith("\\" + imports.file))
    )
    is_later = (later.started_at > imports.started_at) | (
        (later.started_at == imports.started_at) & (later.import_id > imports.import_id)
    )
    return imports.semi_join(later, [later.entity == imports.entity, is_later, same_file]).select("import_id")


def quarantine_counts(ws: Workspace) -> list[QuarantineCount]:
    """Quarantined rows by entity and reason, from the latest import of each file only: a file imported
    again (as it was, or fixed) replaces what its earlier imports left there (the quarantine table keeps
    every import's rows for `segmint quarantine --import`)."""
    quarantine, imports = ws.table("quarantine"), ws.table("imports")
    current = quarantine.anti_join(_superseded(imports), "import_id")
    # by code, not by text: a reason quoting its value ('negative quantity -88') is one kind of problem
    current = current.mutate(_kind=current.reason_code.coalesce(current.reason))
    order = [current.file, current.row]  # a group's first row in file order is its example
    grouped = (
        current.group_by(["entity", "_kind"])
        .aggregate(
            count=current.count(),
            reason=current.reason.first(order_by=order),
            reason_code=current.reason_code.first(order_by=order),
            reason_params=current.reason_params.first(order_by=order),
            examples=current.value.collect(order_by=order)[: _EXAMPLES * 10],
        )
        .order_by([ibis.desc("count"), "entity", "reason"])
    )
    rows = grouped.drop("_kind").to_pyarrow().to_pylist()
    for row in rows:
        row["reason_params"] = json.loads(row["reason_params"]) if row["reason_params"] else None  # JSON text
        row["examples"] = list(dict.fromkeys(row["examples"] or []))[:_EXAMPLES]  # distinct, in file order
    return [QuarantineCount(**row) for row in rows]


def _scalar(expr: ibis.Scalar) -> Any:
    value = expr.to_pyarrow().as_py()
    return int(value) if isinstance(value, int | bool) else value


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
