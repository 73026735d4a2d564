"""A past import looked up by its id: the one check the CLI's `quarantine --import` and the API's
/imports/{id} routes share, so a mistyped id is refused alike (the CLI listed "0 rows in quarantine" and
exited 0 where the API answered 404: a typo read as an import that quarantined nothing)."""

from __future__ import annotations

from segmint.errors import CodedError


def recorded_import(ws, import_id: str) -> dict:
    """The `imports` row of `import_id`; a coded error (import.unknown, worded by web/import_errors.py)
    when no import has that id."""
    imports = ws.table("imports")
    rows = imports.filter(imports.import_id == import_id).to_pyarrow().to_pylist()
    if not rows:
        raise CodedError(
            f"no import has the id {import_id!r}",
            code="import.unknown",
            params={"id": import_id},
        )
    return rows[0]
