"""The web UI: server-rendered pages (Jinja, autoescaped) with htmx for the live parts, on the API's app.

Pages live under /ui/ so they never collide with the JSON routes; every script and style is served by the
app itself (htmx from the django-js-lib-htmx wheel, plotly.js from the plotly package), so the UI works on
a closed network. docs/web.md describes the pages, the session cookie and the CSRF checks.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from segmint.web import assets, session
from segmint.web.pages import (
    auth,
    builder,
    campaign_form,
    campaigns,
    clusters,
    counting,
    customers,
    dashboard,
    imports,
    segments,
    triggers,
)
from segmint.web.render import STATIC

PAGES = (
    auth,
    dashboard,
    builder,
    counting,
    segments,
    customers,
    clusters,
    imports,
    campaigns,
    campaign_form,
    triggers,
)


def install(app: FastAPI) -> None:
    """Add the pages, the static files and the login redirect to `app`."""
    session.install(app)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    app.include_router(assets.router)
    for module in PAGES:
        app.include_router(module.router)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=307)
