"""Files segmint writes for users (exports, YAML): checked before any work, so a bad path costs nothing
and leaves nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path


def why_unwritable(path: str | Path) -> str | None:
    """Why `path` cannot be written as a file (a folder, a file in a missing folder, no permission),
    in words to follow "cannot write PATH: "; None when it can."""
    path = Path(path)
    if path.is_dir():
        return "it is a folder; name a file in it"
    folder = path.parent
    if not folder.exists():
        return f"the folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "permission denied"
    return None
