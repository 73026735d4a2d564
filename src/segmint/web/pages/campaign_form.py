"""The new-campaign form: name, channel, targets chosen from the segments and family groups, one subject and
body template for every target and variant, variants, holdout share, cost per message and attribution days.
Creating needs the editor role and the CSRF checks; a refused campaign (unknown target, a template error)
is shown on the form with what was typed, and nothing is stored."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from segmint import segments as library
from segmint.api.routes.common import WorkspaceDep
from segmint.campaigns import Campaign, Message, create_campaign
from segmint.campaigns.model import CHANNELS
from segmint.errors import SegmintError
from segmint.web.render import link, page
from segmint.web.session import checked_form, require_role, user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])

DEFAULTS = {
    "name": "",
    "channel": "email",
    "targets": [],
    "subject": "",
    "body": "",
    "variants": "A",
    "holdout_share": "10",
    "cost_per_message": "0",
    "attribution_days": "14",
}


def target_choices(ws) -> list[tuple[str, int]]:
    """(target, current size): every segment, then every family group as family:group."""
    overview = library.overview(ws)
    choices = [(s["name"], s["size"]) for s in overview["segments"]]
    for family in overview["families"]:
        choices += [(f"{family['name']}:{g['name']}", g["customers"]) for g in family["groups"]]
    return choices


def form_page(request: Request, ws, values: dict, error: str | None = None, status_code: int = 200):
    context = {"values": values, "choices": target_choices(ws), "channels": CHANNELS, "error": error}
    return page(request, "campaigns/new.html", context, status_code)


@router.get("/campaigns/new")
def new_campaign(request: Request, ws: WorkspaceDep) -> Response:
    return form_page(request, ws, dict(DEFAULTS))


@router.post("/campaigns")
def create(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    require_role(request.state.user, "editor")
    values = {key: str(form.get(key) or "") for key in DEFAULTS if key != "targets"}
    values["targets"] = [str(t) for t in form.getlist("targets") if str(t).strip()]
    try:
        campaign = campaign_from(values)
        create_campaign(ws, campaign)
    except (SegmintError, ValueError) as exc:
        return form_page(request, ws, values, str(exc), 400)
    return RedirectResponse(link("/ui/campaign", name=campaign.name), status_code=303)


def campaign_from(values: dict) -> Campaign:
    """The Campaign the form describes; ValueError naming the field that cannot be read."""
    if not values["targets"]:
        raise ValueError("choose at least one target (a segment or a family group)")
    variants = list(dict.fromkeys(v.strip() for v in values["variants"].split(",") if v.strip())) or ["A"]
    holdout = _number(values["holdout_share"], "holdout share") / 100
    if not 0 <= holdout < 1:
        raise ValueError("the holdout share is a percentage from 0 to under 100")
    try:
        cost = Decimal(values["cost_per_message"].replace(",", ".").strip() or "0")
    except InvalidOperation:
        cost = Decimal("NaN")
    if not cost.is_finite():
        raise ValueError(f"cannot read the cost per message {values['cost_per_message']!r}") from None
    days = int(_number(values["attribution_days"], "attribution days"))
    subject = values["subject"] or None
    messages = [Message(t, v, values["body"], subject) for t in values["targets"] for v in variants]
    return Campaign(
        name=values["name"].strip(),
        channel=values["channel"],
        messages=messages,
        cost_per_message=cost,
        holdout_share=holdout,
        variants=variants,
        attribution_days=days,
    )


def _number(text: str, what: str) -> float:
    try:
        value = float(text.replace(",", ".").strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"cannot read the {what} {text!r}: write a number")
    return value
