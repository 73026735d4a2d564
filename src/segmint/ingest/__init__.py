"""Import pipeline: files in, canonical rows out, nothing lost (see docs/import.md).

>>> from segmint.ingest import import_file
>>> summary = import_file(ws, "orders", "orders.csv")   # doctest: +SKIP
"""

from segmint.ingest.pipeline import import_file
from segmint.ingest.summary import ImportSummary

__all__ = ["ImportSummary", "import_file"]
