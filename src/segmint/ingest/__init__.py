"""Import pipeline: files in, canonical rows out, nothing lost (see docs/import.md).

>>> from segmint.ingest import import_file
>>> summary = import_file(ws, "orders", "orders.csv")   # doctest: +SKIP
"""

from __future__ import annotations

from segmint.ingest import pipeline
from segmint.ingest.summary import ImportSummary

__all__ = ["ImportSummary", "import_file", "refresh_after_import"]


def import_file(ws, entity: str, path, *, refresh: bool = True, **options) -> ImportSummary:
    """Import one file, then refresh the families and dynamic segments when the import changed anything,
    as `segmint import` does (refresh=False skips it, like --no-refresh). `options` are
    pipeline.import_file's (mapping, preset, encoding, progress, …); `progress` hears one more step,
    'refresh'. The refresh's summary is `summary.refresh` (None when none ran)."""
    summary = pipeline.import_file(ws, entity, path, **options)
    if refresh:
        refresh_after_import(ws, summary, options.get("progress"))
    return summary


def refresh_after_import(ws, summary: ImportSummary, progress=None) -> ImportSummary:
    """The refresh that follows an import, when it changed anything: the one place Python, the CLI and
    the API decide on it (the API runs it apart, after the committed import, so a refresh failure is not
    taken for a failed upload)."""
    if summary.inserted or summary.updated:
        from segmint.history import refresh  # history loads the models: only when used

        if progress:
            progress("refresh", len(pipeline.STEPS), len(pipeline.STEPS))
        summary.refresh = refresh(ws)
    return summary
