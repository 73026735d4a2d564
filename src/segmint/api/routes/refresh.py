"""POST /refresh: recompute every family and dynamic segment (editor role)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

import segmint
from segmint.api.auth import editor
from segmint.api.errors import ERROR_RESPONSES, ApiError, RequestBody
from segmint.api.routes.common import WorkspaceDep, plain

router = APIRouter(tags=["refresh"], dependencies=[editor], responses=ERROR_RESPONSES)


class RefreshIn(RequestBody):
    as_of: dt.date | None = Field(None, description="Compute as of this date (default: the reference date)")
    backfill: Literal["monthly", "weekly"] | None = Field(None, description="Also every period end before")


@router.post("/refresh", summary="Refresh families and dynamic segments")
def run_refresh(ws: WorkspaceDep, body: RefreshIn | None = None) -> dict[str, Any]:
    body = body or RefreshIn()
    if body.as_of is not None:
        _check_customers_by(ws, body.as_of)
    return plain(segmint.refresh(ws, body.as_of, backfill=body.backfill).to_dict())


def _check_customers_by(ws, day: dt.date) -> None:
    """Refuse a date before the first customer signed up: the library's refresh fails on a date without
    customers (a TypeError in segmint.history.evaluate.sizes), and there is nothing to compute then."""
    customers = ws.table("customers")
    first = customers.aggregate(first=customers.signup_date.min()).to_pyarrow()["first"][0].as_py()
    if first is not None and day < first:
        raise ApiError(
            400, f"as_of {day} is before the first customer signed up ({first}): nothing to refresh"
        )
