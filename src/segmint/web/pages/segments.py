"""The segments list and a segment's page: KPIs, members (paged, sorted, searched), the CSV export, the size
history chart, the movement Sankey and the playbook entry. The KPIs and charts are partials the page
loads after it is drawn, cached by the data's fingerprint (the KPI report took over a minute at 1M
customers / 10M order lines)."""

from __future__ import annotations

import codecs
import datetime as dt
import re

import ibis
import pyarrow as pa
import pyarrow.csv as pacsv
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from segmint import history
from segmint import segments as library
from segmint.api.customers import display_name, people_matching, searched_text
from segmint.api.routes.common import WorkspaceDep, plain, segment_or_404
from segmint.api.routes.segment_data import content_disposition
from segmint.errors import SegmintError
from segmint.history import queries
from segmint.kpis import kpi_report
from segmint.segments.membership import (  # _flat: the CSV flattening `segments members` uses
    DEFAULT_COLUMNS,
    _flat,
    export_members,
)
from segmint.segments.store import group_errors
from segmint.web import charts
from segmint.web.cache import cached, fingerprint
from segmint.web.i18n import choose_language, translator
from segmint.web.pages.compared_dates import compared_dates
from segmint.web.render import REFUSED, link, page
from segmint.web.session import checked_form, require_role, user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])

PAGE_SIZE = 25


@router.get("/segments")
def segment_list(request: Request, ws: WorkspaceDep, deleted: str | None = None) -> Response:
    """`deleted`: the name of the segment the delete button just removed (said at the top)."""
    # a stored rule may name a group the RFM map no longer has (segmint segments list warns too): the
    # warnings overview finds are kept as errors, worded by the page in its language (they were found twice)
    overview = library.overview(ws, worded=_kept)
    context = {"segments": overview["segments"], "families": plain(overview["families"]), "deleted": deleted}
    return page(request, "segments.html", context)


def _kept(error):
    return error


@router.get("/segment")
def segment_page(
    request: Request, ws: WorkspaceDep, name: str, added: int | None = None, removed: int | None = None
) -> Response:
    """The page with its members; the KPIs and the charts load after it (slow on a large base). `added`,
    `removed`: how many members the static segment's form just added or removed (said at the top)."""
    segment = library.find(ws, name)
    if segment is None:
        missing = {"title_key": "not_found_title", "message_key": "no_segment"}
        return page(request, "error.html", missing, 404)
    return page(request, "segment.html", segment_context(ws, segment, added=added, removed=removed))


def segment_context(ws, segment, **extra) -> dict:
    context = {"segment": segment, **member_page(ws, segment.name, 1, "customer_id", "asc", "")}
    context |= {"added": None, "removed": None, **extra}
    # a stored rule may name a group the RFM map no longer has (segmint segments show warns too)
    (context["warnings"],) = group_errors(ws, [segment.rule])
    return context


# customer ids as a person pastes them: one a line, or separated by commas, semicolons, spaces or tabs
ID_SEPARATORS = re.compile(r"[\s,;]+")


@router.post("/segment/members")
def change_members(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """Add or remove a static segment's members by the ids typed or pasted (editor role), as
    `segmint segments add/remove` and the API's PATCH do. A refusal (an unknown id, one that is not a
    member, a dynamic segment) comes back on the segment's page with the ids as typed; nothing is changed."""
    require_role(request.state.user, "editor")
    name = str(form.get("name") or "")
    segment = segment_or_404(ws, name)
    typed = str(form.get("ids") or "")
    action = str(form.get("action") or "add")  # none: the form sent by Enter, its first button's (Add)
    ids = [part for part in ID_SEPARATORS.split(typed) if part]
    t = translator(choose_language(request)[0])

    def refused(message, status: int = 400) -> Response:
        context = segment_context(ws, segment, member_error=message, member_ids=typed)
        return page(request, "segment.html", context, status)

    if action not in ("add", "remove"):  # any other value added the ids
        return refused(t("member_action_unknown", action=action))
    if not ids:
        return refused(t("no_ids_typed"))
    running = request.app.state.refreshes.busy()  # the refresh writes the history the change records
    if running is not None:
        return refused(t("refresh_running_refused", refresh_id=running.refresh_id), 409)
    try:
        if action == "remove":
            count = {"removed": library.remove_members(ws, segment.name, ids)}
        else:
            count = {"added": library.add_members(ws, segment.name, ids)}
    except SegmintError as exc:
        return refused(exc)
    return RedirectResponse(link("/ui/segment", name=segment.name, **count), status_code=303)


@router.post("/segment/delete")
def delete_segment(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """Delete a segment and its history (editor role; the form's confirmation box must be ticked), as
    `segmint segments delete` and the API's DELETE do. A refusal (other rules read it, triggers use it)
    comes back on its page in the page's language; nothing is deleted."""
    require_role(request.state.user, "editor")
    segment = segment_or_404(ws, str(form.get("name") or ""))
    t = translator(choose_language(request)[0])

    def refused(message, status: int = 400) -> Response:
        return page(request, "segment.html", segment_context(ws, segment, delete_error=message), status)

    if not form.get("confirm"):
        return refused(t("delete_confirm_missing"))
    running = request.app.state.refreshes.busy()
    if running is not None:
        return refused(t("refresh_running_refused", refresh_id=running.refresh_id), 409)
    try:
        library.delete(ws, segment.name)
    except SegmintError as exc:
        return refused(exc)
    return RedirectResponse(link("/ui/segments", deleted=segment.name), status_code=303)


@router.get("/segment/kpis")
def segment_kpis_partial(request: Request, ws: WorkspaceDep, name: str) -> Response:
    segment = segment_or_404(ws, name)
    lang, _ = choose_language(request)
    key = ("segment-kpis", segment.segment_id, lang, fingerprint(ws))
    report = cached(key, lambda: plain(kpi_report(ws, [segment.name], lang=lang)))
    context = {"row": report["segments"][0], "period": report["period"]}
    return page(request, "segment/_kpis.html", context)


@router.get("/segment/charts")
def segment_charts_partial(request: Request, ws: WorkspaceDep, name: str) -> Response:
    segment = segment_or_404(ws, name)
    lang, _ = choose_language(request)
    key = ("segment-charts", segment.segment_id, lang, fingerprint(ws))
    context = cached(key, lambda: _charts(ws, segment.name, translator(lang), lang))
    return page(request, "segment/_charts.html", context)


def _charts(ws, name: str, t, lang: str) -> dict:
    """The size history and, with two dates or more, who stayed, left and entered between the first and
    the last."""
    sizes = queries.sizes(ws, queries.lookup(ws, name))
    figures = {"sizes": charts.size_history(sizes, name, lang)} if sizes else {}
    flows = None
    if len(sizes) >= 2:
        first, last = sizes[0]["date"], sizes[-1]["date"]
        flows = charts.movement(ws, name, first, last)
        labels = {
            "in_start": t("sankey_in", date=first),
            "out_start": t("sankey_out", date=first),
            "in_end": t("sankey_in", date=last),
            "out_end": t("sankey_out", date=last),
        }
        if flows["stayed"] or flows["left"] or flows["entered"]:  # plotly throws on a Sankey of zeros
            figures["sankey"] = charts.sankey(flows, labels, lang)
    return {"figures": figures, "flows": flows}


MOVERS_SHOWN = 25


@router.get("/segment/movement")
def movement_partial(
    request: Request,
    ws: WorkspaceDep,
    name: str,
    start: str = Query("", alias="from"),
    end: str = Query("", alias="to"),
) -> Response:
    """Who entered and who left the segment between two of its computed dates (in it on one and not the
    other, as the Sankey counts them; by default the first and the last), the first of each by id with a
    link to the profile, and how long stays in it last (history.stay_summary)."""
    segment = segment_or_404(ws, name)
    dates = queries.snapshot_dates(ws, queries.lookup(ws, segment.name))
    context: dict = {"segment": segment, "dates": dates, "moved": None, "dates_error": None}
    stays = history.stay_summary(ws, segment.name).to_pyarrow().to_pylist()
    context["stay"] = plain(stays[0]) if stays else None
    if len(dates) >= 2:
        chosen, context["dates_error"] = compared_dates(dates, start, end, "movement_pick_dates")
        context["start"], context["end"] = chosen
        if context["dates_error"] is None:
            context["moved"] = _movers(ws, segment.name, *chosen)
    # a refusal answers 422 (REFUSED), which base.html's htmx-config swaps in: htmx swaps in no other 4xx
    # answer, and the dates chosen would stay with the previous dates' lists under them and no word of why
    status = 200 if context["dates_error"] is None else REFUSED
    return page(request, "segment/_movement.html", context, status)


def _movers(ws, name: str, start: dt.date, end: dt.date) -> dict:
    """The customers in the segment on `end` and not on `start` (entered), and the other way (left)."""
    before = library.members(ws, name, as_of=start)
    after = library.members(ws, name, as_of=end)
    customers = ws.table("customers")
    found = {}
    for key, inside, outside in (("entered", after, before), ("left", before, after)):
        ids = inside.anti_join(outside, "customer_id")
        people = ids.join(customers, "customer_id", how="left")
        people = people.select("customer_id", full_name=display_name(people)).order_by("customer_id")
        total = int(ids.count().execute())
        found[key] = {"total": total, "rows": people.limit(MOVERS_SHOWN).to_pyarrow().to_pylist()}
    found["stayed"] = int(before.join(after, "customer_id").count().execute())
    return found


@router.get("/segment/movers.csv")
def movers_csv(
    request: Request,
    ws: WorkspaceDep,
    name: str,
    who: str = Query(..., pattern="^(entered|left)$"),
    start: str = Query("", alias="from"),
    end: str = Query("", alias="to"),
) -> Response:
    """Every customer who entered (in the segment on `to` and not on `from`) or left it, as CSV with a
    byte order mark, in the columns of the member export: the movement panel shows the first 25 and said
    to run `segmint segments members --as-of`, which cannot open the workspace while the server holds it.
    The columns are as of the date the customer was a member on (`to` for those who entered)."""
    segment = segment_or_404(ws, name)
    dates = queries.snapshot_dates(ws, queries.lookup(ws, segment.name))
    refused = "no_movement" if len(dates) < 2 else None
    if refused is None:
        chosen, refused = compared_dates(dates, start, end, "movement_pick_dates")
    if refused is not None:  # a link made by hand: an error page in the page's language, as the panel says
        values = {"dates": ", ".join(str(day) for day in dates)}
        context = {"title_key": "cannot_do_title", "message_key": refused, "message_values": values}
        return page(request, "error.html", context, 400)
    inside, outside = chosen if who == "left" else chosen[::-1]
    table = library.member_table(ws, segment.name, list(DEFAULT_COLUMNS), as_of=inside)
    table = table.anti_join(library.members(ws, segment.name, as_of=outside), "customer_id")
    data = _flat(table.order_by("customer_id").to_pyarrow())
    sink = pa.BufferOutputStream()
    pacsv.write_csv(data, sink)
    file = f"{segment.name} {who} {chosen[0]}–{chosen[1]}.csv"
    headers = {"Content-Disposition": content_disposition(file)}
    body = codecs.BOM_UTF8 + sink.getvalue().to_pybytes()
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/segment/members")
def members_partial(
    request: Request,
    ws: WorkspaceDep,
    name: str,
    page_number: int = Query(1, alias="page", ge=1, le=1_000_000),
    sort: str = "customer_id",
    order: str = "asc",
    q: str = "",
) -> Response:
    segment = segment_or_404(ws, name)
    lang = choose_language(request)[0]
    context = {"segment": segment, **member_page(ws, segment.name, page_number, sort, order, q, lang)}
    return page(request, "segment/_members.html", context)


@ibis.udf.scalar.builtin
def icu_sort_key(value: str, collator: str) -> str:
    """DuckDB's ICU sort key of `value` in `collator`'s alphabetical order (its ICU extension is built in)."""


# text a person sorts alphabetically: in Ukrainian or Russian order on those pages (Є after Е, І and Ї after
# И, Ґ after Г), not by code point, which put Єлизавета, Ігор and Їжак before Аліна and Ґава after Яна
COLLATED = ("full_name", "city")


def member_page(ws, name: str, number: int, sort: str, order: str, q: str, lang: str = "en") -> dict:
    columns = list(DEFAULT_COLUMNS)  # customer_id first
    sort = sort if sort in columns else "customer_id"
    order = "desc" if order == "desc" else "asc"
    # the name shown and searched: full_name, else first and last name (api/customers.display_name)
    table = library.member_table(ws, name, [*columns, "first_name", "last_name"])
    table = table.mutate(full_name=display_name(table)).drop("first_name", "last_name")
    if searched_text(q):  # a part of the id, or a name, email or phone as the customer search reads them
        by_id = table.customer_id.lower().contains(searched_text(q).lower())
        table = table.filter(by_id | people_matching(table, q))
    by = icu_sort_key(table[sort], lang) if sort in COLLATED and lang in ("uk", "ru") else table[sort]
    key = ibis.desc(by) if order == "desc" else ibis.asc(by)
    table = table.order_by([key, "customer_id"] if sort != "customer_id" else [key])
    total = int(table.count().execute())
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(number, pages)  # past the end: the last page (its rows, not an empty table)
    rows = table.limit(PAGE_SIZE, offset=(number - 1) * PAGE_SIZE).to_pyarrow().to_pylist()
    return {
        "columns": columns,
        "members": plain(rows),
        "total": total,
        "page_number": number,
        "pages": pages,
        "sort": sort,
        "order": order,
        "q": q,
    }


@router.get("/segment/export.csv")
def export_csv(ws: WorkspaceDep, name: str) -> Response:
    """Every member as CSV, by customer id, in the columns of the member table (segmint.segments'
    export_members, the file `segmint segments members -o` writes and the same bytes as the API's
    GET /segments/{name}/members?format=csv&bom=1), with a byte order mark: the button's file is opened by
    double-click, and Excel on a Ukrainian or Russian Windows reads a CSV without one as cp1251 (Cyrillic
    names as mojibake)."""
    segment = segment_or_404(ws, name)
    _, body = export_members(ws, segment.name, None, "csv", list(DEFAULT_COLUMNS))
    headers = {"Content-Disposition": content_disposition(f"{segment.name}.csv")}
    return Response(codecs.BOM_UTF8 + body, media_type="text/csv; charset=utf-8", headers=headers)
