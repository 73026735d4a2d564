"""Import pipeline: files in, canonical rows out, nothing lost (see docs/import.md).

>>> from segmint.ingest import import_file
>>> summary = import_file(ws, "orders", "orders.csv")   # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from segmint.ingest.summary import ImportSummary

__all__ = ["ImportSummary", "after_import", "import_file", "needs_refresh"]


def import_file(ws, entity: str, path, *, refresh: bool = True, **options) -> ImportSummary:
    """Import one file, then refresh the families and dynamic segments when the import changed anything,
    as `segmint import` does (refresh=False skips it, like --no-refresh), and run the triggers once
    (after_import). `options` are pipeline.import_file's (mapping, preset, encoding, progress, …);
    `progress` hears one more step, 'refresh'. The refresh's summary is `summary.refresh` (None when none
    ran)."""
    from segmint.ingest import pipeline

    summary = pipeline.import_file(ws, entity, path, **options)
    return after_import(ws, summary, refresh=refresh, progress=options.get("progress"))


def after_import(ws, summary: ImportSummary, *, refresh: bool = True, progress=None) -> ImportSummary:
    """What follows a committed import: the one place Python, the CLI and the API decide on it (the API
    runs it apart, after the import, so a refresh failure is not taken for a failed upload). The refresh,
    when asked for and the import changed anything; the triggers once: the refresh runs them (the new
    events' event triggers with its entries and exits), else an events import does. Run twice (as they
    were, by the import and again by its refresh) a failing webhook was called twice at once and spent
    two of its attempts."""
    if refresh and needs_refresh(summary):
        from segmint.history import refresh as refresh_segments  # history loads the models: only when used
        from segmint.ingest import pipeline

        if progress:
            progress("refresh", len(pipeline.STEPS), len(pipeline.STEPS))
        summary.refresh = refresh_segments(ws)
        summary.triggers_skipped = list(summary.refresh.triggers_skipped)
    elif summary.entity == "events":  # the events just committed fire their triggers (segmint.triggers)
        from segmint.triggers.run import run_if_any

        ran = run_if_any(ws)
        summary.triggers_skipped = list(ran.skipped) if ran else []
    return summary


def needs_refresh(summary: ImportSummary) -> bool:
    """Whether the import changed anything a refresh reads (`segmint serve` runs that refresh itself, off
    the request: segmint.api.refreshing; without one, after_import(refresh=False) still runs triggers)."""
    return bool(summary.inserted or summary.updated)


def __getattr__(name: str):
    """ImportSummary on first use: a submodule such as ingest.fields (the settings' check of event types)
    is imported without the pipeline and its libraries (ibis, pyarrow: ~1 s of `Workspace.open`)."""
    if name == "ImportSummary":
        from segmint.ingest.summary import ImportSummary

        return ImportSummary
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
