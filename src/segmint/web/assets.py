"""The two libraries the pages load, served from the installed Python packages (no CDN, no copies in
this repository): htmx from the django-js-lib-htmx wheel (static files only; Django is not imported) and
plotly.js from the plotly package."""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

router = APIRouter(prefix="/ui/vendor", include_in_schema=False)

CACHE = {"Cache-Control": "public, max-age=86400"}


@cache
def htmx_path() -> Path:
    return Path(str(importlib.resources.files("js_lib_htmx") / "static" / "htmx" / "htmx.min.js"))


@cache
def plotly_path() -> Path:
    return Path(str(importlib.resources.files("plotly") / "package_data" / "plotly.min.js"))


@router.get("/htmx.min.js")
def htmx_js() -> FileResponse:
    return FileResponse(htmx_path(), media_type="text/javascript", headers=CACHE)


@router.get("/plotly.min.js")
def plotly_js() -> FileResponse:
    return FileResponse(plotly_path(), media_type="text/javascript", headers=CACHE)
