"""Built-in families: their groups and sizes, and how customers moved between groups. Viewer role."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from segmint import history
from segmint import segments as library
from segmint.api.auth import AuthFirst, viewer
from segmint.api.errors import ERROR_RESPONSES, ApiError
from segmint.api.routes.common import WorkspaceDep, family_or_404, plain
from segmint.api.routes.segment_data import (
    AsOf,
    Bom,
    Columns,
    Format,
    MemberPage,
    Movements,
    Order,
    Page,
    PageSize,
    Sort,
    Stay,
    _first_movement,
    check_dates,
    member_answer,
)
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


class ComputedOn(BaseModel):
    """For `from` and `to`, the refresh date whose membership stands for it (null before the first)."""

    start: dt.date | None = Field(alias="from", serialization_alias="from")
    end: dt.date | None = Field(alias="to", serialization_alias="to")


class Transitions(BaseModel):
    name: str
    start: dt.date = Field(alias="from", serialization_alias="from")
    end: dt.date = Field(alias="to", serialization_alias="to")
    groups: list[str | None] = Field(
        description="Row and column labels; null (last) is outside the family on that date, e.g. not a "
        "customer yet"
    )
    matrix: list[list[int]] = Field(
        description="matrix[i][j]: customers in groups[i] on `from`, groups[j] on `to`"
    )
    computed_on: ComputedOn


@router.get(
    "/{name}/transitions",
    response_model=Transitions,
    summary="Customers by group on date A (rows) against date B (columns)",
)
def family_transitions(
    name: str,
    ws: WorkspaceDep,
    start: dt.date | None = Query(
        None, alias="from", description="Date A (default: the first snapshot, or `to` when that is earlier)"
    ),
    end: dt.date | None = Query(
        None, alias="to", description="Date B (default: the last snapshot, or `from` when that is later)"
    ),
) -> Transitions:
    """`from` after `to` is a 400 `dates.end_before_start`, as on /history, in the CLI and in Python (it
    gave the matrix of `to` against a later `from`). A date left out is the first or last snapshot, but
    never past the other date: `to` alone before the first snapshot compares `to` with itself (the
    default `from` was the first snapshot, so the matrix ran backwards without a word)."""
    name = family_or_404(ws, name)
    check_dates(start, end, "transitions")
    dates = queries.snapshot_dates(ws, queries.lookup(ws, name))
    if not dates and (start is None or end is None):
        message = f"{name!r} has no history yet: run a refresh first (POST /refresh)"
        raise ApiError(400, message, {"code": "history.none", "params": {"name": name}})
    if start is None:
        start = min(dates[0], end) if end is not None else dates[0]
    if end is None:
        end = max(dates[-1], start)
    return Transitions(**plain(history.transition_matrix(ws, name, start, end)))


class GroupSize(BaseModel):
    date: dt.date
    group_name: str
    size: int


class FamilyHistory(BaseModel):
    name: str
    sizes: list[GroupSize] = Field(description="Customers per group on every computed date")
    stays: list[Stay]
    movements: Movements | None = None


@router.get(
    "/{name}/history",
    response_model=FamilyHistory,
    response_model_by_alias=True,
    summary="A family's (or one group's) sizes over time, stays, and who entered and left between dates",
)
def family_history(
    name: str,
    ws: WorkspaceDep,
    group: str | None = Query(None, description="One group, e.g. At Risk (any case, as a rule takes it)"),
    start: dt.date | None = Query(None, alias="from", description="Movements from this date (included)"),
    end: dt.date | None = Query(None, alias="to", description="… to this date (included)"),
) -> FamilyHistory:
    """As GET /segments/{name}/history for a segment, and `segmint segments show rfm` and `segments
    movements rfm --group` in the CLI: the API had only the transition matrix of a family."""
    name = family_or_404(ws, name)
    check_dates(start, end)
    ref = queries.lookup(ws, name)
    document: dict[str, Any] = {
        "name": name,
        "stays": history.stay_summary(ws, name, group).to_pyarrow().to_pylist(),  # refuses an unknown group
        "sizes": _sizes(ws, ref, group),
    }
    if start is None and end is not None:  # `to` alone: from the start of the history
        start = min(_first_movement(ws, ref) or end, end)
    if start is not None:
        rows = history.movements(ws, name, start, end, group).to_pyarrow().to_pylist()
        entered = sum(row["movement"] == "entered" for row in rows)
        document["movements"] = {
            "from": start,
            "to": end,
            "entered": entered,
            "left": len(rows) - entered,
            "rows": rows,
        }
    return FamilyHistory(**plain(document))


def _sizes(ws, ref, group: str | None) -> list[dict]:
    """Customers per group on every date the family was computed for, a group without any on a date
    too (0: a script plotting a group's size sees a gap as none, not as a missing date). The groups: the
    one asked for, else the family's (as /families lists them) and any other its history holds."""
    dates = queries.snapshot_dates(ws, ref)
    if not dates:
        return []
    spans = queries.intervals(ws, ref, group)
    days = ibis.memtable({"date": dates})
    covering = days.join(
        spans, (spans.valid_from <= days.date) & (spans.valid_to.isnull() | (spans.valid_to > days.date))
    )
    counted = covering.group_by(["date", "group_name"]).aggregate(size=covering.customer_id.count())
    sizes = {(row["date"], row["group_name"]): row["size"] for row in counted.to_pyarrow().to_pylist()}
    if group is not None:
        names = [queries.check_group(ws, ref, group)]
    else:
        names = list(ref.groups or ())
        names += [name for name in queries.recorded_groups(ws, ref) if name not in names]
    return [
        {"date": day, "group_name": name, "size": sizes.get((day, name), 0)}
        for day in dates
        for name in names
    ]


@router.get(
    "/{name}/members",
    response_model=MemberPage,
    summary="The customers in one group now, paged and sorted; ?format=csv downloads them all as CSV",
    responses={200: {"content": {"text/csv": {}}}},
)
def family_members(
    name: str,
    ws: WorkspaceDep,
    group: str = Query(description="The group, e.g. At Risk (any case, as a rule takes it)"),
    page: Page = 1,
    page_size: PageSize = 50,
    sort: Sort = "customer_id",
    order: Order = "asc",
    columns: Columns = None,
    format: Format = "json",
    bom: Bom = False,
    as_of: AsOf = None,
):
    """As GET /segments/{name}/members, for a family's group (the audience `rfm:At Risk` of a campaign or
    trigger): `segmint segments members rfm --group "At Risk"` in the CLI; the API had no way to them.
    `name` in the answer is `family:group`; the CSV is named `family - group.csv`."""
    name = family_or_404(ws, name)
    spelled = queries.check_group(ws, queries.lookup(ws, name), group)  # 400 for a group it has not
    return member_answer(
        ws,
        name,
        f"{name}:{spelled}",
        page,
        page_size,
        sort,
        order,
        columns,
        format,
        bom,
        group=spelled,
        filename=f"{name} - {spelled}",
        as_of=as_of,
    )
