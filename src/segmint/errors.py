"""segmint's exception tree: one root, domain errors that also inherit the matching built-in.

    SegmintError
    ├── ConfigError(ValueError)         bad segmint.toml or setting; carries the file path (and a code,
    │                                   where an interface words it)
    ├── WorkspaceError(RuntimeError)    missing / unreadable / too-new workspace
    ├── DataError(ValueError)           an input file cannot be read at all; carries file, row, column
    │   └── EncodingError               the bytes are not in the declared / detected encoding
    ├── MappingError(ValueError)        a column mapping names a column or field that does not exist
    │                                   (a CodedError; DataError carries `code` and `params` too)
    └── RuleError(ValueError)           a segment rule that cannot be parsed, typed or compiled; carries
                                        line, column and the rule text, and shows a caret under the spot

The library raises these and never prints or exits; the CLI turns them into `Error: …` and exit 1.
"""

from __future__ import annotations

import unicodedata


class SegmintError(Exception):
    """Root of every error segmint raises on purpose."""


class CodedError(SegmintError):
    """An error an interface words in its own language from a stable `code` (e.g. "campaign.unknown") and
    `params` (the names and values the English `message` quotes), never by reading the English:
    CampaignError, TemplateError, TriggerError, SegmentError, MappingError, DeliveryError, ClvDataError.
    One that is also a built-in lists this first, `class CampaignError(CodedError, ValueError)`: a
    built-in's __init__ takes no keywords."""

    def __init__(self, message: str, *, code: str, params: dict | None = None):
        self.message, self.code, self.params = message, code, dict(params or {})
        super().__init__(message)


class ConfigError(ValueError, SegmintError):
    """A setting that cannot be used. `code` and `params`, where given, word `message` in another language
    (the campaign settings a send reads: web/campaign_errors.py)."""

    def __init__(
        self, message: str, path: str | None = None, *, code: str | None = None, params: dict | None = None
    ):
        self.path, self.code, self.params = path, code, dict(params or {})
        super().__init__(f"{path}: {message}" if path else message)


class WorkspaceError(RuntimeError, SegmintError):
    """A workspace that cannot be made or opened. `code` and `params`, where given, word `message` in
    another language (web/workspace_errors.py): the CLI's most common refusal, a workspace in use by
    `segmint serve`, was English in a Ukrainian workspace."""

    def __init__(self, message: str, *, code: str | None = None, params: dict | None = None):
        self.message, self.code, self.params = message, code, dict(params or {})
        super().__init__(message)


class DataError(ValueError, SegmintError):
    """An input problem that stops a whole import; says where (file, row, column) when known. `code`
    and `params` word `message` (the reason) in another language (web/import_errors.py)."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        *,
        code: str | None = None,
        params: dict | None = None,
    ):
        self.file, self.row, self.column, self.reason = file, row, column, message
        self.code, self.params = code, dict(params or {})
        where = ", ".join(
            part
            for part in (
                str(file) if file else None,
                f"row {row}" if row is not None else None,
                f"column {column!r}" if column else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class EncodingError(DataError):
    pass


class MappingError(CodedError, ValueError):
    """A column mapping, preset or entity that does not fit the file (worded by web/import_errors.py)."""


class RuleError(ValueError, SegmintError):
    """A segment rule is wrong. `line` and `column` are 1-based (characters, not bytes) when known;
    `segment` names the stored segment whose rule it is, when the rule was not the user's input just now
    (a refresh evaluating every stored rule). `code` (stable, e.g. "unknown_name.hint") and `params` (the
    names and values the message quotes) let an interface word the error in its own language without
    reading the English `message` (web/rule_errors.py); docs/rules.md lists the codes."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        text: str | None = None,
        segment: str | None = None,
        *,
        code: str | None = None,
        params: dict | None = None,
    ):
        self.message, self.line, self.column, self.text = message, line, column, text
        self.segment, self.code, self.params = segment, code, dict(params or {})
        parts = [f"segment {segment!r}"] if segment is not None else []
        if line is not None and column is not None:
            parts.append(f"line {line}, column {column}")
        where = ", ".join(parts)
        caret = self.caret()
        super().__init__((f"{where}: " if where else "") + message + (f"\n{caret}" if caret else ""))

    def of_segment(self, name: str) -> RuleError:
        """The same error, naming the segment whose rule it is."""
        return self.moved(segment=name)

    def moved(self, **changes) -> RuleError:
        """The same error (code and params too) with other line, column, text, segment or message."""
        values = {
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "segment": self.segment,
        }
        return RuleError(**{**values, **changes}, code=self.code, params=self.params)

    def caret(self) -> str:
        """The rule line with a ^ under the column, or '' when the position or text is unknown."""
        if self.text is None or self.line is None or self.column is None:
            return ""
        lines = self.text.split("\n")  # the parser counts lines by \n only
        if not 1 <= self.line <= len(lines):
            return ""
        source = lines[self.line - 1].rstrip("\r").expandtabs(1)
        return f"  {source}\n  {' ' * _width(source[: self.column - 1])}^"


def _width(text: str) -> int:
    """Terminal columns `text` takes: wide characters (CJK, emoji) take two, combining marks and
    zero-width characters none, so the caret stays under its character."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
