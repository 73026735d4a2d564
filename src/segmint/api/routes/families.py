"""Built-in families: their groups and sizes, and how customers moved between groups. Viewer role."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from segmint import history
from segmint import segments as library
from segmint.api.auth import AuthFirst, viewer
from segmint.api.errors import ERROR_RESPONSES, ApiError
from segmint.api.routes.common import WorkspaceDep, family_or_404, plain
from segmint.history import queries

router = APIRouter(
    prefix="/families",
    tags=["families"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)


class Group(BaseModel):
    name: str
    customers: int


class Family(BaseModel):
    name: str
    column: str | None
    as_of: dt.date | None
    groups: list[Group]


class FamilyList(BaseModel):
    families: list[Family]


@router.get("", response_model=FamilyList, summary="Every family with its group sizes")
def list_families(ws: WorkspaceDep) -> FamilyList:
    return FamilyList(families=library.overview(ws)["families"])


@router.get("/{name}/transitions", summary="Customers by group on date A (rows) against date B (columns)")
def family_transitions(
    name: str,
    ws: WorkspaceDep,
    start: dt.date | None = Query(None, alias="from", description="Date A (default: the first snapshot)"),
    end: dt.date | None = Query(None, alias="to", description="Date B (default: the last snapshot)"),
) -> dict[str, Any]:
    family_or_404(ws, name)
    dates = queries.snapshot_dates(ws, queries.lookup(ws, name))
    if not dates and (start is None or end is None):
        message = f"{name!r} has no history yet: run a refresh first (POST /refresh)"
        raise ApiError(400, message, {"code": "history.none", "params": {"name": name}})
    start, end = start or dates[0], end or dates[-1]
    return plain(history.transition_matrix(ws, name, start, end))
