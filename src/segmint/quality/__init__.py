"""Data quality: audit the customer base, find duplicates (splink), merge them reversibly.

    >>> from segmint.quality import audit, find_duplicates, merge_duplicates, undo_merge  # doctest: +SKIP

Merged records stay in `customers` with `merged_into` set; customer metrics filter `merged_into IS NULL`.
"""

from segmint.quality.auditing import AuditReport, audit
from segmint.quality.dedupe import DEFAULT_THRESHOLD, DuplicateReport, find_duplicates
from segmint.quality.merge import MergeResult, UndoResult, merge_duplicates, merge_history, undo_merge

__all__ = [
    "DEFAULT_THRESHOLD",
    "AuditReport",
    "DuplicateReport",
    "MergeResult",
    "UndoResult",
    "audit",
    "find_duplicates",
    "merge_duplicates",
    "merge_history",
    "undo_merge",
]
