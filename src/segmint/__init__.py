"""segmint: customer segmentation for CRM and loyalty data.

    >>> import segmint
    >>> ws = segmint.Workspace.open("my-shop")     # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

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


# Loaded on first use: segmint.history brings the CLV and cluster models (pandas, SciPy) and the demo
# generator NumPy and SciPy, which a command that needs none of them (`segmint segments list`, every
# `--help`) should not pay for at each start. So do the subpackages (`segmint.rules.parse_rule(...)`
# works after a bare `import segmint`).
_LAZY = {
    "refresh": ("segmint.history", "refresh"),
    "RefreshSummary": ("segmint.history", "RefreshSummary"),
    "import_file": ("segmint.ingest", "import_file"),
    "ImportSummary": ("segmint.ingest", "ImportSummary"),
    "build_demo": ("segmint.demo.build", "build_demo"),
    "DemoSummary": ("segmint.demo.build", "DemoSummary"),
}


def __getattr__(name: str):
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(import_module(module), attribute)
    if not name.startswith("_") and find_spec(f"segmint.{name}") is not None:
        return import_module(f"segmint.{name}")
    raise AttributeError(f"module 'segmint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
