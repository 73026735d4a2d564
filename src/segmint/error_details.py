"""What a program reads of an error segmint refused something with: its stable code and params (a rule
error's line and column too), never the English message. The REST API's error bodies and the CLI's
`--json` refusals give the same details, so a client words an error in its own language from either
(as the web UI does: web/*_errors.py)."""

from __future__ import annotations

from typing import Any

from segmint.errors import DataError, RuleError, SegmintError
from segmint.segments.model import SegmentError


def error_details(exc: BaseException | None) -> dict | None:
    """The details of any error: a rule's, a segment's, a file's, another coded one's; None for one with
    no code."""
    if isinstance(exc, RuleError):
        return rule_details(exc)
    if isinstance(exc, SegmentError):
        return segment_details(exc)
    if isinstance(exc, DataError) and exc.file is not None:
        return data_details(exc)
    return coded_details(exc) if isinstance(exc, SegmintError) else None


def data_details(exc: DataError, file: str | None = None) -> dict:
    """Where in a file an import was refused (its row and column, None where the whole file is at fault)
    and the reason's stable code and params (web/import_errors.py words them). `file` names the file
    as the caller knows it (the API: the name it was uploaded as, not the server's copy)."""
    where = {"file": file if file is not None else str(exc.file), "row": exc.row, "column": exc.column}
    return where | {"code": exc.code, "params": exc.params}


def file_details(exc: OSError) -> dict:
    """A file the system refused with no code of segmint's (an OSError): which file, and the errno."""
    return {"file": str(exc.filename), "errno": exc.errno}


def rule_details(exc: RuleError) -> dict:
    """Where a rule error is, and its stable code and params (web/rule_errors.py words them)."""
    details = {"line": exc.line, "column": exc.column, "caret": exc.caret() or None}
    if exc.segment is not None:  # a stored segment's rule (a refresh, or in_segment of it)
        details["segment"] = exc.segment
    details.update(code=exc.code, params=exc.params)
    return details


def coded_details(exc: SegmintError) -> dict | None:
    """The stable code and params of an error that carries a code, else None: a campaign, template or
    trigger error (CodedError), and a ConfigError, DataError or WorkspaceError given one (a send's
    [campaigns] settings, settings.*, import.*)."""
    code = getattr(exc, "code", None)
    return None if code is None else {"code": code, "params": exc.params}


def segment_details(exc: SegmentError) -> dict:
    """A segment error's stable code and params (web/segment_errors.py words them), and the coded error
    it wraps, if any."""
    details: dict[str, Any] = {"code": exc.code, "params": exc.params}
    if isinstance(exc.cause, RuleError):
        details["cause"] = rule_details(exc.cause)
    elif isinstance(exc.cause, SegmentError):
        details["cause"] = segment_details(exc.cause)
    return details
