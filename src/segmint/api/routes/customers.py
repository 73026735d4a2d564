"""GET /customers?q=… (search) and GET /customers/{id} (profile). Viewer role."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from segmint.api import customers
from segmint.api.auth import AuthFirst, viewer
from segmint.api.errors import ERROR_RESPONSES, not_found
from segmint.api.routes.common import WorkspaceDep, plain

router = APIRouter(
    prefix="/customers",
    tags=["customers"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)


class CustomerSummary(BaseModel):
    customer_id: str
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None
    city: str | None = None


class CustomerPage(BaseModel):
    total: int
    limit: int
    offset: int
    customers: list[CustomerSummary]


class Profile(BaseModel):
    customer_id: str
    attributes: dict[str, Any]
    orders: dict[str, Any]
    events: dict[str, Any]
    families: dict[str, str]
    segments: list[str]
    segment_history: list[dict[str, Any]]
    predictions: dict[str, Any] | None


@router.get("", response_model=CustomerPage, summary="Search customers by id, name, email or phone")
def search_customers(
    ws: WorkspaceDep,
    q: str = Query("", max_length=200, description="An id, or part of a name, email or phone number"),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=1_000_000_000),
) -> CustomerPage:
    total, rows = customers.search(ws, q, limit, offset)
    return CustomerPage(total=total, limit=limit, offset=offset, customers=rows)


@router.get("/{customer_id}", response_model=Profile, summary="A customer's profile")
def customer_profile(customer_id: str, ws: WorkspaceDep) -> Profile:
    document = customers.profile(ws, customer_id)
    if document is None:
        raise not_found(f"no customer has the id {customer_id!r}", "customer.unknown", id=customer_id)
    return Profile(**plain(document))
