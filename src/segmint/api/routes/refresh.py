"""POST /refresh: recompute every family and dynamic segment (editor role)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

import segmint
from segmint.api.auth import editor
from segmint.api.errors import ERROR_RESPONSES
from segmint.api.routes.common import WorkspaceDep, plain

router = APIRouter(tags=["refresh"], dependencies=[editor], responses=ERROR_RESPONSES)


class RefreshIn(BaseModel):
    as_of: dt.date | None = Field(None, description="Compute as of this date (default: the reference date)")
    backfill: Literal["monthly", "weekly"] | None = Field(None, description="Also every period end before")


@router.post("/refresh", summary="Refresh families and dynamic segments")
def run_refresh(ws: WorkspaceDep, body: RefreshIn | None = None) -> dict[str, Any]:
    body = body or RefreshIn()
    return plain(segmint.refresh(ws, body.as_of, backfill=body.backfill).to_dict())
