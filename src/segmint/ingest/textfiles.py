"""Text files before parsing: which encoding, which delimiter, and a UTF-8 copy DuckDB can read.

DuckDB's CSV reader knows only utf-8, utf-16 and latin-1 without downloading an extension, so anything else
(cp1251 above all) is transcoded to a temporary UTF-8 file, streamed in blocks so memory stays flat.
Detection order: a BOM, then a strict UTF-8 check of the whole file, then cp1251 (what Ukrainian and
Russian Windows software writes), checked strictly too.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from segmint.errors import DataError, EncodingError

BLOCK = 1 << 22  # 4 MiB
FALLBACK_ENCODING = "cp1251"
DELIMITERS = (",", ";", "\t", "|")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class TextLayout:
    encoding: str  # a Python codec name
    delimiter: str
    header: list[str]


def _where(path: Path, head: bytes, offset: int, delimiter: str | None) -> tuple[int, int | None]:
    """Line (1-based) and field index (0-based) of a byte offset, for error messages."""
    before = head[:offset]
    line_start = before.rfind(b"\n") + 1
    field_index = before[line_start:].count(delimiter.encode()) if delimiter else None
    return before.count(b"\n") + 1, field_index


def check_encoding(path: Path, encoding: str, delimiter: str | None = None) -> None:
    """Decode the whole file strictly; raise EncodingError naming row and column of the first bad byte."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines_before, consumed = 0, 0
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                line, field_index = _where(path, block, exc.start, delimiter)
                header = sniff(path, encoding, delimiter).header if field_index is not None else []
                column = (
                    header[field_index] if field_index is not None and field_index < len(header) else None
                )
                bad = block[exc.start : exc.end]
                raise EncodingError(
                    f"bytes {bad!r} at byte {consumed + exc.start} are not valid {encoding}; "
                    "give the file's real encoding with --encoding (e.g. cp1251, utf-8, latin-1)",
                    str(path),
                    lines_before + line,
                    column,
                    code="import.encoding_bytes",
                    params={
                        "bytes": repr(bad),
                        "at": consumed + exc.start,
                        "encoding": encoding,
                        "examples": "cp1251, utf-8, latin-1",
                    },
                ) from exc
            lines_before += block.count(b"\n")
            consumed += len(block)
        decoder.decode(b"", final=True)


def detect_encoding(path: Path) -> tuple[str, bool]:
    """The file's encoding, and whether the whole file was already checked in it."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, False
    try:
        check_encoding(path, "utf-8")
        return "utf-8", True
    except EncodingError:
        return FALLBACK_ENCODING, False


def sniff(path: Path, encoding: str, delimiter: str | None) -> TextLayout:
    """Pick the delimiter that splits the first lines most consistently, and read the header."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    text = head.decode(encoding, errors="replace")
    if encoding == "utf-8-sig" or text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if len(head) == 1 << 16 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut in the middle
    sample = "\n".join(lines[:50])
    if delimiter is None:
        delimiter = _best_delimiter(sample)
    header = next(csv.reader(io.StringIO(sample), delimiter=delimiter), [])
    return TextLayout(encoding, delimiter, header)


def _best_delimiter(sample: str) -> str:
    best, best_score = ",", (-1, 0)
    for candidate in DELIMITERS:
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=candidate) if row]
        if not widths or widths[0] < 2:
            continue
        score = (sum(w == widths[0] for w in widths), widths[0])
        if score > best_score:
            best, best_score = candidate, score
    return best


def to_utf8(path: Path, encoding: str, target: Path) -> Path:
    """Stream-transcode to UTF-8 (no BOM); returns the path DuckDB should read."""
    if encoding in ("utf-8", "utf-8-sig"):
        return path  # DuckDB reads UTF-8 itself; the header (and its BOM) is skipped, we read it ourselves
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    with open(path, "rb") as source, open(target, "w", encoding="utf-8", newline="") as out:
        first = True
        while block := source.read(BLOCK):
            text = decoder.decode(block)
            if first:
                text, first = text.lstrip("\ufeff"), False
            out.write(text)
        out.write(decoder.decode(b"", final=True))
    return target


def layout(path: Path, encoding: str | None, delimiter: str | None) -> TextLayout:
    """Encoding (checked strictly) and delimiter of a delimited text file; refuse an empty file."""
    if path.stat().st_size == 0:
        raise DataError("the file is empty", str(path), code="import.file_empty")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise EncodingError(
                f"unknown encoding {encoding!r}",
                str(path),
                code="import.encoding_unknown",
                params={"encoding": encoding},
            ) from exc
        found = sniff(path, encoding, delimiter)
        check_encoding(path, encoding, found.delimiter)
        return found
    encoding, checked = detect_encoding(path)
    found = sniff(path, encoding, delimiter)
    if not checked:
        check_encoding(path, found.encoding, found.delimiter)
    return found
