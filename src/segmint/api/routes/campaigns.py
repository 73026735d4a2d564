"""Campaigns over the API: list, create, a message preview for any customer, send, status, results, and
the audience export — the same calls as `segmint campaigns …` (docs/campaigns.md).

Reading needs the viewer role; creating and sending the editor role (a marketer's work; a send contacts
customers, so tokens that must not do it are viewers). A send runs in the server on a connection of its
own, so the rest of the API and the web UI go on meanwhile (api/sending.py): the request answers its
summary when it is done, awaiting it without holding a worker thread (the route is async), or with
wait=false 202 at once (GET /campaigns/{name} then tells `sending_now` and the `last_send`). It is
resumable like the CLI's: sending again after a failure or a lost connection carries on where it stopped
and never sends a message twice. Errors of the campaign itself (unknown target, a template that does not
render, no SMTP settings) answer 400 in the API's error shape.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import Field

from segmint.api.auth import AuthFirst, editor, viewer
from segmint.api.errors import (
    CONFLICT,
    ERROR_RESPONSES,
    ApiError,
    ErrorResponse,
    RequestBody,
)
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.campaigns import Campaign, CampaignError, create_campaign, get
from segmint.campaigns.spec import expand
from segmint.error_details import coded_details

router = APIRouter(
    prefix="/campaigns",
    tags=["campaigns"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)


class MessageIn(RequestBody):
    target: str = Field(min_length=1, description="A segment name, or family:group such as rfm:At Risk")
    variant: str | None = Field(
        None, min_length=1, description="The variant it is for; left out: the same message for every variant"
    )
    subject: str | None = Field(None, description="Subject template (email)")
    body: str = Field(min_length=1, description="Body template (Jinja, sandboxed; HTML for email)")


class CampaignIn(RequestBody):
    name: str = Field(min_length=1, max_length=200)
    channel: Literal["email", "sms", "webhook"] = "email"
    messages: list[MessageIn] = Field(min_length=1, max_length=200)
    variants: list[str] = Field(["A"], min_length=1, max_length=10)
    holdout_share: float = Field(0.10, ge=0, lt=1)
    cost_per_message: float = Field(0, ge=0, le=1e6)
    attribution_days: int = Field(14, ge=1, le=365)
    seed: str | None = Field(None, max_length=100, description="Seed of the holdout and variant draw")


def campaign_or_404(ws, name: str) -> Campaign:
    """The campaign called `name` (or with that id), else a 404 with the library's code and params
    (campaign.unknown: `name`, `known`; campaign.unknown.none before any), as an unknown segment's 404
    has them: it had details null, so a client could word it only from the English."""
    try:
        return get(ws, name)
    except CampaignError as exc:
        if not (exc.code or "").startswith("campaign.unknown"):
            raise
        raise ApiError(404, str(exc), coded_details(exc), error=exc) from None


@router.get("", summary="Every campaign with its status and outbox counts")
def list_campaigns(ws: WorkspaceDep) -> list[dict[str, Any]]:
    from segmint.campaigns.status import overview

    return plain(overview(ws))


@router.post("", status_code=201, dependencies=[editor], summary="Create a draft campaign and its audience")
def create(body: CampaignIn, ws: WorkspaceDep) -> dict[str, Any]:
    variants = list(dict.fromkeys(body.variants))
    campaign = Campaign(
        name=body.name.strip(),
        channel=body.channel,
        # a message without a variant is every variant's, as in a spec file (campaigns/spec.py)
        messages=[
            one for m in body.messages for one in expand(m.target, m.variant, m.body, m.subject, variants)
        ],
        cost_per_message=Decimal(str(body.cost_per_message)),
        holdout_share=body.holdout_share,
        variants=variants,
        attribution_days=body.attribution_days,
        settings={"seed": body.seed} if body.seed else {},
    )
    return plain(create_campaign(ws, campaign))


@router.get("/{name}", summary="A campaign's status: audience, outbox states, recent errors")
def campaign_status(name: str, request: Request, ws: WorkspaceDep) -> dict[str, Any]:
    from segmint.campaigns.status import status

    campaign = campaign_or_404(ws, name)
    return plain({**status(ws, campaign), **request.app.state.sends.state(campaign.campaign_id)})


@router.get("/{name}/preview", summary="The message a customer would get (or got), rendered")
def preview(
    name: str,
    ws: WorkspaceDep,
    customer_id: str = Query(min_length=1),
    target: str | None = None,
    variant: str | None = None,
) -> dict[str, Any]:
    from segmint.campaigns.preview import preview as render

    return plain(render(ws, campaign_or_404(ws, name), customer_id, target, variant))


@router.post(
    "/{name}/send",
    dependencies=[editor],
    summary="Queue (first time) and deliver; resumable",
    responses={202: {"description": "wait=false: the send goes on in the server"}, **CONFLICT},
)
async def send(
    name: str,
    request: Request,
    ws: WorkspaceDep,
    limit: int | None = Query(None, ge=1, le=1_000_000, description="Send at most this many now"),
    resend_uncertain: bool = Query(False, description="Also resend messages with no answer recorded"),
    retry_failed: bool = Query(
        False, description="Also send the messages that failed once more, under their own message ids"
    ),
    wait: bool = Query(
        True, description="Answer when the send is done (the summary), or at once with 202 while it goes on"
    ),
) -> Any:
    campaign = await run_in_threadpool(campaign_or_404, ws, name)
    sends = request.app.state.sends
    options = {"resend_uncertain": resend_uncertain, "retry_failed": retry_failed, "limit": limit}
    if not wait:
        await run_in_threadpool(sends.start, campaign.campaign_id, campaign.name, campaign.channel, **options)
        return JSONResponse(
            status_code=202,
            content={"campaign": campaign.name, "campaign_id": campaign.campaign_id, "sending_now": True},
        )
    # the send runs in a thread of its own: other requests go on meanwhile (api/sending.py)
    async with request.app.state.workspace.released_awaiting():
        summary = await sends.run(campaign.campaign_id, campaign.name, **options)
    return plain(summary)


@router.get(
    "/{name}/results",
    summary="Conversion and revenue against the holdout, uplift, ROI",
    responses={409: {"model": ErrorResponse, "description": "conflict: not sent yet"}},
)
def results(name: str, ws: WorkspaceDep) -> dict[str, Any]:
    from segmint.experiments.results import campaign_results

    campaign = campaign_or_404(ws, name)
    if campaign.launched_at is None:
        message = f"campaign {campaign.name!r} has not been sent yet: no results to measure"
        # the code the CLI gives it and the web UI words (details were null)
        raise ApiError(409, message, {"code": "results.not_sent", "params": {"name": campaign.name}})
    return plain(campaign_results(ws, campaign.campaign_id).to_dict())


@router.get(
    "/{name}/export",
    summary="The audience in a mailing service's import layout",
    # CSV by default: the document said application/json only, so a generated client refused the answer
    responses={200: {"content": {"text/csv": {}, "application/json": {}}}},
)
def export(
    name: str,
    ws: WorkspaceDep,
    layout: Literal["mailchimp", "brevo", "unisender", "esputnik", "generic"] = "generic",
    format: Literal["csv", "json"] = "csv",
) -> Response:
    from segmint.campaigns.exports import export_audience

    campaign = campaign_or_404(ws, name)
    _, text = export_audience(ws, campaign, layout, format)  # a CampaignError: 400 with its code and params
    media = "application/json" if format == "json" else "text/csv; charset=utf-8"
    filename = f"{campaign.campaign_id}-{layout}.{format}"
    return Response(
        text, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
