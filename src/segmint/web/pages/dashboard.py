"""The dashboard: the families' groups and sizes and the segments at once; the base's headline KPIs and
the automatic insights load after the page (htmx), from a cache keyed by the data, because the KPI report
is slow on a large base and changes only when the data does."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from segmint import segments as library
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.kpis import KpiError, kpi_report
from segmint.playbook import load_playbook
from segmint.web.cache import cached, fingerprint
from segmint.web.i18n import choose_language
from segmint.web.insights import worded
from segmint.web.render import page
from segmint.web.session import user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])


@router.get("/")
def dashboard(request: Request, ws: WorkspaceDep) -> Response:
    overview = library.overview(ws)
    families = plain(overview["families"])
    _with_plays(ws, families, choose_language(request)[0])
    context = {"families": families, "segments": overview["segments"]}
    return page(request, "dashboard.html", context)


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
    sentences = [worded(item, lang) for item in report["insights"]] if report else []
    return page(request, "dashboard/_kpis.html", {"report": report, "insights": sentences})


def _report(ws, lang: str) -> dict | None:
    try:
        return plain(kpi_report(ws, with_insights=True, lang=lang))
    except KpiError:  # nothing refreshed yet
        return None
