"""Customer search and the customer profile (segmint.api.customers puts the profile together)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from segmint.api import customers as queries
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.web.i18n import choose_language
from segmint.web.personas import persona_name
from segmint.web.render import page
from segmint.web.session import user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])

PAGE_SIZE = 25
SHOWN_PREDICTIONS = (
    "clv_12m",
    "expected_purchases_12m",
    "p_alive",
    "churn_probability",
    "churn_risk",
    "rfm_score",
    "favourite_category",
    "cluster",
    "cluster_name",
)


@router.get("/customers")
def customer_search(
    request: Request,
    ws: WorkspaceDep,
    q: str = "",
    page_number: int = Query(1, alias="page", ge=1, le=100_000),
) -> Response:
    total, rows = queries.search(ws, q, PAGE_SIZE, (page_number - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    if page_number > pages:  # past the end: the last page, as the segment's member pages do
        page_number = pages
        total, rows = queries.search(ws, q, PAGE_SIZE, (page_number - 1) * PAGE_SIZE)
    context = {"q": q, "total": total, "rows": rows, "page_number": page_number, "pages": pages}
    template = "customers/_results.html" if request.headers.get("hx-request") else "customers/search.html"
    return page(request, template, context)


@router.get("/customer")
def customer_profile(request: Request, ws: WorkspaceDep, id: str) -> Response:
    found = queries.profile(ws, id)
    if found is None:
        missing = {"title_key": "not_found_title", "message_key": "no_customer"}
        return page(request, "error.html", missing, 404)
    found = plain(found)
    predictions = found.get("predictions") or {}
    shown = [(key, predictions[key]) for key in SHOWN_PREDICTIONS if predictions.get(key) is not None]
    lang = choose_language(request)[0]
    shown = [(key, persona_name(value, lang) if key == "cluster_name" else value) for key, value in shown]
    attributes = {k: v for k, v in found["attributes"].items() if v not in (None, [], "")}
    # an order without a currency of its own is in the workspace's (docs/import.md): say which, as the
    # orders that name one do (an imported file's orders showed a bare 2 310,00 beside 3 377,01 UAH)
    context = {"p": found, "attributes": attributes, "predictions": shown, "currency": ws.settings.currency}
    return page(request, "customers/profile.html", context)
