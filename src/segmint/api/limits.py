"""How large a request body the server takes: the [server] table of segmint.toml, and the middleware that
holds every request to it.

    [server]
    max_upload_mb = 1024   # an upload (or any request body) larger than this is refused with 413

An upload is spooled to a temporary file as it arrives and then copied into the workspace, so a body
without end filled the disk. A body declared larger than the limit (Content-Length) is refused before a
byte of it is read; one sent without a length is refused once it has passed the limit. The refusal is an
error like any other (`BodyTooLarge`, an HTTPException): the API answers its JSON error shape (413,
`body_too_large`), the web UI a page in the user's language. Starlette's own RequestBodyLimitMiddleware
(FastAPI's `max_body_size`) cannot do that: for a declared length over the limit it replaces whatever the
app answered with its plain-text 413, and it needs a FastAPI newer than the project's floor.

That no body is read before its sender is known is the routes' part: api/auth.py (AuthFirst) and
web/session.py (received_form).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from segmint.config import read_table

MB = 1024 * 1024


class ServerSettings(BaseModel):
    """The [server] table of segmint.toml: what `segmint serve` accepts."""

    model_config = ConfigDict(extra="forbid")

    max_upload_mb: int = Field(
        1024,
        ge=1,
        description="The largest request body the server takes (an uploaded file with its form), in MiB; "
        "a larger one is refused with 413.",
    )


def server_settings(workspace_path: Path) -> ServerSettings:
    return read_table(workspace_path, "server", ServerSettings)


class BodyTooLarge(HTTPException):
    """A request body over the limit: 413, with the limit in the message and in `details`."""

    def __init__(self, limit_mb: int):
        super().__init__(
            413,
            f"the request is larger than this server takes: at most {limit_mb} MB (max_upload_mb in the "
            "[server] table of the workspace's segmint.toml)",
        )
        self.limit_mb = limit_mb
        self.details = {"max_upload_mb": limit_mb}


class BodyLimit:
    """ASGI middleware: the request's body as the app reads it, refused (BodyTooLarge, raised where the
    app reads it) when it is declared or found to be over `max_mb`."""

    def __init__(self, app: ASGIApp, max_mb: int):
        self.app, self.max_mb = app, max_mb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_mb * MB
        declared = Headers(scope=scope).get("content-length", "")
        received = 0

        async def capped() -> Message:
            nonlocal received
            if declared.isdigit() and int(declared) > limit:
                raise BodyTooLarge(self.max_mb)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(self.max_mb)
            return message

        await self.app(scope, capped, send)
