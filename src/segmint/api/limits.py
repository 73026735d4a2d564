"""How large a request body the server takes: the [server] table of segmint.toml, and the middleware that
holds every request to it.

    [server]
    max_upload_mb = 1024   # an upload (or any request body) larger than this is refused with 413

An upload is spooled to a temporary file as it arrives and then copied, so a body without end could fill
the disk. A body declared larger than the limit (Content-Length) is refused before a
byte of it is read; one sent without a length is refused once it has passed the limit. The refusal is an
error like any other (`BodyTooLarge`, an HTTPException): the API answers its JSON error shape (413,
`body_too_large`), the web UI a page in the user's language. Starlette's own RequestBodyLimitMiddleware
(FastAPI's `max_body_size`) cannot do that: for a declared length over the limit it replaces whatever the
app answered with its plain-text 413, and it needs a FastAPI newer than the project's floor.

That no body is read before its sender is known is the routes' part: api/auth.py (AuthFirst) and
web/session.py (received_form). A route anyone may send a form to (the login page, a one-click unsubscribe)
takes at most PUBLIC_FORM_BYTES (AuthFirst again): what it is sent is a token, never a file.
"""

from __future__ import annotations

from collections.abc import Callable
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
        self.details = {"max_upload_mb": limit_mb}


PUBLIC_FORM_BYTES = 64 * 1024  # a form anyone may send (the login page's token, a one-click unsubscribe)


class PublicFormTooLarge(HTTPException):
    """A body over PUBLIC_FORM_BYTES sent to a route that takes no token: 413."""

    def __init__(self):
        super().__init__(
            413,
            f"a form sent without a token holds at most {PUBLIC_FORM_BYTES // 1024} KiB; this one is larger",
        )
        self.details = {"max_bytes": PUBLIC_FORM_BYTES}


def capped(scope: Scope, receive: Receive, limit: int, refusal: Callable[[], Exception]) -> Receive:
    """`receive`, raising `refusal()` when the body is declared (Content-Length) or found over `limit`
    bytes: before a byte of it is read in the first case."""
    declared = Headers(scope=scope).get("content-length", "")
    received = 0

    async def receive_capped() -> Message:
        nonlocal received
        if declared.isdigit() and int(declared) > limit:
            raise refusal()
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise refusal()
        return message

    return receive_capped


class BodyLimit:
    """ASGI middleware: the request's body as the app reads it, refused (BodyTooLarge, raised where the
    app reads it) when it is declared or found to be over `max_mb`."""

    def __init__(self, app: ASGIApp, max_mb: int):
        self.app, self.max_mb = app, max_mb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            receive = capped(scope, receive, self.max_mb * MB, lambda: BodyTooLarge(self.max_mb))
        await self.app(scope, receive, send)
