"""The FastAPI app over one workspace: `create_app(path)`.

Routers are JSON-only under their resource prefixes; server-rendered pages (Jinja + HTMX) can be added
later as more routers on the same app, sharing the workspace dependency and the auth dependencies.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

import segmint
from segmint.api import errors
from segmint.api.routes import customers, families, health, refresh, segment_data, segments, tokens
from segmint.api.state import WorkspaceHandle

ROUTERS = (health, customers, segments, segment_data, families, refresh, tokens)


def create_app(workspace_path: str | Path) -> FastAPI:
    """The API over the workspace at `workspace_path` (opened now, closed when the app shuts down)."""
    handle = WorkspaceHandle(workspace_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        handle.close()

    app = FastAPI(
        title="segmint",
        version=segmint.__version__,
        description="Customer segmentation for CRM and loyalty data. Send `Authorization: Bearer <token>` "
        "on every route but /health; docs/api.md describes roles and errors.",
        lifespan=lifespan,
    )
    app.state.workspace = handle
    errors.install(app)
    for module in ROUTERS:
        app.include_router(module.router)
    return app
