"""Bearer-token auth: every route but GET /health names the least role it needs (viewer < editor < admin).

    Authorization: Bearer sgm_…

No token or an unknown or revoked one is 401; a token whose role is too low is 403.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from segmint.api.errors import ApiError
from segmint.api.limits import PUBLIC_FORM_BYTES, PublicFormTooLarge, capped
from segmint.api.state import workspace
from segmint.api.tokens import ROLES, Token, verify_token

bearer = HTTPBearer(auto_error=False, description="An API token: `segmint tokens create --role viewer`")


def require(role: str) -> Callable[..., Token]:
    """A dependency that lets a request through only with a live token of `role` or above."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def check(
        credentials: HTTPAuthorizationCredentials | None = Depends(bearer), ws=Depends(workspace)
    ) -> Token:
        return _verified(ws, credentials, role)

    check.__name__ = f"require_{role}"
    check.role = role  # type: ignore[attr-defined]  # what AuthFirst checks before the body
    return check


def _verified(ws, credentials: HTTPAuthorizationCredentials | None, role: str) -> Token:
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "an API token is required: send 'Authorization: Bearer <token>'")
    token = verify_token(ws, credentials.credentials)
    if token is None:
        raise ApiError(401, "the API token is unknown or revoked")
    if not token.allows(role):
        raise ApiError(403, f"this needs the {role} role; the token has the {token.role} role")
    return token


def least_role(dependant: Dependant) -> str | None:
    """The least role a token needs for a route: the highest its dependencies require (None: no token)."""
    roles = [getattr(dep.call, "role", None) for dep in dependant.dependencies]
    roles += [least_role(dep) for dep in dependant.dependencies]
    return max((role for role in roles if role), key=ROLES.index, default=None)


class AuthFirst(APIRoute):
    """A route that checks the request's token before it reads the body. FastAPI reads a route's body
    (a JSON document, a form, an uploaded file spooled to disk) before it solves its dependencies, the
    token check among them: a client without a token could make the server take in an upload as large as
    it liked before it was answered 401. The check here takes the workspace's lock only for the lookup,
    so a body arriving slowly holds nobody up; the route's own check runs again after the body, as before.
    A route that takes no token takes a body of at most limits.PUBLIC_FORM_BYTES (a token, never a file).
    Every router of the API and the login page's use it (tests/api/test_body_limits.py checks that)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        role = least_role(self.dependant)
        if self.body_field is None:
            return handler
        if role is None:  # anyone may send it (the login form, a one-click unsubscribe): a small form

            async def small_form(request: Request) -> Response:
                receive = capped(request.scope, request.receive, PUBLIC_FORM_BYTES, PublicFormTooLarge)
                return await handler(Request(request.scope, receive))

            return small_form

        async def checked_first(request: Request) -> Response:
            credentials = await bearer(request)
            handle = request.app.state.workspace
            async with handle.lock:
                await run_in_threadpool(_verified, handle.ws, credentials, role)
            return await handler(request)

        return checked_first


viewer = Depends(require("viewer"))
editor = Depends(require("editor"))
admin = Depends(require("admin"))
