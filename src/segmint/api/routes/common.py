"""What several routers share: the workspace dependency, name lookups that answer 404, JSON-safe values."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from typing import Annotated, Any

from fastapi import Depends
from pydantic import WithJsonSchema

from segmint.api.errors import ApiError
from segmint.api.state import workspace
from segmint.error_details import segment_details
from segmint.history.queries import spelled_family
from segmint.segments.model import Segment, SegmentError, all_segments, find, unknown
from segmint.store.workspace import Workspace

WorkspaceDep = Annotated[Workspace, Depends(workspace)]

# A time the workspace keeps (a segment's created_at, a token's, a fit's): its local time, ISO 8601 without
# an offset (docs/api.md, "Routes"). Described as text: OpenAPI's `date-time` (RFC 3339) needs an offset,
# which these have not, so a client generated from the document failed to read them.
LocalTime = Annotated[
    dt.datetime,
    WithJsonSchema(
        {
            "type": "string",
            "description": "The workspace's local time (its timezone), ISO 8601 without an offset",
            "examples": ["2026-12-05T12:21:37.447864"],
        }
    ),
]


def segment_or_404(ws, name: str) -> Segment:
    """The segment called `name`, or a 404 that names the known ones and gives the library's code for it
    (segment.unknown, params name and known), so a client or the web UI words it in its language."""
    segment = find(ws, name)
    if segment is None:
        # the library's error for the name (its params: the nearest name as `hint`, as the CLI says it),
        # in the API's message as it always was worded
        params = unknown(name, [s.name for s in all_segments(ws)]).params
        params.pop("more", None)
        hint = f" (did you mean {params['hint']!r}?)" if "hint" in params else ""
        known = params["known"]
        message = f"no segment named {name!r}{hint}" + (f"; known: {', '.join(known)}" if known else "")
        error = SegmentError(message, code="segment.unknown", params=params)
        raise ApiError(404, message, segment_details(error), error=error)
    return segment


def family_or_404(ws, name: str) -> str:
    """The family `name` names, as the workspace spells it (any case: /families/RFM/history is rfm's, as
    `kpis --family RFM` and the family of "RFM:champions" are: history.queries.spelled_family), or a 404
    with the library's code for it (family.unknown, params name, known and the nearest as `hint`)."""
    try:
        return spelled_family(ws, name)
    except SegmentError as error:
        raise ApiError(404, str(error), segment_details(error), error=error) from error


def plain(document: Any) -> Any:
    """The document with only JSON types (NumPy numbers, decimals, dates and NaN made plain)."""

    def convert(value):
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        if isinstance(value, decimal.Decimal):
            return float(value)
        if hasattr(value, "item"):  # NumPy scalars
            return value.item()
        if hasattr(value, "tolist"):
            return value.tolist()
        return str(value)

    text = json.dumps(document, default=convert, allow_nan=True)
    return json.loads(text, parse_constant=lambda _: None)  # NaN / Infinity -> null
