"""Text files before parsing: which encoding, which delimiter, and a UTF-8 copy DuckDB can read.

DuckDB's CSV reader knows only utf-8, utf-16 and latin-1 without downloading an extension, so anything else
(cp1251 above all) is transcoded to a temporary UTF-8 file, streamed in blocks so memory stays flat.
Detection order: a BOM, then a strict UTF-8 check of the whole file, then cp1251 (what Ukrainian and
Russian Windows software writes), checked strictly too; an import refuses a file that is UTF-8 but for some
lines, rather than garble it all as cp1251. `blank_rows` finds the empty lines DuckDB's reader
skips, so the rows after them keep the line numbers a spreadsheet shows.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from segmint.errors import DataError, EncodingError, MappingError

BLOCK = 1 << 22  # 4 MiB
FALLBACK_ENCODING = "cp1251"
DELIMITERS = (",", ";", "\t", "|")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# a delimiter given by name (--delimiter tab, `delimiter: semicolon` in a mapping file) or as typed in a shell
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}


def delimiter_option(value: str | None, *, mapping_file: str | None = None) -> str | None:
    """The delimiter a person gave (--delimiter, the API's, or a mapping file's: `mapping_file` names it),
    as one character; None when none was given (detected). Anything else, two characters (`;;`), a quote or
    a line break, is refused: it stopped the import with Python's or DuckDB's traceback ('"delimiter" must
    be a 1-character string')."""
    if value is None or value == "":
        return None
    text = str(value)
    delimiter = DELIMITER_NAMES.get(text.strip().lower(), text)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        where = f"{mapping_file}: the delimiter" if mapping_file else "the delimiter"
        raise MappingError(
            f"{where} must be one character such as ; , | or tab, not {text!r}",
            code="import.delimiter.mapping" if mapping_file else "import.delimiter",
            params={"delimiter": text, **({"file": mapping_file} if mapping_file else {})},
        )
    return delimiter


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


def refuse_mixed(path: Path, delimiter: str | None) -> None:
    """Refuse a UTF-8 file with some lines in another encoding (two exports joined, a row pasted from an
    old system): read as cp1251 it would land whole with every UTF-8 header and value garbled. UTF-8 it is
    when a line before the first line that is not UTF-8, or one within a block after it, reads as UTF-8
    text (`reads_as_utf8`): a line of cp1251 letters is practically never valid UTF-8 (a small letter,
    E0-FF, is never followed by the continuation bytes UTF-8 needs), but a few capitals followed by a
    Ukrainian letter or a quote are ("ВІ" is C2 B2, "²"), and those decode to no text."""
    found = sniff(path, "utf-8", delimiter)
    try:
        check_encoding(path, "utf-8", found.delimiter)
    except EncodingError as exc:
        at = exc.params["at"]
        if not _utf8_lines_around(path, at):
            return
        raise EncodingError(
            f"the file is UTF-8 but this line is not: bytes {exc.params['bytes']} at byte {at} (a line from "
            "a Windows-1251 export?); fix the line, or read the whole file in one encoding with --encoding "
            "(e.g. cp1251)",
            str(path),
            exc.row,
            exc.column,
            code="import.encoding_mixed",
            params={"bytes": exc.params["bytes"], "at": at},
        ) from None


def _utf8_lines_around(path: Path, at: int) -> bool:
    """Whether a line before the one holding byte `at` (the first that is not UTF-8), or one in the block
    after it, reads as UTF-8 text."""
    with open(path, "rb") as handle:
        consumed, rest = 0, b""
        while consumed < at:
            block = handle.read(min(BLOCK, at - consumed))
            if not block:
                break
            consumed += len(block)
            data = rest + block
            cut = data.rfind(b"\n") + 1  # whole lines only: UTF-8 all of them, the line holding `at` never
            data, rest = data[:cut], data[cut:]
            if not data.isascii() and reads_as_utf8(data.decode("utf-8")):
                return True
        handle.seek(at)
        after = handle.read(BLOCK).split(b"\n")[1:-1]  # the lines after the bad one, not one cut short
    for line in after:
        if not line.isascii():
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if reads_as_utf8(text):
                return True
    return False


# What UTF-8 text beyond ASCII holds in our users' files: Cyrillic letters of the languages they write
# (U+0400-U+045F, Ґ ґ), Latin letters with accents (not Â Ã Ð Ñ, which start the usual mojibake), a few
# Latin-1 signs (no-break space, « » ° § © ® ± ·), and anything encoded in three or four bytes (dashes,
# quotes, №, €, ₴, emoji): a cp1251 line makes one of those only from a small letter followed by two or
# three punctuation marks, which text never has. A cp1251 line that happens to be valid UTF-8 is made of
# capitals followed by a Ukrainian letter or a quote, and decodes to Latin-1 signs ("ВІ" to "²"), C1
# controls, IPA, Greek, Armenian or Arabic letters, or a lone Cyrillic letter ("Рё" to "и").
_TEXT_BEYOND_ASCII = (
    "\u00a0\u00a7\u00a9\u00ab\u00ae\u00b0\u00b1\u00b7\u00bb\u00c0\u00c1\u00c4-\u00cf\u00d2-\u00d6"
    "\u00d8-\u00f6\u00f8-\u017f\u0218-\u021b\u0400-\u045f\u0490\u0491\u0800-\U0010ffff"
)
_NOT_TEXT = re.compile(f"[^\\x00-\\x7f{_TEXT_BEYOND_ASCII}]")
# and a sign of text: two of those letters in a row (a Cyrillic word), an accented Latin letter beside an
# ASCII one (Café), or a character of three or four bytes. One character class leads the pattern, the
# rest are look-arounds: Python's re then skips the ASCII text at C speed (an alternation of the three
# took 1.2 s over a 12 MB file of a million "²" lines, this 0.17 s)
_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u0218-\u021b\u0400-\u045f\u0490\u0491"
_ACCENTED = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u0218-\u021b"
_TEXT_SIGN = re.compile(
    f"[{_LETTERS}\u0800-\U0010ffff]"
    f"(?:(?<=[\u0800-\U0010ffff])|(?<=[A-Za-z][{_ACCENTED}])|[{_LETTERS}]|(?<=[{_ACCENTED}])[A-Za-z])"
)


def reads_as_utf8(text: str) -> bool:
    """Whether a line of `text` (decoded as UTF-8) is UTF-8 text rather than cp1251 bytes that happen to
    be valid UTF-8: a sign of text in it, and every character beyond ASCII one that text holds. The signs
    are searched in the whole text at once: a file whose lines show none costs one scan, not a loop."""
    position = 0
    while (sign := _TEXT_SIGN.search(text, position)) is not None:
        start = text.rfind("\n", 0, sign.start()) + 1
        end = text.find("\n", sign.end())
        end = len(text) if end < 0 else end
        if _NOT_TEXT.search(text, start, end) is None:
            return True
        position = end + 1
    return False


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
    if encoding == FALLBACK_ENCODING:
        refuse_mixed(path, delimiter)
    found = sniff(path, encoding, delimiter)
    if not checked:
        check_encoding(path, found.encoding, found.delimiter)
    return found


_BLANK_AFTER = {b"\n": re.compile(rb"\n(?=\r?\n)"), b"\r": re.compile(rb"\r(?=\r)")}


def blank_rows(path: Path) -> list[int]:
    """Spreadsheet rows (header = 1) of the empty lines before the last record, outside quoted cells.

    DuckDB's CSV reader drops empty lines, so a record's position alone puts every row after one a line too
    early. Most files have none: a byte search (about as fast as reading the file) says so, and only a file
    with one pays for a second pass that follows the quotes (an empty line inside a quoted cell is text, and
    a multi-line cell is one row, as DuckDB's own rejected-line numbers count it)."""
    newline = _newline(path)
    if not _has_inner_blank(path, newline):
        return []
    after = _BLANK_AFTER[newline]
    rows: list[int] = []
    lines, quoted, rest = 0, False, b""
    with open(path, "rb") as handle:
        while True:
            block = handle.read(BLOCK)
            data = rest + block
            cut = data.rfind(newline) + 1 if block else len(data)
            if block and cut == 0:
                rest = data
                continue
            data, rest = data[:cut], data[cut:]
            if not data:
                break
            # each block starts a line; it starts with an empty one when the line before ended outside quotes
            if not quoted and (data.startswith(newline) or data.startswith(b"\r\n")):
                rows.append(lines + 1)
            for index, segment in enumerate(data.split(b'"')):
                if (index % 2 == 1) != quoted:  # inside a quoted cell: its line breaks are text
                    continue
                start = lines
                for match in after.finditer(segment):
                    rows.append(start + segment.count(newline, 0, match.start() + 1) + 1)
                lines += segment.count(newline)
            quoted ^= data.count(b'"') % 2 == 1
            if not block:
                break
    return rows


def _newline(path: Path) -> bytes:
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    return b"\r" if b"\r" in head and b"\n" not in head else b"\n"


def _has_inner_blank(path: Path, newline: bytes) -> bool:
    """Whether an empty line comes before the file's last non-empty one (quotes aside), the first line too
    (the lines after one whose quote is never closed, read on their own, may start with one): the cheap check,
    vectorised (0.4 s over the 820 MB CSV of 10M orders, where `b"\\n\\n" in block` took 1.1 s)."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
        empty = newline * 2 if newline == b"\r" or b"\r\n" not in head else b"\n\r\n"
        pattern = np.frombuffer(empty, np.uint8)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - BLOCK))
        end = max(0, size - BLOCK) + len(handle.read().rstrip(b"\r\n"))  # trailing empty lines shift nothing
        handle.seek(0)
        consumed, tail = 0, empty[:1]  # as if a line ended before the first: an empty first line counts
        while consumed < end and (block := handle.read(min(BLOCK, end - consumed))):
            joined = tail + block
            data = np.frombuffer(joined, np.uint8)
            found = data[: len(data) - len(pattern) + 1] == pattern[0]
            for shift in range(1, len(pattern)):
                found &= data[shift : len(data) - len(pattern) + 1 + shift] == pattern[shift]
            if found.any():
                return True
            consumed += len(block)
            tail = joined[-2:]
    return False
