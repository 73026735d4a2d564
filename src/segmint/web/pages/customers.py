"""Customer search and the customer profile (segmint.api.customers puts the profile together)."""

from __future__ import annotations

import json
from typing import Any

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


# customers' columns that are segmint's own bookkeeping, not something known about the person:
# signup_from_orders says whether signup_date was taken from the first order (ingest/pipeline.py)
BOOKKEEPING = ("signup_from_orders",)


def custom_attributes(stored: Any) -> Any:
    """The columns of an imported file that no field took (customers.custom, JSON text): a list of
    (column, value) to show as such; shown as the JSON text was ({"Улюблений колір":"синій"}) when it is
    not an object."""
    try:
        found = json.loads(stored) if isinstance(stored, str) else stored
    except ValueError:
        return stored
    if not isinstance(found, dict):
        return stored
    return [f"{column}: {value}" for column, value in found.items() if value not in (None, "")]


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
    attributes = {
        k: v for k, v in found["attributes"].items() if v not in (None, [], "") and k not in BOOKKEEPING
    }
    if "custom" in attributes:  # the file's other columns, kept as JSON: shown as what they are
        attributes["custom"] = custom_attributes(attributes["custom"])
        if not attributes["custom"]:
            del attributes["custom"]
    # an order without a currency of its own is in the workspace's (docs/import.md): say which, as the
    # orders that name one do (an imported file's orders showed a bare 2 310,00 beside 3 377,01 UAH)
    context = {"p": found, "attributes": attributes, "predictions": shown, "currency": ws.settings.currency}
    return page(request, "customers/profile.html", context)
