"""The dashboard: the families' groups and sizes, the base's headline KPIs and the automatic insights."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from segmint import segments as library
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.kpis import KpiError, kpi_report
from segmint.web.i18n import choose_language, translator
from segmint.web.insights import worded
from segmint.web.render import page
from segmint.web.session import user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])


@router.get("/")
def dashboard(request: Request, ws: WorkspaceDep) -> Response:
    overview = library.overview(ws)
    lang, _ = choose_language(request)
    try:
        report = plain(kpi_report(ws, with_insights=True, lang=lang))
    except KpiError:  # nothing refreshed yet
        report = None
    t = translator(lang)
    sentences = [worded(item, report, t) for item in report.get("insights", [])] if report else []
    context = {
        "families": plain(overview["families"]),
        "segments": overview["segments"],
        "report": report,
        "insights": sentences,
    }
    return page(request, "dashboard.html", context)
