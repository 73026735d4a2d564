"""One JSON shape for every error the API returns, and the handlers that produce it:

    {"error": {"code": "not_found", "message": "no segment named 'x'", "details": null}}

Validation errors (422) list what is wrong in `details`; a rule error gives its line and column there, any
error that carries a stable code (rule, segment, campaign, template, trigger, a send's settings) its code
and params (the unknown-segment 404 too); an unexpected exception is logged here with its traceback and
reaches the client only as "internal_error" (answered by `Unexpected`, not by Starlette's outermost
middleware, which re-raises it after answering).
"""

from __future__ import annotations

import difflib
import logging
import typing
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from segmint.error_details import error_details, rule_details
from segmint.errors import RuleError, SegmintError

log = logging.getLogger("segmint.api")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "body_too_large",
    422: "validation_error",
    500: "internal_error",
}


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    """The body of every error response."""

    error: ErrorBody


# What every route may answer besides its success, for the OpenAPI document (413: any request's body,
# api/limits.py).
ERROR_RESPONSES: dict[int | str, dict] = {
    status: {"model": ErrorResponse, "description": CODES[status].replace("_", " ")}
    for status in (400, 401, 403, 404, 413, 422)
}
# What a route that a running refresh, import or send refuses (refresh_running, ...) answers besides.
CONFLICT: dict[int | str, dict] = {
    409: {"model": ErrorResponse, "description": "conflict: refresh_running, or another run of it going on"}
}


class RequestBody(BaseModel):
    """The base of every JSON request body: a key the model does not have is refused (422, naming the key
    and the closest known one), never silently ignored."""

    model_config = ConfigDict(extra="forbid")


class ApiError(Exception):
    """Raised by routes for an answer other than success (unknown name, wrong role, ...). `error` is the
    library's coded error it answers for, when there is one (the web UI words that in its language)."""

    def __init__(
        self,
        status: int,
        message: str,
        details: Any = None,
        code: str | None = None,
        error: SegmintError | None = None,
    ):
        super().__init__(message)
        self.status, self.message, self.details, self.error = status, message, details, error
        self.code = code or CODES.get(status, "error")


def not_found(message: str, code: str | None = None, **params: Any) -> ApiError:
    """A 404; with `code`, its details are {"code", "params"} (the id asked for), as a coded library
    error's are, so a client can word it and tell which id was unknown without reading the English."""
    return ApiError(404, message, details={"code": code, "params": params} if code else None)


def error_response(status: int, code: str, message: str, details: Any = None, headers=None) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=details))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


class Unexpected:
    """ASGI middleware answering an unexpected exception with the app's handler of Exception (the JSON
    internal_error here, an error page under /ui/: web/app.py) and ending the request there. Starlette's
    ServerErrorMiddleware, which ran that handler before, then re-raises the exception: the server logged
    "Exception in ASGI application" over the handler's own log and closed the keep-alive connection, so
    the client's next request on it failed ("Connection reset"). An exception once the answer has begun
    (a streamed export) is left to it: the connection cannot carry on after half an answer."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            if started:
                raise
            request = Request(scope, receive)
            response = await scope["app"].exception_handlers[Exception](request, exc)
            await response(scope, receive, send)


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""
    app.add_middleware(Unexpected)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(exc.status, exc.code, exc.message, exc.details, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        code = CODES.get(exc.status_code, "http_error")
        details = getattr(exc, "details", None)  # limits.BodyTooLarge's limit
        return error_response(exc.status_code, code, message, details, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {
                "location": list(item.get("loc", ())),
                "message": _unknown_field(request, list(item.get("loc", ())))
                if item.get("type") == "extra_forbidden"
                else _not_json(item)
                if item.get("type") == "json_invalid"
                else item.get("msg", ""),
                "type": item.get("type"),
            }
            for item in exc.errors()
        ]
        first = details[0] if details else None
        location = first["location"] if first else []
        if first and first["type"] == "json_invalid":
            location = location[:1]  # ["body", 22]: 22 is a character, not a key (the message says so)
        where = ".".join(str(part) for part in location)
        message = f"invalid request: {where}: {first['message']}" if first else "invalid request"
        return error_response(422, "validation_error", message, details)

    @app.exception_handler(RuleError)
    async def rule_error(request: Request, exc: RuleError) -> JSONResponse:
        return error_response(400, "invalid_rule", exc.message, rule_details(exc))

    @app.exception_handler(SegmintError)
    async def segmint_error(request: Request, exc: SegmintError) -> JSONResponse:
        return error_response(400, "bad_request", str(exc), error_details(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "internal server error; the server log has the details")


def _not_json(item: dict) -> str:
    """The message for a body that is not JSON: where it breaks and why, as the decoder says it (FastAPI's
    "JSON decode error" said neither, and its location ["body", 22] read as a key "22")."""
    location = list(item.get("loc", ()))
    at = location[-1] if len(location) > 1 and isinstance(location[-1], int) else None
    why = (item.get("ctx") or {}).get("error")
    text = "the body is not valid JSON"
    text += f" after {at} characters" if at is not None else ""  # the decoder's 0-based position
    return text + (f": {why}" if why else "")


def _unknown_field(request: Request, location: list) -> str:
    """The message for a body key the request model does not have (models forbid extra keys, so a typo
    such as "descripton" is not silently ignored): the key, the closest known one, and the known ones."""
    name = str(location[-1]) if location else "?"
    model = _body_model(request, location)
    if model is None:
        return f"unknown field {name!r}"
    known = [field.alias or key for key, field in model.model_fields.items()]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown field {name!r}{hint} (the fields here: {', '.join(known)})"


def _body_model(request: Request, location: list) -> type[BaseModel] | None:
    """The pydantic model at `location` (["body", "messages", 0, "x"]) of the route's JSON body."""
    route = request.scope.get("route")
    params = getattr(getattr(route, "dependant", None), "body_params", None) or []
    if len(params) != 1 or not location or location[0] != "body":
        return None
    annotation: Any = params[0].field_info.annotation
    for part in location[1:-1]:
        model = _model_in(annotation)
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
    return _model_in(annotation)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model in an annotation such as Model, Model | None or list[Model]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
