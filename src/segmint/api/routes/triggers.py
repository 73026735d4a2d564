"""Triggers over the API: list, create, delete, run the due ones, and their firings — the same calls as
`segmint triggers …` (docs/triggers.md). Reading needs the viewer role, changing and running the editor
role."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import Field

from segmint.api.auth import AuthFirst, editor, viewer
from segmint.api.errors import ERROR_RESPONSES, ApiError, RequestBody
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.triggers import (
    TriggerError,
    all_triggers,
    create_trigger,
    delete_trigger,
    find_trigger,
    list_firings,
)

router = APIRouter(
    prefix="/triggers",
    tags=["triggers"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)


class TriggerIn(RequestBody):
    name: str = Field(min_length=1, max_length=200)
    on: Literal["enter", "exit", "event"]
    target: str = Field(min_length=1, description="A segment, family:group, or an event type (on: event)")
    action: Literal["message", "webhook", "tag", "static_segment"]
    params: dict[str, str] = Field(
        default_factory=dict,
        description="campaign (message), url and secret or secret_env (webhook), tag (tag), "
        "segment (static_segment)",
    )
    delay: str = Field("0", max_length=20, description="Wait before acting: 0, 30m, 2h, 3d")
    since: dt.datetime | None = Field(
        None,
        description="Count entries after this day / events imported after this time, as `triggers create "
        "--since` (default: the last day the segment was computed; events: now)",
    )


def _exists(ws, name: str) -> None:
    """A 404 for a trigger that does not exist, with the library's code and params (trigger.unknown,
    `name`), as an unknown segment's and campaign's 404 have them (details were null)."""
    if find_trigger(ws, name) is None:
        raise _unknown(name)


def _unknown(name: str) -> ApiError:
    return ApiError(404, f"no trigger named {name!r}", {"code": "trigger.unknown", "params": {"name": name}})


@router.get("", summary="Every trigger")
def list_triggers(ws: WorkspaceDep) -> list[dict[str, Any]]:
    return plain([trigger.to_dict() for trigger in all_triggers(ws)])


@router.post("", status_code=201, dependencies=[editor], summary="Create a trigger")
def create(body: TriggerIn, ws: WorkspaceDep) -> dict[str, Any]:
    trigger = create_trigger(
        ws, body.name, body.on, body.target, body.action, body.params, body.delay, body.since
    )
    return plain(trigger.to_dict())


@router.delete("/{name}", dependencies=[editor], summary="Delete a trigger (its executed firings stay)")
def delete(name: str, ws: WorkspaceDep) -> dict[str, Any]:
    _exists(ws, name)
    return {"trigger": name, "waiting_firings_dropped": delete_trigger(ws, name)}


@router.post("/run", dependencies=[editor], summary="Record new firings and carry out the due ones")
def run(ws: WorkspaceDep) -> dict[str, Any]:
    from segmint.triggers.run import run as run_triggers

    return plain(run_triggers(ws).to_dict())


@router.get("/{name}/firings", summary="A trigger's firings, newest first")
def firings(
    name: str,
    ws: WorkspaceDep,
    state: Literal["due", "done", "failed", "pending"] | None = None,
    limit: int = Query(100, ge=1, le=10_000),
) -> list[dict[str, Any]]:
    """A deleted trigger's firings too, by the name they were recorded under, as `segmint triggers firings
    --trigger NAME` finds them (they were a 404 once the trigger was gone); a name no trigger and no
    firing has is the 404."""
    try:
        return plain(list_firings(ws, name, state, limit))
    except TriggerError as error:
        if error.code == "trigger.unknown":
            raise _unknown(name) from error
        raise
