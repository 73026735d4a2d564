"""KPIs of any set of customers, as `segmint kpis` measures them: user segments, family groups
(rfm:Champions) or a whole family group by group, with comparisons, cohorts and insights. Viewer role.

GET /segments/{name}/kpis measures one user segment; this route takes what the CLI takes, so the family
groups the CLI measures (and its kpi.* refusals: kpi.unknown_group, kpi.is_a_family, ...) are the API's
too. A refusal is the library's KpiError (or SegmentError for an unknown name): 400 with its code and
params in `details` (api/errors.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from segmint.api.auth import AuthFirst, viewer
from segmint.api.errors import ERROR_RESPONSES
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.kpis import kpi_report
from segmint.kpis.inputs import MAX_DAYS

router = APIRouter(
    prefix="/kpis",
    tags=["kpis"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)


@router.get("", summary="KPIs of segments, family groups or a family (segmint kpis --json; docs/metrics.md)")
def kpis(
    ws: WorkspaceDep,
    segment: Annotated[
        list[str] | None,
        Query(
            description="A user segment's name or a family group as family:group (rfm:Champions, any "
            "case); repeat for several (segmint kpis NAME ...)"
        ),
    ] = None,
    family: Annotated[
        str | None,
        Query(description="Every group of this family (--family); rfm when no family or segment is named"),
    ] = None,
    days: Annotated[
        int, Query(description=f"Period length in days, 1 to {MAX_DAYS}; refused as the CLI refuses it")
    ] = 365,
    as_of: Annotated[
        dt.date | None, Query(description="The last day of the period (--as-of); default the reference date")
    ] = None,
    compare: Annotated[
        list[str] | None,
        Query(
            min_length=2,
            max_length=2,
            description="Two of the segments or groups side by side, given twice: compare=A&compare=B",
        ),
    ] = None,
    cohorts: Annotated[bool, Query(description="Monthly acquisition-cohort retention (--cohorts)")] = False,
    insights: Annotated[bool, Query(description="Flag notable facts (--insights)")] = False,
    lang: Annotated[
        Literal["en", "uk", "ru"] | None,
        Query(description="The playbook's language (--lang); default the workspace's"),
    ] = None,
) -> dict[str, Any]:
    document = kpi_report(
        ws,
        list(segment or []),
        family,
        days=days,
        end=as_of,
        compare_pair=(compare[0], compare[1]) if compare else None,
        cohorts=cohorts,
        with_insights=insights,
        lang=lang,
    )
    return plain(document)
