"""POST /refresh: recompute every family and dynamic segment (editor role); GET /refresh: how it goes.

The refresh runs in the server on a connection of its own, one at a time (api/refreshing.py): other
requests are answered meanwhile. wait=true (the default) answers its summary when it is done, as before;
wait=false answers 202 at once with the refresh to follow at GET /refresh/{refresh_id}. The route is async,
so that waiting for the refresh holds no worker thread (api/state.py); its checks run in one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import Field

from segmint.api.auth import AuthFirst, editor, viewer
from segmint.api.errors import CONFLICT, ERROR_RESPONSES, RequestBody, not_found
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.history.refresh import check_request

router = APIRouter(
    tags=["refresh"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)


class RefreshIn(RequestBody):
    as_of: dt.date | None = Field(None, description="Compute as of this date (default: the reference date)")
    backfill: Literal["monthly", "weekly"] | None = Field(None, description="Also every period end before")


@router.post(
    "/refresh",
    dependencies=[editor],
    summary="Refresh families and dynamic segments",
    responses={202: {"description": "wait=false: the refresh goes on in the server"}, **CONFLICT},
)
async def run_refresh(
    request: Request,
    ws: WorkspaceDep,
    body: RefreshIn | None = None,
    wait: bool = Query(
        True, description="Answer when the refresh is done (its summary), or at once with 202 while it runs"
    ),
) -> Any:
    body = body or RefreshIn()
    # refused before the run is queued (a date after the workspace's now or before the data starts): a
    # refused request makes no run, which GET /refresh/{id} listed as a failed refresh
    await run_in_threadpool(check_request, ws, body.as_of, body.backfill)
    refreshes = request.app.state.refreshes
    run = refreshes.manual(body.as_of, body.backfill)  # 409 while another one runs or waits
    if not wait:
        return JSONResponse(status_code=202, content=plain(run.to_dict()))
    async with request.app.state.workspace.released_awaiting():  # other requests go on meanwhile
        await refreshes.finished(run)
    if run.exception is not None:
        raise run.exception  # answered as it was when the refresh ran in the request
    return plain(run.result.to_dict())


@router.get("/refresh", summary="The refresh running now, the one queued after it, the last finished")
def refresh_state(request: Request, ws: WorkspaceDep) -> dict[str, Any]:
    return plain(request.app.state.refreshes.state())


@router.get("/refresh/{refresh_id}", summary="One refresh: queued, running, finished (summary) or failed")
def one_refresh(refresh_id: int, request: Request, ws: WorkspaceDep) -> dict[str, Any]:
    run = request.app.state.refreshes.get(refresh_id)
    if run is None:
        raise not_found(
            f"no refresh {refresh_id} in this server (the latest 100 finished ones are kept)",
            "refresh.unknown",
            id=refresh_id,
        )
    return plain(run.to_dict())
