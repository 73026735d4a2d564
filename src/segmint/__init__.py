"""segmint: customer segmentation for CRM and loyalty data.

    >>> import segmint
    >>> ws = segmint.Workspace.open("my-shop")     # doctest: +SKIP
"""

from segmint.config import Settings
from segmint.errors import (
    ConfigError,
    DataError,
    EncodingError,
    MappingError,
    SegmintError,
    WorkspaceError,
)
from segmint.store.workspace import Workspace

__all__ = [
    "ConfigError",
    "DataError",
    "EncodingError",
    "MappingError",
    "SegmintError",
    "Settings",
    "Workspace",
    "WorkspaceError",
]
__version__ = "0.1.0"
