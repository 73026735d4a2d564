"""The web UI's wiring onto the API's FastAPI app: its pages, static files, the login redirect and the error
pages under /ui/. Kept out of segmint/web/__init__.py so importing segmint.web's plain modules (the report
reads strings.py) does not load FastAPI, the API and every page."""

from __future__ import annotations

import logging
from html import escape

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from segmint.api.errors import ApiError
from segmint.errors import RuleError, SegmintError
from segmint.segments.model import SegmentError
from segmint.web import assets, session
from segmint.web.i18n import translator
from segmint.web.pages import (
    auth,
    builder,
    campaign_form,
    campaigns,
    clusters,
    counting,
    customers,
    dashboard,
    families,
    imports,
    segments,
    triggers,
)
from segmint.web.render import STATIC

log = logging.getLogger("segmint.web")

PAGES = (
    auth,
    dashboard,
    builder,
    counting,
    segments,
    families,
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
    _html_errors(app)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    app.include_router(assets.router)
    for module in PAGES:  # a posted form is read before the page's own dependencies take the workspace
        app.include_router(module.router, dependencies=[Depends(session.received_form)])

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=307)


def _html_errors(app: FastAPI) -> None:
    """Pages answer an error as a page, not the API's JSON: a wrong or missing query parameter
    (/ui/customer without ?id=), an address that is no page, the GET of a form's target. The API's
    handlers (segmint.api.errors, installed before) still answer everything outside /ui/."""
    from segmint.web.render import page

    api_http = app.exception_handlers[StarletteHTTPException]
    api_validation = app.exception_handlers[RequestValidationError]

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if not request.url.path.startswith("/ui/"):
            return await api_http(request, exc)
        too_large = (
            "body_too_large" if "max_upload_mb" in (getattr(exc, "details", None) or {}) else "form_too_large"
        )
        key = {404: "page_not_found", 405: "not_a_page", 413: too_large}.get(
            exc.status_code, "request_failed"
        )
        title = {404: "not_found_title", 405: "not_found_title", 413: "too_large_title"}.get(
            exc.status_code, "error_title"
        )
        context = {"title_key": title, "message_key": key, "message_values": getattr(exc, "details", None)}
        return page(request, "error.html", context, exc.status_code, getattr(exc, "headers", None))

    for kind in (ApiError, RuleError, SegmintError):  # a page's library call refused (unknown name, …)
        app.add_exception_handler(kind, _as_page(app.exception_handlers[kind]))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if not request.url.path.startswith("/ui/"):
            return await api_validation(request, exc)
        names = ", ".join(sorted({str(item["loc"][-1]) for item in exc.errors() if item.get("loc")}))
        values = {"names": names or "?"}
        context = {"title_key": "bad_link_title", "message_key": "bad_parameter", "message_values": values}
        return page(request, "error.html", context, 400)

    api_unexpected = app.exception_handlers[Exception]

    @app.exception_handler(Exception)  # answered by segmint.api.errors.Unexpected
    async def unexpected(request: Request, exc: Exception):
        """A bug on a page: an error page in the page's language, the traceback in the server log only (the
        API's internal_error JSON was shown in its place)."""
        if not request.url.path.startswith("/ui/"):
            return await api_unexpected(request, exc)
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        context = {"title_key": "server_error_title", "message_key": "server_error"}
        try:
            return page(request, "error.html", context, 500)
        except Exception:  # the page around the message failed too (its workspace, say): the message alone
            log.exception("the error page of %s failed as well", request.url.path)
            text = escape(translator("en")("server_error"))
            return HTMLResponse(f"<!doctype html><title>500</title><p>{text}</p>", status_code=500)


def _as_page(api_handler):
    """The API's handler of an error outside /ui/, an error page under it (the message as the library
    wrote it, in the page's language where web/messages.py knows it: an error with a code, from it)."""
    from segmint.web.render import page

    async def handler(request: Request, exc: Exception):
        if not request.url.path.startswith("/ui/"):
            return await api_handler(request, exc)
        status = getattr(exc, "status", 400)
        exc = getattr(exc, "error", None) or exc  # an API answer for a coded library error: that error
        # worded from its code (web/messages.py): a rule or segment error, and any other with a code (a
        # refusal of segmint.toml or of the playbook, a campaign's)
        worded = isinstance(exc, RuleError | SegmentError) or getattr(exc, "code", None) is not None
        message = exc if worded else getattr(exc, "message", None) or str(exc)
        title = "not_found_title" if status == 404 else "cannot_do_title"
        return page(request, "error.html", {"title_key": title, "message": message}, status)

    return handler
