"""A family's page: its groups and sizes now, and who moved from which group to which between two of its
computed dates (the transitions matrix of `segmint segments transitions FAMILY` and GET
/families/{name}/transitions), with who stayed in each group on the diagonal."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from segmint import history
from segmint import segments as library
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.history import queries
from segmint.web.pages.compared_dates import compared_dates
from segmint.web.render import page
from segmint.web.session import user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])


@router.get("/family")
def family_page(
    request: Request,
    ws: WorkspaceDep,
    name: str,
    start: str = Query("", alias="from"),
    end: str = Query("", alias="to"),
) -> Response:
    """`from`, `to`: two of the family's computed dates (by default the first and the last). A date that
    is not one of them is refused on the page, naming those it has: a transition needs both states."""
    families = {f["name"]: f for f in plain(library.overview(ws)["families"])}
    try:  # as `segments transitions RFM` and /families/RFM take it: "RFM" is rfm (it was "no family")
        name = queries.spelled_family(ws, name, list(families))
    except library.SegmentError:
        missing = {
            "title_key": "not_found_title",
            "message_key": "no_family",
            "message_values": {"name": name},
        }
        return page(request, "error.html", missing, 404)
    family = families[name]
    dates = queries.snapshot_dates(ws, queries.lookup(ws, name))
    context: dict = {"family": family, "dates": dates, "matrix": None, "dates_error": None}
    if len(dates) >= 2:
        chosen, context["dates_error"] = compared_dates(dates, start, end, "transitions_pick_dates")
        context["start"], context["end"] = chosen
        if context["dates_error"] is None:
            found = plain(history.transition_matrix(ws, name, *chosen))
            found["totals_from"] = [sum(row) for row in found["matrix"]]
            found["totals_to"] = [sum(column) for column in zip(*found["matrix"], strict=True)]
            context["matrix"] = found
    return page(request, "family.html", context, 400 if context["dates_error"] else 200)
