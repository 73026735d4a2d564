"""Triggers: the list with each trigger's firings per state, the form that creates one (on entering or
exiting a segment or on an event, an action with its parameter, a delay), delete, and "run now" (record new
firings and carry out the due ones, as `segmint triggers run`). Changing and running need the editor role
and the CSRF checks (docs/triggers.md)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from segmint.api.routes.common import WorkspaceDep, plain
from segmint.campaigns import all_campaigns
from segmint.errors import SegmintError
from segmint.localize import read_duration
from segmint.triggers import (
    ACTIONS,
    ON,
    all_triggers,
    create_trigger,
    delete_trigger,
    find_trigger,
    list_firings,
    run,
)
from segmint.web import firing_details
from segmint.web.i18n import choose_language
from segmint.web.pages.campaign_form import target_choices
from segmint.web.render import page
from segmint.web.session import checked_form, require_role, user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])

FIELDS = ("name", "on", "target", "action", "param", "secret", "secret_env", "delay")
STATES = ("due", "done", "failed", "pending")
RECENT_FIRINGS = 20


def firing_counts(ws) -> dict[str, dict[str, int]]:
    """trigger_id -> {state: firings}."""
    f = ws.table("trigger_firings")
    rows = f.group_by(["trigger_id", "state"]).aggregate(n=f.count()).to_pyarrow().to_pylist()
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["trigger_id"], dict.fromkeys(STATES, 0))[row["state"]] = int(row["n"])
    return counts


def triggers_page(request: Request, ws, status_code: int = 200, **extra) -> Response:
    counts = firing_counts(ws)
    lang = choose_language(request)[0]
    recent = plain(list_firings(ws, limit=RECENT_FIRINGS))
    firings = [{**f, "detail": firing_details.word(f, lang)} for f in recent]
    listed = [
        {**plain(t.to_dict()), "firings": counts.get(t.trigger_id, dict.fromkeys(STATES, 0))}
        for t in all_triggers(ws)
    ]
    context = {
        "triggers": listed,
        "states": STATES,
        "firings": firings,  # each detail in the page's language (web/firing_details.py)
        "on_choices": ON,
        "actions": ACTIONS,
        "targets": [target for target, _ in target_choices(ws)],
        "campaigns": [c.name for c in all_campaigns(ws)],
        "values": {"on": "enter", "action": "tag", "delay": "0"},
        "error": None,
        "ran": None,
        "skipped": [],  # a run's skipped triggers (triggers.run.Skipped), each worded from its error's code
        **extra,
    }
    return page(request, "triggers/list.html", context, status_code)


@router.get("/triggers")
def trigger_list(request: Request, ws: WorkspaceDep) -> Response:
    return triggers_page(request, ws)


@router.post("/triggers")
def create(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    require_role(request.state.user, "editor")
    values = {key: str(form.get(key) or "").strip() for key in FIELDS}
    action = values["action"]
    params = {ACTIONS[action]: values["param"]} if action in ACTIONS else {}
    if action == "webhook":  # the signing key, or the environment variable it is read from when sent
        params |= {key: values[key] for key in ("secret", "secret_env") if values[key]}
    # a delay typed the way this page lists one ("2 дня", "1 день 12 часов") reads as "2d", "1d12h"
    delay = read_duration(values["delay"], choose_language(request)[0]) or "0"
    try:
        create_trigger(ws, values["name"], values["on"], values["target"], action, params, delay)
    except SegmintError as exc:
        # worded from its code (web/campaign_errors.py)
        return triggers_page(request, ws, 400, values=values, error=exc)
    return RedirectResponse("/ui/triggers", status_code=303)


@router.post("/triggers/delete")
def delete(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    require_role(request.state.user, "editor")
    name = str(form.get("name") or "")
    if find_trigger(ws, name) is None:
        return page(request, "error.html", {"title_key": "not_found_title", "message_key": "no_trigger"}, 404)
    delete_trigger(ws, name)
    return RedirectResponse("/ui/triggers", status_code=303)


@router.post("/triggers/run")
def run_now(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    require_role(request.state.user, "editor")
    summary = run(ws)
    # the skipped keep their CodedError: the page words each reason in its language (tr, web/messages.py)
    return triggers_page(request, ws, ran=plain(summary.to_dict()), skipped=summary.skipped)
