"""Uploaded files kept in the workspace: `uploads/<time>-<id>/<name>`, beside the `imports` row that records
their SHA-256, so a quarantined row can be looked up in the file it came from. One place for the API's
upload (POST /imports) and the web page's (POST /ui/imports): the page used a temporary folder of its own,
and its files were gone after the import. A refused upload's file is discarded."""

from __future__ import annotations

import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

UPLOADS = "uploads"  # folder of the workspace that keeps uploaded files


@dataclass(frozen=True)
class KeptUpload:
    name: str  # the user's file name, safe as a file name
    path: Path  # where it is kept: uploads/<time>-<id>/<name>

    def save(self, file) -> None:
        """Copy the upload (a file-like `file`) into the workspace (a worker thread's job: it may be
        large)."""
        self.path.parent.mkdir(parents=True)
        with open(self.path, "wb") as out:
            shutil.copyfileobj(file, out, 1 << 20)

    def discard(self) -> None:
        """Delete a refused upload's file and its folder."""
        shutil.rmtree(self.path.parent, ignore_errors=True)


def kept_upload(ws, filename: str | None, suffix: str | None = None) -> KeptUpload:
    """Where an upload named `filename` is kept in workspace `ws`; `suffix` appended to the name when the
    reader is to read it other than its own suffix says (the web page reads an .dat export as CSV)."""
    name = safe_name(filename)
    folder = Path(ws.path) / UPLOADS / f"{ws.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"
    return KeptUpload(name, folder / (name + (suffix or "")))


def safe_name(name: str | None) -> str:
    """The upload's own file name without folders or characters a file system may refuse (the suffix
    says how to read it, so it stays)."""
    base = Path((name or "").replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f/:*?\"<>|]", "_", base).strip(" .")
    return base[-200:] or "upload"
