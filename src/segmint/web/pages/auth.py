"""Login and logout: the token pasted on the login page becomes the session cookie (see session.py)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from segmint.api.auth import AuthFirst
from segmint.api.state import workspace
from segmint.api.tokens import verify_token
from segmint.web.render import page
from segmint.web.session import (
    Refused,
    checked_form,
    clear_session,
    safe_next,
    same_origin,
    set_session,
)

router = APIRouter(prefix="/ui", include_in_schema=False, route_class=AuthFirst)  # the login form: small


@router.get("/login")
def login_page(request: Request, next: str = "/ui/") -> Response:
    return page(request, "login.html", {"next": safe_next(next), "failed": False})


@router.post("/login")
def login(
    request: Request, token: str = Form(""), next: str = Form("/ui/"), ws=Depends(workspace)
) -> Response:
    if not same_origin(request):  # no session yet, so no CSRF token: the Origin check stands alone
        raise Refused("csrf_refused")
    secret = token.strip()
    if not secret or verify_token(ws, secret) is None:
        return page(request, "login.html", {"next": safe_next(next), "failed": True})
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session(response, request, secret)
    return response


@router.post("/logout")
def logout(form: dict = Depends(checked_form)) -> Response:
    response = RedirectResponse("/ui/login", status_code=303)
    clear_session(response)
    return response
