"""The new-campaign form: name, channel, targets chosen from the segments and family groups, one subject and
body template for every target and variant, variants, holdout share, cost per message and attribution days.
Creating needs the editor role and the CSRF checks; a refused campaign (unknown target, a template error)
is shown on the form with what was typed, and nothing is stored."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from segmint import segments as library
from segmint.api.routes.common import WorkspaceDep
from segmint.campaigns import Campaign, Message, create_campaign
from segmint.campaigns.model import CHANNELS
from segmint.errors import SegmintError
from segmint.web.numbers import read_number
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


class FormError(ValueError):
    """A form value that cannot be read: a key of web/strings.py and its values, so the page says it in its
    own language (a library CampaignError by its code: web/campaign_errors.py)."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(key)

    def words(self, t) -> str:
        """The message in the page's language (`t`); a `field` value is a string key, the field's label."""
        return t(self.key, **{k: t(v) if k == "field" else v for k, v in self.values.items()})


def form_page(request: Request, ws, values: dict, error=None, status_code: int = 200):
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
        campaign = campaign_from(values, ws.settings.currency)
        create_campaign(ws, campaign)
    except (SegmintError, ValueError) as exc:
        return form_page(request, ws, values, exc, 400)
    return RedirectResponse(link("/ui/campaign", name=campaign.name), status_code=303)


def campaign_from(values: dict, currency: str | None = None) -> Campaign:
    """The Campaign the form describes; FormError naming the field that cannot be read. The cost per
    message is an amount in the workspace's `currency` ("0,5 грн"), read as an import reads one."""
    if not values["targets"]:
        raise FormError("campaign_no_target")
    variants = list(dict.fromkeys(v.strip() for v in values["variants"].split(",") if v.strip())) or ["A"]
    # a share in percent: "15,5 %" as "15,5" (the label says %, and people type the sign)
    holdout = float(_number(values["holdout_share"].strip().removesuffix("%"), "holdout_share")) / 100
    if not 0 <= holdout < 1:
        raise FormError("campaign_holdout_range", value=values["holdout_share"])
    cost = _number(values["cost_per_message"] or "0", "cost_per_message", currency)
    days = _days(values["attribution_days"])
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


MAX_ATTRIBUTION_DAYS = 365  # the API's bound (api/routes/campaigns.py, CampaignIn.attribution_days)


def _days(text: str) -> int:
    """The attribution window typed: a whole number of days from 1 to MAX_ATTRIBUTION_DAYS, as the API
    takes it. int() of the number read cut "14,5" to 14 without a word, and a number too big for the
    store's integer column ended in a 500 instead of the form."""
    value = _number(text, "attribution_days")
    if value != value.to_integral_value() or not 1 <= value <= MAX_ATTRIBUTION_DAYS:
        raise FormError("campaign_days_range", value=text.strip(), most=MAX_ATTRIBUTION_DAYS)
    return int(value)


def _number(text: str, field: str, currency: str | None = None) -> Decimal:
    """The number typed in `field`, as an import reads it ("1 234,5", "1234.5": web/numbers.py); an amount
    may be written with `currency` ("0,5 грн"), a count or a share with none."""
    value = read_number(text, currency)
    if value is None:
        raise FormError("campaign_unreadable", field=field, value=text)
    return value
