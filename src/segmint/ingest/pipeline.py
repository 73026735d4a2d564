"""`import_file`: read → map → type and normalise → check → quarantine → upsert; the store in ONE transaction.

Reading and checking work in DuckDB temp tables named `_segmint_*`, which are not part of the store and
are dropped at the end. Everything the store keeps, including the `imports` row and the quarantine rows,
is written inside `ws.transaction()`, so an error, Ctrl-C or a kill at any point leaves the store exactly
as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import duckdb
import ibis

from segmint.errors import DataError, MappingError
from segmint.ingest import checks, dateformats, ids, presets, readers, textfiles
from segmint.ingest.fields import ENTITIES, ITEM_FIELDS, Entity
from segmint.ingest.mapping import Mapping, hinted, load_mapping_file, nearest, parse_pairs, require, resolve
from segmint.ingest.reasons import code_of, params_of, to_json, why
from segmint.ingest.store import Counts, q, replace_children, upsert
from segmint.ingest.summary import ImportSummary
from segmint.ingest.typed import _as_text, bad, by_content, date_orders, typed_fields, why_of
from segmint.store import memory
from segmint.store.order import is_empty, keep_in_order
from segmint.store.survivors import survivors_sql

Progress = Callable[[str, int, int], None]
CHECKED = "_segmint_checked"
DUPLICATES = "_segmint_duplicates"
BAD_ORDERS = "_segmint_bad_orders"
STEPS = ("read", "check", "quarantine", "store", "commit")
IMPORT_MEMORY_LIMIT = "1GB"  # DuckDB's memory during an import (see _bounded_memory)
ITEM_NAMES = {f.name for f in ITEM_FIELDS} - {"line_no"}
ORDER_COLUMNS = [
    "order_id",
    "customer_id",
    "is_guest",
    "ordered_at",
    "total",
    "discount",
    "currency",
    "channel",
    "store",
    "status",
    "source",
]
ITEM_COLUMNS = [
    "order_id",
    "line_no",
    "product_id",
    "product_name",
    "category",
    "quantity",
    "unit_price",
    "discount",
]


def _entity(name: str) -> Entity:
    if name not in ENTITIES:
        hint, params = nearest(name, ENTITIES, cutoff=0.6)
        raise MappingError(
            f"unknown entity {name!r}{hint} (customers, orders, order-items, events, products)",
            code=hinted("import.unknown_entity", params),
            params={
                "name": name,
                **params,
                "entities": ["customers", "orders", "order-items", "events", "products"],
            },
        )
    return ENTITIES[name]


def required_fields(spec: Entity, *, line_level: bool = False) -> list[str]:
    """The fields an import of `spec` needs a column for and a row cannot land without; `line_level`: an
    orders file of order lines. docs/import.md's field reference is generated from this (ingest.docs).

    An orders file's line fields (quantity, unit_price) only when it is a file of lines; the order's total
    only when it is not (a file of lines computes it from them, and nothing computes it later for an order
    imported without one). Every other entity's required fields always: products' product_id, which an
    order line's field of the same name left out, is its key."""
    order_level = spec.name == "orders" and not line_level
    names = [f.name for f in spec.fields if f.required and not (order_level and f.name in ITEM_NAMES)]
    if order_level:
        names.append("total")
    return names


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def import_file(
    ws,
    entity: str,
    path,
    *,
    mapping: dict[str, str] | list[str] | None = None,
    mapping_file=None,
    preset: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    date_format: str | None = None,
    create_missing_customers: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import one file into the workspace; see docs/import.md. Raises DataError / MappingError."""
    # on the workspace's clock (its time zone), as refreshes and campaign sends are: the import page lists
    # them side by side
    started, clock = ws.now(whole_seconds=False), time.perf_counter()
    spec = _entity(entity)
    path = Path(path)
    explicit = parse_pairs(mapping) if isinstance(mapping, list) else dict(mapping or {})
    options: dict = {}
    if mapping_file:
        file_pairs, options = load_mapping_file(mapping_file)
        explicit = {**file_pairs, **explicit}
    chosen = presets.get(preset) if preset else None
    if chosen and chosen.entity != spec.name:
        raise MappingError(
            f"the {chosen.name} preset imports {chosen.entity}, not {spec.name}",
            code="import.preset_entity",
            params={"preset": chosen.name, "imports": chosen.entity, "entity": spec.name},
        )
    encoding = encoding or options.get("encoding")
    delimiter = textfiles.delimiter_option(delimiter) or textfiles.delimiter_option(
        options.get("delimiter"), mapping_file=str(mapping_file)
    )
    # checked (and a notation such as ДД.ММ.РРРР read) before any work: DuckDB refused an unknown directive
    # mid-import, and every interface gave the same crash
    date_format = (
        dateformats.strftime_format(date_format)
        or dateformats.strftime_format(options.get("date_format"), mapping_file=str(mapping_file))
        or ws.settings.date_format
    )
    create_missing = (
        create_missing_customers
        or bool(options.get("create_missing_customers"))
        or bool(chosen and chosen.create_missing_customers)
    )
    step = _stepper(progress)
    import_id = uuid.uuid4().hex[:12]
    con = ws.raw
    with _bounded_memory(con), readers.regular_file(path) as readable:
        try:
            # Reading and checking build temp tables only, before the transaction: DuckDB reads a temp
            # table made inside the transaction that writes the store at half the speed (measured: 40 s
            # instead of 20 s of CPU to insert 10M orders). The store is written only in the transaction.
            step("read")
            raw = _read(con, path, readable, encoding, delimiter)
            if chosen:
                explicit = {**chosen.mapping_for(raw.columns), **explicit}
            found = _matched(ws, spec, raw, explicit, str(path))
            run = _Run(
                ws, con, spec, path, import_id, found, raw, date_format, create_missing, chosen, started
            )
            run.readable = readable
            step("check")
            run.check()
            with ws.transaction():
                step("quarantine")
                quarantined = run.quarantine()
                step("store")
                tables = run.store()
                rejected = run.rejected_values()
                main = tables.get(spec.table, Counts())
                summary = ImportSummary(
                    import_id=import_id,
                    entity=spec.name,
                    file=str(path),
                    rows_read=raw.rows_read,
                    inserted=main.inserted,
                    updated=main.updated,
                    unchanged=main.unchanged,
                    quarantined=quarantined,
                    rejected_values=rejected,
                    seconds=0.0,
                    landed=raw.rows_read - quarantined,
                    tables={name: c.to_dict() for name, c in tables.items()},
                    mapping=found.columns,
                    ignored_columns=found.ignored,
                    kept_columns=found.extras,
                    float_ids=run.float_ids,
                    date_orders={column: order.order for column, order in run.date_orders.items()},
                    preset_hint=None if run.preset else presets.matching(spec.name, raw.columns),
                )
                summary.seconds = round(time.perf_counter() - clock, 3)
                run.record(summary)
                step("commit")
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # never hide the error that stopped the import
                _drop_work_tables(con)
            raise
        _drop_work_tables(con)
    summary.seconds = round(time.perf_counter() - clock, 3)
    return summary


def _matched(ws, spec: Entity, raw: readers.RawTable, explicit: dict[str, str], file: str) -> Mapping:
    """The field each column of the file read into RAW fills: the explicit pairs, the other columns matched
    by header and alias, and a header such as Income by its values too (typed.by_content)."""
    found = resolve(spec, raw.columns, explicit, file=file, currency=ws.settings.currency)
    return by_content(ws, readers.RAW, spec, found, explicit)


def column_fields(ws, entity: str, path, *, encoding: str | None = None, delimiter: str | None = None):
    """Each column of the file at `path` -> the field an import of it without a mapping fills from it,
    decided as import_file decides (_matched): for a preview of the columns before the import (the web
    import page), where `path` may be the file's first rows. The file is read as the import reads it, into
    the import's temp tables on `ws`'s connection, dropped at the end; it raises the import's errors."""
    spec = _entity(entity)
    path = Path(path)
    delimiter = textfiles.delimiter_option(delimiter)
    con = ws.raw
    try:
        raw = _read(con, path, path, encoding, delimiter)
        return dict(_matched(ws, spec, raw, {}, str(path)).columns)
    finally:
        with contextlib.suppress(duckdb.Error):  # never hide the error that stopped the reading
            _drop_work_tables(con)


def _read(con, path: Path, readable: Path, encoding, delimiter) -> readers.RawTable:
    """The file read into RAW; a refusal names the file as given ("-" for standard input), not its copy."""
    try:
        return readers.read(con, readable, encoding=encoding, delimiter=delimiter)
    except DataError as exc:
        if readable == path:
            raise
        raise type(exc)(exc.reason, str(path), exc.row, exc.column, code=exc.code, params=exc.params) from exc


def _bounded_memory(con):
    """DuckDB's memory limit lowered to IMPORT_MEMORY_LIMIT for the import, then restored.

    By default DuckDB may use 80% of the machine's memory and keeps an import's work tables (the checked
    rows, the aggregates over keys) in it; with a limit it spills them to the workspace's temp folder
    instead. A 10M-row import peaked at 2.5 GiB of resident memory without it (benchmarks/import_bench.py).
    A lower limit set by the user is kept; a refresh running meanwhile on another connection (segmint
    serve) adds its own budget (segmint.store.memory).
    """
    return memory.bounded(con, memory.size_in_bytes(IMPORT_MEMORY_LIMIT))


def _stepper(progress: Progress | None):
    def step(name: str) -> None:
        if progress:
            progress(name, STEPS.index(name), len(STEPS))

    return step


class _Run:
    """One import's state inside its transaction; each method is one stage of the pipeline."""

    def __init__(
        self,
        ws,
        con,
        spec: Entity,
        path: Path,
        import_id: str,
        found: Mapping,
        raw,
        date_format,
        create_missing: bool,
        preset,
        started: dt.datetime,
    ):
        self.ws, self.con, self.spec, self.path, self.import_id = ws, con, spec, path, import_id
        self.found, self.raw, self.date_format, self.create_missing = found, raw, date_format, create_missing
        self.preset, self.started = preset, started
        self.now = ws.now(whole_seconds=False)  # imported_at: to the microsecond, as incremental reads it
        self.readable = path  # where the file is read: a copy for standard input or a pipe
        self.line_level = spec.name == "orders" and bool(ITEM_NAMES & set(found.columns.values()))
        self.key = list(spec.key)
        # events without an id column get a content hash as their id (_prepare)
        self.hashed_ids = spec.name == "events" and "event_id" not in found.columns.values()

    # -- check: one Ibis expression, materialised once ------------------------------------------
    def check(self) -> None:
        required = required_fields(self.spec, line_level=self.line_level)
        require(self.spec, self.found, required, self.raw.columns, str(self.path), self.ws.settings.currency)
        columns, declared = self.found.columns, self.date_format
        self.date_orders = date_orders(self.ws, readers.RAW, self.spec, columns, declared, str(self.path))
        t = typed_fields(self.ws, readers.RAW, self.spec, columns, declared, self.date_orders)
        self.float_ids = ids.float_id_columns(self.con, readers.RAW, self.found.columns)
        if self.float_ids:
            fields = [self.found.columns[source] for source in self.float_ids]
            t = t.mutate(**{name: ids.without_float(t[name]) for name in fields})
        if self.spec.extras_column and self.found.extras:
            raw = self.ws.con.table(readers.RAW)
            extras = to_json(ibis.struct({c: _as_text(raw[c]) for c in self.found.extras}))
            t = t.join(raw.select("_row", **{self.spec.extras_column: extras}), "_row")
        t = self._prepare(t)
        rules = checks.totals_rules(t, self.key[0]) + checks.required_rules(t, self.spec, required)
        if self.spec.name == "orders":
            rules += checks.order_rules(t)
            if self.line_level:
                rules += checks.item_rules(t, t.status)
        elif self.spec.name == "order-items":
            rules += checks.item_rules(t, None)
            rules.append(
                (
                    t.order_id.notnull() & ~t._known_order,
                    "order_id",
                    "unknown order '" + t.order_id + "' (import the orders first)",
                    why("import.unknown_order", order=t.order_id),
                )
            )
        elif self.spec.name == "events":
            rules += checks.event_rules(t)
        if "_known_id" in t.columns:
            rules.append(
                (
                    t.customer_id.notnull() & ~t._known_id,
                    "customer_id",
                    "unknown customer '" + t.customer_id + "' (import the customers first, or use "
                    "--create-missing-customers)",
                    why("import.unknown_customer", customer=t.customer_id),
                )
            )
        t = checks.apply_rules(t, rules)
        numbered_items = self.spec.name == "order-items" and "line_no" not in t.columns
        if numbered_items:
            numbered = ibis.ifelse(t._reason.isnull(), t._row, ibis.null("int64"))
            t = t.mutate(
                line_no=numbered.rank().over(group_by=t.order_id, order_by=numbered).cast("int32") + 1
            )
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {CHECKED} AS {self.ws.con.compile(t)}")
        self.checked_columns = [
            c for (c,) in self.con.execute(f"SELECT column_name FROM (DESCRIBE {CHECKED})").fetchall()
        ]
        if self.spec.name in ("orders", "events") and "customer_id" in self.checked_columns:
            self._to_survivors()
        checked = self.ws.con.table(CHECKED)
        if self.line_level:
            if "customer_id" in self.checked_columns:
                checks.mark_orders_of_several_customers(self.con, CHECKED)
            checks.mark_orders_of_several_days(self.con, CHECKED)
            if self._materialise(BAD_ORDERS, checks.orders_with_bad_lines(checked)):
                checks.mark_whole_orders(self.con, CHECKED, BAD_ORDERS)
        elif not numbered_items and self._materialise(DUPLICATES, checks.duplicate_keys(checked, self.key)):
            if self.hashed_ids:  # copies of an event without an id: every one lands, numbered
                checks.number_copies(self.con, CHECKED, DUPLICATES, self.key[0])
            else:
                checks.mark_superseded(self.con, CHECKED, DUPLICATES, self.key)

    def _to_survivors(self) -> None:
        """Rows naming a customer that dedupe merged away name the survivor instead (following merged_into
        to the live record): docs/data-model.md, "an order that arrives later under a merged id still finds
        its customer". Under the merged id it would count nowhere, as every metric leaves merged records
        out."""
        (merged,) = self.con.execute("SELECT count(merged_into) FROM customers").fetchone()
        if not merged:
            return
        away = survivors_sql("SELECT customer_id FROM customers WHERE merged_into IS NOT NULL")
        self.con.execute(
            f"UPDATE {CHECKED} AS t SET customer_id = s.customer_id FROM ({away}) AS s "
            "WHERE t.customer_id = s.given"
        )

    def _materialise(self, name: str, expression: ibis.Table) -> int:
        """A small temp table from an Ibis expression; returns its row count."""
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {self.ws.con.compile(expression)}")
        (rows,) = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()
        return rows

    def _prepare(self, t: ibis.Table) -> ibis.Table:
        """Entity-specific derived columns, and the lookups the rules need (known customers and orders)."""
        if self.spec.name in ("orders", "order-items") and "discount" in t.columns:
            # An empty discount cell is no discount: the column is NOT NULL (0 by default), and a NULL
            # there stopped the whole import with DuckDB's constraint error and a traceback.
            t = t.mutate(discount=t.discount.fill_null(0))
        if self.spec.name == "orders":
            t = checks.with_status(t)
            if self.preset and self.preset.status:
                t = t.mutate(status=self.preset.status(t))
        elif self.spec.name == "events":
            t = t.mutate(event_type=checks.event_type(t.event_type))
            if "nps_score" in t.columns:
                out = (t.nps_score < 0) | (t.nps_score > 10)
                shown, refused = t.nps_score.cast("string"), bad("nps_score") in t.columns
                t = t.mutate(
                    **{
                        bad("nps_score"): ibis.ifelse(
                            out,
                            "NPS score must be 0..10, got " + shown,
                            t[bad("nps_score")] if refused else ibis.null("string"),
                        ),
                        why_of("nps_score"): ibis.ifelse(
                            out,
                            why("import.nps_range", value=shown),
                            t[why_of("nps_score")] if refused else ibis.null("string"),
                        ),
                        "nps_score": ibis.ifelse(out, ibis.null("int64"), t.nps_score),
                    }
                )
            if "event_id" not in t.columns:
                parts = [
                    t[c].cast("string").coalesce("")
                    for c in (
                        "customer_id",
                        "event_type",
                        "occurred_at",
                        "campaign_id",
                        "channel",
                        "nps_score",
                        "properties",
                    )
                    if c in t.columns
                ]
                t = t.mutate(event_id=ibis.literal("h:") + ibis.literal("\x1f").join(parts).hexdigest("md5"))
        elif self.spec.name == "customers" and "birth_year" in t.columns:
            t = checks.birth_year(t, self.started.year)
        elif self.spec.name == "order-items":
            orders = self.ws.con.table("orders")
            t = t.mutate(_known_order=t.order_id.isin(orders.order_id))
        if self.spec.name in ("orders", "events") and "customer_id" in t.columns and not self.create_missing:
            # A semi-join (IN): the hash table is built on the stored ids, not on the file's rows.
            customers = self.ws.con.table("customers")
            t = t.mutate(_known_id=t.customer_id.isin(customers.customer_id))
        return t

    # -- quarantine ----------------------------------------------------------------------------
    def quarantine(self) -> int:
        params = {"id": self.import_id, "entity": self.spec.name, "file": str(self.path)}
        for problem in self.raw.problems:
            self.con.execute(
                'INSERT INTO quarantine (import_id, entity, file, "row", "column", value, reason, record, '
                "reason_code, reason_params) VALUES ($id, $entity, $file, $row, $column, $value, "
                "$reason, $record, $code, $params)",
                {
                    **params,
                    "row": problem.row,
                    "column": problem.column,
                    "value": problem.value,
                    "reason": problem.reason,
                    "record": problem.record,
                    "code": problem.reason.code,
                    "params": json.dumps(problem.reason.params, ensure_ascii=False),
                },
            )
        (count,) = self.con.execute(f"SELECT count(*) FROM {CHECKED} WHERE _reason IS NOT NULL").fetchone()
        if count == 0:
            return len(self.raw.problems)
        checked = self.ws.con.table(CHECKED)
        raw = self.ws.con.table(readers.RAW)
        bad_rows = checked.filter(checked._reason.notnull()).select("_row", "_column", "_reason", "_why")
        joined = bad_rows.join(raw, "_row")
        source_of = {f: s for s, f in self.found.columns.items()}
        value = (
            ibis.cases(
                *[(joined._column == ibis.literal(f), _as_text(joined[s])) for f, s in source_of.items()],
                else_=ibis.null("string"),
            )
            if source_of
            else ibis.null("string")
        )
        column = ibis.literal(source_of, type="map<string, string>")[joined._column].coalesce(joined._column)
        record = to_json(ibis.struct({c: _as_text(joined[c]) for c in self.raw.columns}))
        rows = joined.select(
            row=joined._row, column=column, value=value, reason=joined._reason, record=record, why=joined._why
        )
        self.con.execute(
            f'INSERT INTO quarantine SELECT $id, $entity, $file, "row", "column", value, reason, record, '
            f'{code_of("why")}, {params_of("why")} FROM ({self.ws.con.compile(rows)}) ORDER BY "row"',
            params,
        )
        return count + len(self.raw.problems)

    # -- store ---------------------------------------------------------------------------------
    def _provided(self, table_columns: list[str]) -> list[str]:
        return [c for c in table_columns if c in self.checked_columns]

    def store(self) -> dict[str, Counts]:
        con, valid = self.con, f"{CHECKED} WHERE _reason IS NULL"
        tables: dict[str, Counts] = {}
        if self.spec.name == "orders" and "customer_id" in self.checked_columns and self.create_missing:
            tables["customers"] = self._customers_from_orders()
        if self.line_level:
            return tables | self._store_line_level()
        columns = [c for c in self._table_columns(self.spec.table) if c in self.checked_columns]
        select = ", ".join(q(c) for c in columns)
        guest_unknown = False
        if self.spec.name == "orders":
            columns += ["is_guest"]
            # a file without a customer column (a till's export): new orders are guest purchases, known
            # ones keep their customer and guest flag (the upsert's keep)
            guest_unknown = "customer_id" not in columns
            select += ", true AS is_guest" if guest_unknown else ", customer_id IS NULL AS is_guest"
            if self.preset and self.preset.source and "source" not in columns:
                columns.append("source")
                select += f", '{self.preset.source}' AS source"
        if self.spec.name == "customers" and "signup_date" in columns:
            columns.append("signup_from_orders")  # a date the user gives (_customers_from_orders)
            select += ", false AS signup_from_orders"
        keep = self._refused_keep(columns)
        select += "".join(f", {q(flag)}" for flag in keep.values())
        if self.spec.name == "customers" and "tags" in columns:
            valid = self._keeping_trigger_tags()
        con.execute(f"CREATE OR REPLACE TEMP VIEW _segmint_stage AS SELECT {select} FROM {valid}")
        # Events go in ordered by customer: DuckDB's per-row-group min/max then lets a look-up of one
        # customer's events (the API's profile) read one row group of the batch instead of scanning
        # every event: at 1M customers / 12M events ~180 ms -> a few ms. The price: exports come in time
        # order, and a rule's time window on events no longer skips old row groups (the 5-filter
        # preview at 1M still meets its target with 12M events, docs/api.md).
        by_customer = self.spec.name == "events" and "customer_id" in columns
        was_empty = by_customer and is_empty(con, self.spec.table)
        tables[self.spec.table], _ = upsert(
            con,
            self.spec.table,
            "_segmint_stage",
            self.key,
            columns,
            self.now,
            want_state=False,
            order_by="customer_id" if by_customer else None,
            keep={c: f"s.{q(flag)} IS NOT NULL" for c, flag in keep.items()}
            | ({"is_guest": "true"} if guest_unknown else {}),
            merged=tuple(c for c in columns if c == self.spec.extras_column),
        )
        if by_customer:  # and rewritten in that order when many small imports have spoilt it
            keep_in_order(con, self.spec.table, one_sorted_batch=was_empty)
        return tables

    def _keeping_trigger_tags(self) -> str:
        """The landed rows with each customer's tags as the file's and then those tag triggers gave them
        (triggers.actions.TAGS_GIVEN), which the source does not know: a re-import of the same export
        erased them for good, as their firings are done (docs/triggers.md), and counted them updated."""
        from segmint.triggers.actions import TAGS_GIVEN

        file_tags = "coalesce(_file.tags, []::VARCHAR[])"
        tags = (
            f"CASE WHEN _given.tags IS NULL THEN _file.tags ELSE list_concat({file_tags}, "
            f"list_filter(_given.tags, lambda tag: NOT list_contains({file_tags}, tag))) END"
        )
        given = f"LEFT JOIN ({TAGS_GIVEN}) _given ON _given.customer_id = _file.customer_id"
        return f"(SELECT _file.* REPLACE ({tags} AS tags) FROM {CHECKED} _file {given}) WHERE _reason IS NULL"

    def _refused_keep(self, columns: list[str]) -> dict[str, str]:
        """column -> its `_bad_` column, for the stored columns where a landed row had its value refused:
        the upsert keeps the stored value there (docs/import.md). Empty when no landed row had one, so the
        usual import carries no extra column."""
        refusable = {c: bad(c) for c in columns if c not in self.key and bad(c) in self.checked_columns}
        if not refusable:
            return {}
        any_refused = " OR ".join(f"{q(flag)} IS NOT NULL" for flag in refusable.values())
        (found,) = self.con.execute(
            f"SELECT EXISTS (SELECT 1 FROM {CHECKED} WHERE _reason IS NULL AND ({any_refused}))"
        ).fetchone()
        return refusable if found else {}

    def _table_columns(self, table: str) -> list[str]:
        return [
            c
            for (c,) in self.con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND NOT internal "
                "AND database_name = "
                "current_database() AND schema_name = 'main' ORDER BY column_index",
                {"t": table},
            ).fetchall()
        ]

    def _customers_from_orders(self) -> Counts:
        """Customers the orders name but the store does not know yet (with their country, if given).

        A customer known from orders exists from their first order: without a sign-up date every as-of
        refresh or backfill would count them on any past date (as "No Purchases", "prospect"), before
        they were customers. So signup_date becomes the day of the first order, for new customers and
        for known ones with a later or no sign-up date, and is then marked as taken from the orders
        (customers.signup_from_orders). A date the user gave is never moved later (a file of later orders
        imported after an earlier one leaves it alone); one taken from the orders is the day of the first
        order the store holds once this file is in, so a corrected re-import of misread dates moves it
        later too."""
        has_country = "country" in self.checked_columns
        country = ", arg_max(country, _row) AS country" if has_country else ""
        # A customer whose every country in the file was refused keeps the stored one (docs/import.md).
        refused = has_country and bad("country") in self.checked_columns
        if refused:
            country += f", bool_or({q(bad('country'))} IS NOT NULL) AND count(country) = 0 AS _kept_country"
        valid = f"{CHECKED} WHERE _reason IS NULL AND customer_id IS NOT NULL"
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE _segmint_first_orders AS SELECT customer_id{country}, "
            f"CAST(min(ordered_at) AS DATE) AS first_order FROM {valid} GROUP BY customer_id"
        )
        # the first order the store will hold of a customer whose date was taken from the orders: the
        # file's, or a stored order the file does not replace
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE _segmint_stored_first AS SELECT o.customer_id, "
            "CAST(min(o.ordered_at) AS DATE) AS first_order FROM orders o "
            "SEMI JOIN (SELECT customer_id FROM customers WHERE signup_from_orders) d "
            "ON d.customer_id = o.customer_id "
            f"SEMI JOIN _segmint_first_orders n ON n.customer_id = o.customer_id "
            f"ANTI JOIN (SELECT DISTINCT order_id FROM {CHECKED} WHERE _reason IS NULL) f "
            "ON f.order_id = o.order_id GROUP BY o.customer_id"
        )
        first = "least(n.first_order, s.first_order)"
        from_orders = f"(c.signup_from_orders OR c.signup_date IS NULL OR c.signup_date > {first})"
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE _segmint_new_customers AS SELECT n.customer_id"
            + (", n.country" if has_country else "")
            + (", n._kept_country" if refused else "")
            + f", CASE WHEN {from_orders} THEN {first} ELSE c.signup_date END AS signup_date, "
            f"CASE WHEN {from_orders} THEN true ELSE c.signup_from_orders END AS signup_from_orders "
            "FROM _segmint_first_orders n LEFT JOIN customers c ON c.customer_id = n.customer_id "
            "LEFT JOIN _segmint_stored_first s ON s.customer_id = n.customer_id"
        )
        self.con.execute("DROP TABLE _segmint_first_orders")
        self.con.execute("DROP TABLE _segmint_stored_first")
        columns = ["customer_id", *(["country"] if has_country else []), "signup_date", "signup_from_orders"]
        counts, _ = upsert(
            self.con,
            "customers",
            "_segmint_new_customers",
            ["customer_id"],
            columns,
            self.now,
            want_state=False,
            keep={"country": "s._kept_country"} if refused else None,
        )
        return counts

    def _not_in_line_file(self, have: set[str]) -> dict[str, str]:
        """Order fields a file of lines does not give: a known order keeps its stored values there (only
        the columns the file provides are updated; a lines file without a customer column erased the
        customer of every order it touched)."""
        given = set(have) | ({"source"} if self.preset and self.preset.source else set())
        absent = [
            c for c in ("customer_id", "discount", "currency", "channel", "store", "source") if c not in given
        ]
        if "customer_id" in absent:
            absent.append("is_guest")
        return {c: "true" for c in absent}

    def _store_line_level(self) -> dict[str, Counts]:
        con, have = self.con, set(self.checked_columns)
        source = (
            f"'{self.preset.source}'"
            if self.preset and self.preset.source
            else ("any_value(source)" if "source" in have else "NULL")
        )

        def first(name: str, default: str = "NULL") -> str:
            return f"arg_min({q(name)}, _row)" if name in have else default

        # A row of a line file is a line: its discount is the line's (as an order-items file's), the order's
        # is their sum, and the total computed when the file gives none is after them. (An export naming
        # the order's discount on its first line only sums the same; the first line's value was taken,
        # and the total left before it, so identical orders differed with the order of their lines.)
        line_discount = f"CAST({'coalesce(discount, 0)' if 'discount' in have else '0'} AS DECIMAL(18, 4))"
        lines_total = f"sum(quantity * unit_price - {line_discount})"
        total = lines_total if "total" not in have else f"coalesce(arg_min(total, _row), {lines_total})"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _segmint_orders AS SELECT order_id, "
            f"{first('customer_id')} AS customer_id, "
            f"{first('customer_id')} IS NULL AS is_guest, min(ordered_at) AS ordered_at, "
            f"CAST({total} AS DECIMAL(18, 4)) AS total, sum({line_discount}) AS discount, "
            f"{first('currency')} AS currency, {first('channel')} AS channel, {first('store')} AS store, "
            f"{first('status')} AS status, {source} AS source, "
            f"sum(hash(line_no, {', '.join(q(c) if c in have else 'NULL' for c in ITEM_COLUMNS[2:7])}, "
            f"{line_discount})) "
            "AS _lines "
            f"FROM (SELECT *, row_number() OVER (PARTITION BY order_id ORDER BY _row) AS line_no "
            f"FROM {CHECKED} WHERE _reason IS NULL) GROUP BY order_id"
        )
        # An order's lines as one number: the sum of each line's hash (line numbers included, so the sum
        # tells lines apart). An ordered list per order, hashed, needed memory DuckDB cannot spill.
        stored_lines = (
            "(SELECT sum(hash(i.line_no, i.product_id, i.product_name, i.category, i.quantity, "
            "i.unit_price, i.discount)) FROM order_items i WHERE i.order_id = s.order_id)"
        )
        orders, state = upsert(
            con,
            "orders",
            "_segmint_orders",
            ["order_id"],
            ORDER_COLUMNS,
            self.now,
            changed_also=f"s._lines IS DISTINCT FROM {stored_lines}",
            keep=self._not_in_line_file(have),
        )
        item_select = ", ".join(
            "line_no"
            if c == "line_no"
            else f"{line_discount} AS discount"
            if c == "discount"
            else (q(c) if c in have else f"NULL AS {q(c)}")
            for c in ITEM_COLUMNS
        )
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW _segmint_items AS SELECT {item_select} FROM (SELECT *, "
            f"row_number() OVER "
            f"(PARTITION BY order_id ORDER BY _row) AS line_no FROM {CHECKED} WHERE _reason IS NULL)"
        )
        items = replace_children(
            con, "order_items", "_segmint_items", state, "order_id", ITEM_COLUMNS, self.now
        )
        return {"orders": orders, "order_items": items}

    # -- rejected values, the imports row, cleanup ----------------------------------------------
    def rejected_values(self) -> int:
        checked = self.ws.con.table(CHECKED)
        raw = self.ws.con.table(readers.RAW)
        key = self.spec.key[0] if self.spec.name != "order-items" else None
        key_text = (
            checked[key].cast("string") if key else checked.order_id + "#" + checked.line_no.cast("string")
        )
        refused_fields = [(s, n) for s, n in self.found.columns.items() if bad(n) in checked.columns]
        if not refused_fields:
            return 0
        # One pass to see whether any landed row had a value refused; usually none had.
        any_refused = ibis.or_(*[checked[bad(n)].notnull() for _s, n in refused_fields])
        refused_rows = checked.filter(checked._reason.isnull() & any_refused)
        if not self.con.execute(
            f"SELECT EXISTS ({self.ws.con.compile(refused_rows.select('_row'))})"
        ).fetchone()[0]:
            return 0
        parts = []
        for source, name in refused_fields:
            rows = checked.filter(checked._reason.isnull() & checked[bad(name)].notnull())
            parts.append(
                rows.select(
                    _row=rows._row,
                    record_key=key_text,
                    column=ibis.literal(source),
                    reason=rows[bad(name)],
                    why=rows[why_of(name)],
                )
            )
        refused = ibis.union(*parts)
        joined = refused.join(raw, "_row")
        value = ibis.cases(
            *[(joined.column == ibis.literal(s), _as_text(joined[s])) for s in self.found.columns],
            else_=ibis.null("string"),
        )
        rows = joined.select(
            "record_key", "_row", "column", value=value, reason=joined.reason, why=joined.why
        )
        (count,) = self.con.execute(
            'INSERT INTO rejected_values SELECT $id, $entity, record_key, $file, _row, "column", '
            f"value, reason, {code_of('why')}, {params_of('why')} "
            f"FROM ({self.ws.con.compile(rows)})",
            {"id": self.import_id, "entity": self.spec.name, "file": str(self.path)},
        ).fetchone()
        return int(count)

    def _identity(self) -> str:
        """The file as the imports row keeps it: its resolved absolute path, by which the audit tells files
        apart (a file imported again replaces what its earlier imports left: `c.csv` and `$PWD/c.csv` are
        one file, two `orders.csv` in two folders are two); standard input and a pipe as given (`-`). The
        quarantine and the summary name the file as given."""
        return str(self.path) if self.readable != self.path else str(self.path.resolve())

    def record(self, summary: ImportSummary) -> None:
        self.con.execute(
            "INSERT INTO imports VALUES ($id, $entity, $file, $sha, $started, $finished, $read, "
            "$ins, $upd, $same, "
            "$quar, $mapping, $tables)",
            {
                "id": self.import_id,
                "entity": self.spec.name,
                "file": self._identity(),
                "sha": _sha256(self.readable),
                "started": self.started,
                "finished": self.ws.now(whole_seconds=False),
                "read": summary.rows_read,
                "ins": summary.inserted,
                "upd": summary.updated,
                "same": summary.unchanged,
                "quar": summary.quarantined,
                "mapping": json.dumps(summary.mapping, ensure_ascii=False),
                "tables": json.dumps(summary.tables),
            },
        )


def _drop_work_tables(con) -> None:
    """Drop the import's temp tables and views (`_segmint_*`)."""
    for name, kind in con.execute(
        "SELECT table_name, 'TABLE' FROM duckdb_tables() WHERE temporary AND table_name LIKE "
        "'\\_segmint%' ESCAPE '\\' UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE temporary "
        "AND view_name LIKE '\\_segmint%' ESCAPE '\\'"
    ).fetchall():
        con.execute(f"DROP {kind} IF EXISTS {q(name)}")
