"""The FastAPI app over one workspace: `create_app(path)`.

Routers are JSON-only under their resource prefixes; the web UI's server-rendered pages (segmint.web,
Jinja + htmx) are more routers on the same app under /ui/, sharing the workspace dependency.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI

import segmint
from segmint.api import errors
from segmint.api.importing import Imports
from segmint.api.limits import BodyLimit, server_settings
from segmint.api.refreshing import Refreshes
from segmint.api.routes import (
    campaigns,
    clusters,
    customers,
    families,
    health,
    imports,
    kpis,
    refresh,
    segment_data,
    segments,
    tokens,
    triggers,
    unsubscribe,
)
from segmint.api.sending import Sends
from segmint.api.state import WorkspaceHandle
from segmint.web.app import install as install_web

ROUTERS = (
    health,
    customers,
    segments,
    segment_data,
    kpis,
    families,
    clusters,
    imports,
    refresh,
    campaigns,
    triggers,
    tokens,
    unsubscribe,  # the customer-facing one-click unsubscribe links of campaign emails (no token)
)


def create_app(workspace_path: str | Path) -> FastAPI:
    """The API over the workspace at `workspace_path` (opened now, closed when the app shuts down)."""
    limits = server_settings(Path(workspace_path))  # the [server] table of segmint.toml (api/limits.py)
    handle = WorkspaceHandle(workspace_path)
    refreshes = Refreshes(handle)  # refreshes, off the request lock (api/refreshing.py)
    sends = Sends(handle)  # campaign sends, off the request lock (api/sending.py)
    import_runs = Imports(handle)  # imports, off the request lock, one at a time (api/importing.py)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        # an import or a refresh asked for is finished before the workspace is closed, as a request in
        # flight is; a send (which may run for an hour) stops after its current message, the rest queued
        await anyio.to_thread.run_sync(sends.stop)
        await anyio.to_thread.run_sync(import_runs.wait_idle)
        await anyio.to_thread.run_sync(refreshes.wait_idle)
        await anyio.to_thread.run_sync(handle.close)  # a request finishing may still hold its lock

    app = FastAPI(
        title="segmint",
        version=segmint.__version__,
        description="Customer segmentation for CRM and loyalty data. Send `Authorization: Bearer <token>` "
        "on every route but /health; docs/api.md describes roles and errors.",
        lifespan=lifespan,
    )
    app.state.workspace = handle
    app.state.sends = sends
    app.state.refreshes = refreshes
    app.state.imports = import_runs
    # import id -> the triggers the run after an events import (no refresh) skipped, for its page to say
    # after the redirect (web/pages/imports.py); the last 100 imports only (SKIPPED_KEPT)
    app.state.skipped_after_import = {}
    app.add_middleware(BodyLimit, max_mb=limits.max_upload_mb)  # 413 for a body over the limit
    errors.install(app)
    for module in ROUTERS:
        app.include_router(module.router)
    install_web(app)  # the web UI's pages under /ui/ (segmint.web.app)
    return app
