"""Campaigns: the list with outbox counts, and a campaign's page (audience per target and arm, outbox
states and recent errors, results once launched, a message preview for any customer, exports) with its
send button. The same library calls as `segmint campaigns …` and the API (docs/campaigns.md)."""

from __future__ import annotations

import codecs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from segmint.api.errors import ApiError
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.api.routes.segment_data import content_disposition
from segmint.campaigns import Campaign, CampaignError, all_campaigns, get
from segmint.campaigns.audience import REASONS
from segmint.campaigns.exports import LAYOUTS, SERVICE_NAMES, export_audience
from segmint.campaigns.preview import preview
from segmint.campaigns.status import overview, status
from segmint.errors import CodedError, SegmintError
from segmint.experiments.results import OVERALL, TREATED, campaign_results
from segmint.web.render import page
from segmint.web.session import checked_form, require_role, user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])


def find(ws, name: str) -> Campaign | None:
    """The campaign of that exact name or id, else None (the page answers 404)."""
    if any(name in (c.name, c.campaign_id) for c in all_campaigns(ws)):
        return get(ws, name)
    return None


def missing(request: Request) -> Response:
    return page(request, "error.html", {"title_key": "not_found_title", "message_key": "no_campaign"}, 404)


@router.get("/campaigns")
def campaign_list(request: Request, ws: WorkspaceDep) -> Response:
    return page(request, "campaigns/list.html", {"campaigns": plain(overview(ws))})


def campaign_context(ws, campaign: Campaign, **extra) -> dict:
    results, results_error = None, None
    if campaign.launched_at is not None:
        try:
            results = plain(campaign_results(ws, campaign.campaign_id).to_dict())
        except SegmintError as exc:
            results_error = str(exc)
    return {
        "campaign": campaign,
        "status": plain(status(ws, campaign)),
        "results": results,
        "results_error": results_error,
        # the results' rows for every segment and for the variants pooled: data labels (English, as the
        # API and --json give them), worded by the page (results_all_segments, results_all_variants)
        "all_segments": OVERALL,
        "all_variants": TREATED,
        "layouts": LAYOUTS,
        "service_names": SERVICE_NAMES,
        "reasons": REASONS,
        "sent": None,
        "send_error": None,
        "sending_now": False,
        **extra,
    }


def with_send_state(request: Request, context: dict) -> dict:
    """The campaign's send in this server (api/sending.py): `sending_now`, and the summary of a send that
    ended (`sent`) or its error, unless the context says otherwise already."""
    state = request.app.state.sends.state(context["campaign"].campaign_id)
    last = state["last_send"] or {}
    context["sending_now"] = state["sending_now"]
    if not state["sending_now"] and context["sent"] is None and context["send_error"] is None:
        context["sent"] = plain(last["summary"]) if "summary" in last else None
        context["send_error"] = send_failure(last)
    return context


def send_failure(last: dict) -> CodedError | str | None:
    """How a send that failed after it started failed, as the page words it: from the error's code and
    params the server kept (api/sending.py), else the text it kept (English, as the API gives it)."""
    if last.get("error_code") is None:
        return last.get("error")
    return CodedError(last["error"], code=last["error_code"], params=last.get("error_params"))


@router.get("/campaign")
def campaign_page(request: Request, ws: WorkspaceDep, name: str) -> Response:
    campaign = find(ws, name)
    if campaign is None:
        return missing(request)
    return page(request, "campaigns/detail.html", with_send_state(request, campaign_context(ws, campaign)))


@router.get("/campaign/progress")
def send_progress(request: Request, ws: WorkspaceDep, name: str) -> Response:
    """The send's progress (polled by the campaign page while it sends), then its summary."""
    campaign = find(ws, name)
    if campaign is None:
        return missing(request)
    context = with_send_state(request, campaign_context(ws, campaign))
    return page(request, "campaigns/_send.html", context)


@router.get("/campaign/preview")
def preview_partial(request: Request, ws: WorkspaceDep, name: str, customer_id: str = "") -> Response:
    """The rendered message for one customer. The body is user template output: the template shows it as
    escaped text, never as HTML."""
    campaign = find(ws, name)
    if campaign is None:
        return missing(request)
    context: dict = {"shown": None, "error": None}
    if customer_id.strip():
        try:
            context["shown"] = plain(preview(ws, campaign, customer_id.strip()))
        except SegmintError as exc:
            context["error"] = exc  # worded in the page's language (web/messages.py)
    return page(request, "campaigns/_preview.html", context)


@router.get("/campaign/export")
def export(request: Request, ws: WorkspaceDep, name: str, layout: str = "generic", format: str = "csv"):
    """The audience (holdout left out) in a mailing service's layout, as a download."""
    campaign = find(ws, name)
    if campaign is None:
        return missing(request)
    try:
        _, text = export_audience(ws, campaign, layout, format)
    except CampaignError as exc:
        return page(request, "error.html", {"title_key": "cannot_do_title", "message": exc}, 400)
    media = "application/json" if format == "json" else "text/csv; charset=utf-8"
    body = text.encode("utf-8")
    if layout == "generic" and format == "csv":
        # the layout a person opens: Excel on a Ukrainian or Russian Windows reads a double-clicked CSV
        # without a byte order mark as cp1251 (Cyrillic names as mojibake), as the members export says;
        # a mailing service's layout is uploaded to it as the service documents it, and stays as it is
        body = codecs.BOM_UTF8 + body
    # named after the campaign, as the members export is after its segment (it was the campaign's id)
    disposition = content_disposition(f"{campaign.name}-{layout}.{format}")
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


@router.post("/campaign/send")
def send(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """Queue (first time) and deliver, like `segmint campaigns send`: resumable, never twice, in the server
    while the page shows how far it got. Needs the editor role and the confirmation box ticked."""
    require_role(request.state.user, "editor")
    campaign = find(ws, str(form.get("name") or ""))
    if campaign is None:
        return missing(request)
    if form.get("confirm") != "yes":
        context = campaign_context(ws, campaign, send_error_key="confirm_send_missing")
        return page(request, "campaigns/detail.html", context, 400)
    try:
        # a send takes minutes to hours: it goes on in the server, on a connection of its own, and the page
        # follows it (api/sending.py, which says a missing setting at once)
        request.app.state.sends.start(campaign.campaign_id, campaign.name, campaign.channel)
    except ApiError:  # being sent already
        context = campaign_context(ws, campaign, send_error_key="send_started_already")
        return page(request, "campaigns/detail.html", with_send_state(request, context), 409)
    except (SegmintError, OSError) as exc:  # worded in the page's language (web/messages.py)
        context = campaign_context(ws, get(ws, campaign.campaign_id), send_error=exc)
        return page(request, "campaigns/detail.html", context, 400)
    context = campaign_context(ws, get(ws, campaign.campaign_id), sending_now=True)
    return page(request, "campaigns/detail.html", context)
