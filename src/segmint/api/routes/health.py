"""GET /health: the one route without a token, for load balancers and `segmint serve` checks."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

import segmint

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    version: str


@router.get("/health", response_model=Health, summary="Liveness check (no token needed)")
def health() -> Health:
    return Health(status="ok", version=segmint.__version__)
