"""segmint: customer segmentation for CRM and loyalty data.

    >>> import segmint
    >>> ws = segmint.Workspace.open("my-shop")     # doctest: +SKIP
"""

from segmint import history, segments
from segmint.config import Settings
from segmint.errors import (
    ConfigError,
    DataError,
    EncodingError,
    MappingError,
    RuleError,
    SegmintError,
    WorkspaceError,
)
from segmint.history import RefreshSummary, refresh
from segmint.ingest import ImportSummary, import_file
from segmint.segments.model import Segment, SegmentError
from segmint.store.workspace import Workspace

__all__ = [
    "ConfigError",
    "DataError",
    "DemoSummary",
    "EncodingError",
    "ImportSummary",
    "MappingError",
    "RefreshSummary",
    "RuleError",
    "Segment",
    "SegmentError",
    "SegmintError",
    "Settings",
    "Workspace",
    "WorkspaceError",
    "build_demo",
    "history",
    "import_file",
    "refresh",
    "segments",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    """`build_demo` and `DemoSummary` load the demo generator (NumPy, SciPy) only when asked for."""
    if name in ("build_demo", "DemoSummary"):
        from segmint.demo import build

        return getattr(build, name)
    raise AttributeError(f"module 'segmint' has no attribute {name!r}")
