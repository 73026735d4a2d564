"""Who is signed in, and the CSRF checks of every form that changes something.

The session cookie holds the API token itself (HttpOnly, so page scripts never see it; SameSite=Strict,
so other sites' pages never send it; Secure behind HTTPS). Why the token and not a signed session: the
token is already a 256-bit random secret checked against its stored hash, so revoking it
(`segmint tokens revoke`) signs every browser using it out at once, and there is no extra server key to
keep. Every page but the login page verifies it on each request.

CSRF: besides SameSite=Strict, a request that changes something must come from this app's own origin
(Origin, else Referer, must match the Host) and carry the session's CSRF token (a hash of the session
token: the pages put it in a hidden field and in htmx's request headers).
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from segmint.api.state import workspace
from segmint.api.tokens import Token, verify_token

COOKIE = "segmint_session"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


class LoginRequired(Exception):
    """No valid session: the page answers with a redirect to the login page."""

    def __init__(self, next_url: str):
        self.next_url = next_url


class Refused(Exception):
    """A request the user may not make (role too low, failed CSRF check): a 403 page."""

    def __init__(self, message_key: str):
        self.message_key = message_key


def csrf_token(secret: str) -> str:
    return hashlib.sha256(b"segmint-csrf:" + secret.encode("utf-8")).hexdigest()


def set_session(response: Response, request: Request, secret: str) -> None:
    secure = request.url.scheme == "https"
    response.set_cookie(COOKIE, secret, httponly=True, samesite="strict", secure=secure, path="/")


def clear_session(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")


def safe_next(url: str | None) -> str:
    """Where to go after logging in: only a page of this UI (no open redirect to another site)."""
    if url and url.startswith("/ui/") and not url.startswith("//") and "\\" not in url:
        return url
    return "/ui/"


def user(request: Request, ws=Depends(workspace)) -> Token:
    """The signed-in user's token; LoginRequired when the cookie is missing, unknown or revoked."""
    secret = request.cookies.get(COOKIE)
    token = verify_token(ws, secret) if secret else None
    if token is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    request.state.user = token
    request.state.csrf = csrf_token(secret)
    return token


def same_origin(request: Request) -> bool:
    """The request's Origin (else Referer) names this server: what browsers send on a same-site form."""
    sent = request.headers.get("origin") or request.headers.get("referer")
    if not sent or sent == "null":
        return False
    parts = urlsplit(sent)
    return parts.scheme in ("http", "https") and parts.netloc == request.headers.get("host")


FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


async def received_form(request: Request) -> None:
    """A posted form read in full before the request waits for the workspace (`user` takes it, and every
    page's router has that dependency): read in `checked_form`, a file uploaded over a slow connection held
    the workspace, and so every page and API call, for as long as its bytes took to arrive. Starlette keeps
    the form, so `checked_form` reads it again at no cost.

    The session is checked first, the workspace taken only for that lookup: a client without one got its
    upload read (spooled to a temporary file, however large) before it was sent to the login page."""
    if request.method == "POST" and request.headers.get("content-type", "").startswith(FORMS):
        if _needs_session(request):
            await _signed_in(request)
        await request.form()


def _needs_session(request: Request) -> bool:
    """Whether the page answering this request depends on `user` (every page but the login page)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    return dependant is not None and _depends_on(dependant, user)


def _depends_on(dependant, call) -> bool:
    return any(dep.call is call or _depends_on(dep, call) for dep in dependant.dependencies)


async def _signed_in(request: Request) -> None:
    """LoginRequired unless the request's cookie holds a live token; the workspace held for the lookup."""
    secret = request.cookies.get(COOKIE)
    token = None
    if secret:
        handle = request.app.state.workspace
        async with handle.lock:
            token = await run_in_threadpool(verify_token, handle.ws, secret)
    if token is None:
        raise LoginRequired(request.url.path)


async def checked_form(request: Request, token: Token = Depends(user)) -> dict:
    """The posted form of a signed-in user, after the CSRF checks (Refused when they fail)."""
    form = await request.form()
    sent = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD) or ""
    if not same_origin(request) or not hmac.compare_digest(str(sent), request.state.csrf):
        raise Refused("csrf_refused")
    return form


async def _page_of(request: Request) -> str:
    """Where to come back to after a POST made without a valid session: never the POST's own address
    (signing in then sent the browser to GET /ui/builder/save, a 405). The builder's requests come back
    to the builder with what was typed; others to the page they were sent from."""
    if request.url.path.startswith("/ui/builder/"):
        from segmint.web.pages.builder import resume_url  # the pages import this module

        if not _small_typed_form(request):  # a client without a session gets no large body read
            return "/ui/builder"
        try:
            return resume_url(await request.form(), request.app.state.workspace.ws.settings.currency)
        except Exception:  # an unreadable form still gets the login page
            return "/ui/builder"
    sent = urlsplit(request.headers.get("referer") or "")
    if sent.netloc == request.headers.get("host") and sent.path.startswith("/ui/"):
        return sent.path + (f"?{sent.query}" if sent.query else "")
    return "/ui/"


def _page_shown(request: Request) -> str | None:
    """The page of this UI an htmx request was made from (its HX-Current-URL header, else the Referer)."""
    for header in ("hx-current-url", "referer"):
        shown = urlsplit(request.headers.get(header) or "")
        if shown.netloc == request.headers.get("host") and shown.path.startswith("/ui/"):
            return shown.path + (f"?{shown.query}" if shown.query else "")
    return None


RESUMED_FORM = 64 * 1024  # the largest builder form read for a request without a session (its rule)


def _small_typed_form(request: Request) -> bool:
    """A typed form (no file) of a declared size the builder's could be."""
    kind = request.headers.get("content-type", "")
    size = request.headers.get("content-length", "")
    return (
        kind.startswith("application/x-www-form-urlencoded") and size.isdigit() and int(size) <= RESUMED_FORM
    )


def require_role(token: Token, role: str) -> None:
    if not token.allows(role):
        raise Refused("needs_editor" if role == "editor" else "needs_admin")


def install(app: FastAPI) -> None:
    """The handlers that turn LoginRequired into a redirect and Refused into a 403 page."""

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        if request.method not in ("GET", "HEAD"):
            back = await _page_of(request)
        elif request.headers.get("hx-request"):
            # a part of a page (the members' next page, the KPIs, a poll of an import's refresh): after
            # signing in, the page it was part of, not the part alone without the page around it
            back = _page_shown(request) or exc.next_url
        else:
            back = exc.next_url
        target = "/ui/login?next=" + quote(safe_next(back), safe="/")
        if request.headers.get("hx-request"):  # htmx follows this header with a full page load
            return Response(status_code=200, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        from segmint.web.render import page

        return page(request, "error.html", {"message_key": exc.message_key}, status_code=403)
