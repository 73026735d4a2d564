"""Bearer-token auth: every route but GET /health names the least role it needs (viewer < editor < admin).

    Authorization: Bearer sgm_…

No token or an unknown or revoked one is 401; a token whose role is too low is 403.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from segmint.api.errors import ApiError
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
        if credentials is None or not credentials.credentials:
            raise ApiError(401, "an API token is required: send 'Authorization: Bearer <token>'")
        token = verify_token(ws, credentials.credentials)
        if token is None:
            raise ApiError(401, "the API token is unknown or revoked")
        if not token.allows(role):
            raise ApiError(403, f"this needs the {role} role; the token has the {token.role} role")
        return token

    check.__name__ = f"require_{role}"
    return check


viewer = Depends(require("viewer"))
editor = Depends(require("editor"))
admin = Depends(require("admin"))
