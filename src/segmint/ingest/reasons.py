"""Why a row or a value was refused: the English reason with a stable code and the values it quotes.

The English `reason` is what the CLI, the API and the exports show; `code` and `params` let the web UI word
the same reason in the user's language (web/import_errors.py) without reading the English, so a change to
the English cannot leave a translation behind. In Python a reason is a `Reason` (a str, so it compares and
prints as the English text); in SQL it is a JSON column `{"code": ..., "params": {...}}` beside the text
column (`why`), which the quarantine and rejected_values rows keep as `reason_code` and `reason_params`.
"""

from __future__ import annotations

import json

import ibis
import ibis.expr.datatypes as dt


@ibis.udf.scalar.builtin
def to_json(value) -> dt.JSON:  # type: ignore[empty-body]
    """DuckDB's to_json (JSON: a cast to text is then a real cast, so every `why` column is text)."""


class Reason(str):
    """The English reason, carrying its `code` and `params`."""

    code: str
    params: dict

    def __new__(cls, text: str, code: str, **params) -> Reason:
        reason = super().__new__(cls, text)
        reason.code, reason.params = code, params
        return reason

    def why(self) -> str:
        """The code and params as the JSON a `why` column holds."""
        return json.dumps({"code": self.code, "params": self.params}, ensure_ascii=False)


def why(code: str, **params: ibis.Value | str | int) -> ibis.StringValue:
    """A `why` column's value: `code` with `params` (Ibis expressions or plain values), as JSON text."""
    if not params:
        return ibis.literal(json.dumps({"code": code, "params": {}}))
    values = {
        key: value if isinstance(value, ibis.Value) else ibis.literal(value) for key, value in params.items()
    }
    return to_json(ibis.struct({"code": ibis.literal(code), "params": ibis.struct(values)})).cast("string")


def code_of(why_column: str) -> str:
    """SQL: the code in a `why` column."""
    return f"json_extract_string({why_column}, '$.code')"


def params_of(why_column: str) -> str:
    """SQL: the params in a `why` column, as JSON."""
    return f"json_extract({why_column}, '$.params')"
