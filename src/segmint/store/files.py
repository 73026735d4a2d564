"""Files segmint writes for users (exports, YAML): checked before any work, so a bad path costs nothing
and leaves nothing half-written."""

from __future__ import annotations

import os
import re
from pathlib import Path

# CSV injection (OWASP): a spreadsheet reads a cell that starts with one of these as a formula
# (=HYPERLINK(...), @SUM(...), and tab or CR before one). A leading ' makes it text. Cells that are
# entirely a number or a phone number (-12.5, +380 67 123-45-67, (044) 123 45 67) are left intact:
# a spreadsheet reads them as numbers at worst, and a mailing service needs the phone as it is.
FORMULA_START = r"^[=+\-@\t\r]"
NUMBER_OR_PHONE = r"^[+-]?[0-9 ().-]*[0-9][0-9 ().-]*$"
_FORMULA_START, _NUMBER_OR_PHONE = re.compile(FORMULA_START), re.compile(NUMBER_OR_PHONE)


# why a path cannot be written, by code (params: file, and folder where named); an interface words the
# codes itself (web/segment_errors.py: file.unwritable.<code>)
UNWRITABLE = {
    "folder": "it is a folder; name a file in it",
    "no_folder": "the folder {folder} does not exist",
    "not_folder": "{folder} is not a folder",
    "permission": "permission denied",
}


# why a file named to be read could not be, by code (params: file): file.<code> (web/segment_errors.py)
UNREADABLE = {
    "missing": "no such file",
    "folder": "it is a folder; name a file in it",
    "permission": "permission denied",
}


def read_text(path: str | Path) -> str:
    """A text file a person wrote (a YAML spec or mapping, a message body): UTF-8 (a BOM dropped), else
    Windows-1251, which Notepad's "ANSI" writes on a Ukrainian or Russian Windows, as the segments YAML and
    the import read theirs. Raises OSError, or the UTF-8 attempt's UnicodeDecodeError when it is neither."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("cp1251")
        except UnicodeDecodeError:
            raise exc from None


def unreadable(exc: OSError) -> str | None:
    """The UNREADABLE code of an OSError from opening a file to read (None for another error): the
    operating system's own text is English in every workspace."""
    kinds = {FileNotFoundError: "missing", IsADirectoryError: "folder", PermissionError: "permission"}
    return next((code for kind, code in kinds.items() if isinstance(exc, kind)), None)


def unwritable(path: str | Path) -> tuple[str, dict] | None:
    """Why `path` cannot be written as a file (a folder, a file in a missing folder, no permission), as
    a code of UNWRITABLE and its params; None when it can."""
    path = Path(path)
    if path.is_dir():
        return "folder", {"file": str(path)}
    folder = path.parent
    if not folder.exists():
        return "no_folder", {"file": str(path), "folder": str(folder)}
    if not folder.is_dir():
        return "not_folder", {"file": str(path), "folder": str(folder)}
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "permission", {"file": str(path)}
    return None


def spreadsheet_safe(value):
    """A text cell of a CSV export as a spreadsheet must show it: with a leading ' when it would be run as
    a formula (FORMULA_START), unless it is a number or a phone number. Anything but text is returned
    as it is."""
    if isinstance(value, str) and _FORMULA_START.match(value) and not _NUMBER_OR_PHONE.match(value):
        return "'" + value
    return value
