"""The builder's live member count, asked for by the status panel after it is drawn (so the rule text
follows the form at once even when counting takes seconds on a large base).

Only the newest count of a page is computed: every status panel carries a sequence number, each request
notes it on arrival (before it waits for the workspace), and a request that finds a newer one noted for
the same builder page of the same session when its turn comes answers 204 (htmx leaves the page as it
is) without counting. So typing quickly queues at most one count that matters, not one per keystroke."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from segmint.api.preview import preview
from segmint.api.routes.common import WorkspaceDep
from segmint.errors import SegmintError
from segmint.web.render import page
from segmint.web.session import COOKIE, checked_form

router = APIRouter(prefix="/ui/builder", include_in_schema=False)

_latest: OrderedDict[str, int] = OrderedDict()  # session -> newest sequence number seen
_guard = threading.Lock()
MAX_SESSIONS = 1000


def next_sequence() -> int:
    return time.monotonic_ns()


def _page(request: Request, form) -> str:
    """One builder page of one session (two tabs count independently)."""
    text = request.cookies.get(COOKIE, "") + "|" + str(form.get("page_id") or "")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sequence(form) -> int:
    text = str(form.get("seq") or "0")
    return int(text) if text.isdigit() else 0


async def note_arrival(request: Request) -> None:
    """Runs before the request waits for the workspace."""
    form = await request.form()
    seq = _sequence(form)
    with _guard:
        key = _page(request, form)
        _latest[key] = max(_latest.get(key, 0), seq)
        _latest.move_to_end(key)
        while len(_latest) > MAX_SESSIONS:
            _latest.popitem(last=False)


def _stale(request: Request, form) -> bool:
    with _guard:
        return _latest.get(_page(request, form), 0) > _sequence(form)


@router.post("/count", dependencies=[Depends(note_arrival)])
def count(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    if _stale(request, form):
        return Response(status_code=204)
    rule = str(form.get("rule") or "")
    try:
        found, error = preview(ws, rule, sample=0)["count"], None
    except SegmintError as exc:  # a rule the parser takes but the data refuses (unknown segment name)
        found, error = None, exc  # worded in the page's language by the template
    return page(request, "builder/_count.html", {"count": found, "count_error": error})
