"""The dashboard: the families' groups and sizes and the segments at once; the base's headline KPIs and
the automatic insights load after the page (htmx), from a cache keyed by the data, because the KPI report
is slow on a large base and changes only when the data does."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from segmint import segments as library
from segmint.api.errors import ApiError
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.families.labels import Namer
from segmint.history.refresh import check_backfill, check_not_before_the_data
from segmint.kpis import KpiError, kpi_report
from segmint.kpis.insights import segment_names
from segmint.playbook import load_playbook
from segmint.rules.context import reference_date
from segmint.rules.dates import text_date
from segmint.segments.model import SegmentError
from segmint.web.cache import cached, fingerprint
from segmint.web.i18n import choose_language, translator
from segmint.web.insights import worded
from segmint.web.messages import translate
from segmint.web.pages.imports import shown_refresh
from segmint.web.render import link, page
from segmint.web.session import checked_form, require_role, user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])


# the refresh box of imports/_refresh.html, as the dashboard shows it
REFRESH_BOX = {"refresh_box": "dashboard-refresh", "refresh_words": "refresh_"}


@router.get("/")
def dashboard(request: Request, ws: WorkspaceDep, refresh: int | None = None) -> Response:
    """`refresh`: the id of a refresh its button started (followed while it runs)."""
    return page(request, "dashboard.html", _context(request, ws, refresh))


def _context(request: Request, ws, refresh: int | None, **extra) -> dict:
    overview = library.overview(ws)
    families = plain(overview["families"])
    _with_plays(ws, families, choose_language(request)[0])
    context = {"families": families, "segments": overview["segments"], **refresh_context(request, refresh)}
    return {"refresh_values": {}, "refresh_error": None, **context, **extra}


@router.post("/refresh")
def refresh_now(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """Refresh every family and dynamic segment in the server, as POST /refresh does (editor role):
    `segmint refresh` cannot open the workspace while the server holds it (hunt-web W6). While another
    refresh runs or waits, the dashboard follows that one instead."""
    require_role(request.state.user, "editor")
    typed = {"as_of": str(form.get("as_of") or "").strip(), "backfill": str(form.get("backfill") or "")}
    lang = choose_language(request)[0]
    backfill = typed["backfill"] or None
    try:
        as_of = _refresh_date(ws, typed["as_of"], translator(lang))
        check_backfill(backfill)  # refresh.backfill: another value ran a plain refresh as of today
    except (ValueError, SegmentError) as exc:  # said on the dashboard with what was typed; nothing refreshed
        message = translate(exc, lang) if isinstance(exc, SegmentError) else str(exc)
        context = _context(request, ws, None, refresh_values=typed, refresh_error=message)
        return page(request, "dashboard.html", context, 400)
    refreshes = request.app.state.refreshes
    try:
        run = refreshes.manual(as_of, backfill) if as_of or backfill else refreshes.manual()
    except ApiError:  # one runs or waits already
        run = refreshes.busy() or refreshes.manual()
    return RedirectResponse(link("/ui/", refresh=run.refresh_id), status_code=303)


def _refresh_date(ws, typed: str, t) -> dt.date | None:
    """The date typed on the refresh form (2011-06-30 or 30.06.2011; empty: the reference date), refused
    with the reason in the page's language when it is no date, after the workspace's "now" (a later date
    would become the latest state every page reads) or before the data starts (history.refresh's checks,
    made before the refresh is queued, as POST /refresh makes the second)."""
    if not typed:
        return None
    as_of = text_date(typed)  # as the CLI's --as-of and the rules read a date
    if as_of is None:
        raise ValueError(t("refresh_bad_date", value=typed))
    now = reference_date(ws)
    if as_of > now:
        raise ValueError(t("refresh_after_now", as_of=as_of, now=now))
    try:
        check_not_before_the_data(ws, as_of)
    except SegmentError as exc:
        raise ValueError(t("refresh_before_data", as_of=as_of, first=exc.params.get("first"))) from None
    return as_of


@router.get("/refresh/progress")
def refresh_progress(request: Request, ws: WorkspaceDep, id: int) -> Response:
    """The refresh the dashboard follows (polled every 2 s while it waits or runs), then how it ended."""
    return page(request, "imports/_refresh.html", refresh_context(request, id))


def refresh_context(request: Request, refresh_id: int | None) -> dict:
    run = request.app.state.refreshes.get(refresh_id) if refresh_id is not None else None
    poll = link("/ui/refresh/progress", id=refresh_id)
    return {"refresh": shown_refresh(run) if run else None, "refresh_poll": poll, **REFRESH_BOX}


def _with_plays(ws, families: list[dict], lang: str) -> None:
    """Each group's recommended strategy and channel from the workspace's playbook, in the page's language
    (shown when the group is opened): what to do with a group belongs next to its size."""
    book = load_playbook(ws)
    for family in families:
        for group in family["groups"]:
            play = book.get(family["name"], group["name"])
            if play is not None:
                group["play"] = play.as_dict(lang)


@router.get("/dashboard/kpis")
def dashboard_kpis(request: Request, ws: WorkspaceDep) -> Response:
    lang, _ = choose_language(request)
    report = cached(("dashboard", lang, fingerprint(ws)), lambda: _report(ws, lang))
    # a family group by its label, a group of one's own RFM map as it is named
    names = segment_names(report, Namer(lang, ws.settings.families)) if report else {}
    sentences = [worded(item, lang, names) for item in report["insights"]] if report else []
    return page(request, "dashboard/_kpis.html", {"report": report, "insights": sentences})


def _report(ws, lang: str) -> dict | None:
    try:
        return plain(kpi_report(ws, with_insights=True, lang=lang))
    except KpiError:  # nothing refreshed yet
        return None
