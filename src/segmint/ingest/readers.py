"""Readers: any supported file becomes one DuckDB temp table of its columns plus `_row`.

`_row` is where a person finds the record: the line a spreadsheet shows for CSV and xlsx (header = 1),
the 1-based record number for Parquet, the line number for JSON lines. Text formats arrive as text and are
parsed per field later, so every problem can name its row and column; Parquet keeps its own types.
Structural problems (unbalanced quotes, wrong column counts, a huge field, a broken JSON line) become
`Problem`s that the importer quarantines; a file that cannot be read at all raises DataError.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from segmint.errors import DataError
from segmint.ingest.reasons import Reason
from segmint.ingest.textfiles import blank_rows, layout, to_utf8

RAW = "_segmint_raw"
MAX_FIELD_BYTES = 2_000_000  # DuckDB's max_line_size default; a longer line is quarantined, not read
# Each unclosed quote reads the rest of the file again (`_read_pieces`): past this many, the rest is read as
# DuckDB reads it (a runaway value quarantined with the lines it swallowed), so a file with a stray quote
# on every line costs at most this many reads, not one a line (measured: 1,000 quotes in 20,000 lines took
# 205 s and ran out of memory without the limit; the old single read took 5 s).
MAX_REREADS = 10


@dataclass
class Problem:
    row: int | None
    column: str | None
    value: str | None
    reason: Reason
    record: str | None = None  # JSON of the whole record, when known


@dataclass
class RawTable:
    """The file as read: a temp table `RAW` with the source columns and `_row`."""

    columns: list[str]
    rows: int  # records that were read into RAW
    problems: list[Problem] = field(default_factory=list)
    typed: bool = False  # True when columns keep the file's own types (Parquet)
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def rows_read(self) -> int:
        return self.rows + len(self.problems)


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".txt", ".tsv", ".tab", ""):
        return "csv"
    raise DataError(
        f"unsupported file type {suffix!r}; use CSV, .xlsx, Parquet or JSON lines",
        str(path),
        code="import.file_type",
        params={"suffix": suffix},
    )


def read(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    encoding=None,
    delimiter=None,
    progress: Callable[[str], None] | None = None,
) -> RawTable:
    if not path.exists():
        raise DataError("no such file", str(path), code="import.no_file")
    fmt = file_format(path)
    if fmt == "parquet":
        return _read_parquet(con, path)
    if fmt == "xlsx":
        from segmint.ingest.excel import read_xlsx

        return _load_arrow(con, read_xlsx(path), path)
    if fmt == "jsonl":
        return _read_jsonl(con, path, encoding)
    return _read_csv(con, path, encoding, delimiter)


STDIN = "-"  # the file name that reads standard input, as the CLI's `segmint import orders -`


@contextlib.contextmanager
def regular_file(path: Path) -> Iterator[Path]:
    """`path` itself, or for standard input (`-`) and a pipe (`/dev/stdin`, `<(...)`, a FIFO) a temporary
    copy with the same suffix: reading takes several passes over a file (encoding, delimiter, rows, its
    hash), and a pipe gives its bytes once. Read in place, a pipe looked empty ("the file is empty")."""
    piped = str(path) == STDIN or path.is_fifo() or path.is_char_device()
    if not piped:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="segmint-") as tmp:
        copy = Path(tmp) / f"stdin{path.suffix}"
        with open(copy, "wb") as out:
            if str(path) == STDIN:
                shutil.copyfileobj(sys.stdin.buffer, out, 1 << 22)
            else:
                with open(path, "rb") as source:
                    shutil.copyfileobj(source, out, 1 << 22)
        yield copy


def _check_header(path: Path, header: list[str]) -> None:
    if not header or all(not h.strip() for h in header):
        raise DataError("no header row: the first line is empty", str(path), 1, code="import.header_missing")
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name.strip():
            raise DataError(
                f"the header of column {index + 1} is empty; every column needs a name",
                str(path),
                1,
                code="import.header_empty",
                params={"position": index + 1},
            )
        if name in seen:
            raise DataError(
                f"the header {name!r} appears twice (columns {seen[name] + 1} and {index + 1})",
                str(path),
                1,
                name,
                code="import.header_twice",
                params={"name": name, "first": seen[name] + 1, "second": index + 1},
            )
        seen[name] = index


def _read_csv(con, path: Path, encoding: str | None, delimiter: str | None) -> RawTable:
    found = layout(path, encoding, delimiter)
    _check_header(path, found.header)
    columns = dict.fromkeys(found.header, "VARCHAR")
    with tempfile.TemporaryDirectory(prefix="segmint-") as tmp:
        readable = to_utf8(path, found.encoding, Path(tmp) / "utf8.csv")
        pieces = _read_pieces(con, readable, found.delimiter, columns, Path(tmp))
    problems = [problem for piece in pieces for problem in piece.problems]
    if len(pieces) == 1 and not pieces[0].skipped:
        # Every record was read and no line skipped: its row is its position plus the header line. A view,
        # not a copy (a copy of every row costs as much as reading the file again); the body table stays
        # until cleanup.
        (first,) = con.execute(f"SELECT coalesce(min(rowid), 0) FROM {RAW}_body").fetchone()
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {RAW} AS SELECT *, rowid - {int(first)} + 2 AS _row FROM {RAW}_body"
        )
    else:
        _number_rows(con, pieces)
    rows = con.execute(f"SELECT count(*) FROM {RAW}").fetchone()[0]
    if rows == 0 and not problems:
        raise DataError("the file has a header but no data rows", str(path), 2, code="import.no_data_rows")
    return RawTable(list(found.header), rows, problems, encoding=found.encoding, delimiter=found.delimiter)


@dataclass
class _Piece:
    """One read_csv pass over the file, or over what follows a line whose quote is never closed."""

    table: str
    first: int  # the row its first record would have without a line skipped: 2, then a runaway line's + 1
    skipped: list[int]  # rows (of the whole file) that are no record of the table: rejected and empty lines
    end: int | None  # the runaway line's row: the table's records from there on are read again after it
    problems: list[Problem]


def _read_pieces(con, readable: Path, delimiter: str, columns: dict, tmp: Path) -> list[_Piece]:
    """The file read by DuckDB, in pieces when a quote is never closed.

    A quote opened in a value and not closed makes DuckDB read the rest of the file (or up to the next stray
    quote) as that one value, and reject it as one record: 3 rows read of 6, the others lost in the
    rejected line. Only that line is the bad row, as in a spreadsheet: it is quarantined, and the lines
    after it are read again as a file of their own, the same way."""
    pieces: list[_Piece] = []
    source, header, before = readable, True, 0  # before: the rows of the file before `source`'s first line
    while True:
        table = f"{RAW}_body" + (str(len(pieces)) if pieces else "")
        rejects = _scan(con, source, table, delimiter, columns, header)
        runaway = next((r for r in rejects if _runs_away(r)), None)
        rest = None
        if runaway and len(pieces) < MAX_REREADS:
            rest = _rest_after(source, runaway, tmp / f"rest{len(pieces)}.csv")
        if rest is None:
            runaway = None
        end = runaway["line"] if runaway else None
        kept = [r for r in _first_per_line(rejects) if end is None or r["line"] < end]
        problems = [_csv_problem(r, before) for r in kept]
        if runaway:  # only its own line: the lines after it are read again
            problems.append(_csv_problem({**runaway, "csv_line": _own_line(runaway["csv_line"])}, before))
        blanks = [b for b in blank_rows(source) if end is None or b < end]
        skipped = [before + row for row in sorted([r["line"] for r in kept] + blanks)]
        first = before + (2 if header else 1)
        pieces.append(_Piece(table, first, skipped, None if end is None else before + end, problems))
        if rest is None:
            return pieces
        source, header, before = rest, False, before + end


def _scan(con, source: Path, table: str, delimiter: str, columns: dict, header: bool) -> list[dict]:
    """Read `source` into `table`; its rejected lines, in file order."""
    con.execute("DROP TABLE IF EXISTS _segmint_rejects; DROP TABLE IF EXISTS _segmint_scans")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_csv($path, "
        f"delim=$delim, header=$header, "
        "auto_detect=false, columns=$columns, quote='\"', escape='\"', strict_mode=true, "
        "max_line_size=$max_line, store_rejects=true, rejects_table='_segmint_rejects', "
        "rejects_scan='_segmint_scans')",
        {
            "path": str(source),
            "delim": delimiter,
            "header": header,
            "columns": columns,
            "max_line": MAX_FIELD_BYTES,
        },
    )
    names = ("line", "at", "column", "error_type", "csv_line", "message")
    rejects = [
        dict(zip(names, reject, strict=True))
        for reject in con.execute(
            "SELECT line, line_byte_position, column_name, error_type, csv_line, error_message "
            "FROM _segmint_rejects ORDER BY line, byte_position"
        ).fetchall()
    ]
    con.execute("DROP TABLE IF EXISTS _segmint_rejects; DROP TABLE IF EXISTS _segmint_scans")
    return rejects


def _first_per_line(rejects: list[dict]) -> list[dict]:
    """A line can be rejected for several reasons; report the first."""
    first: dict[int, dict] = {}
    for reject in rejects:
        first.setdefault(int(reject["line"]), reject)
    return list(first.values())


def _runs_away(reject: dict) -> bool:
    """A quote not closed on its line, whose value ran on over the lines after it."""
    text = (reject["csv_line"] or "").strip("\r\n")
    return reject["error_type"] == "UNQUOTED VALUE" and ("\n" in text or "\r" in text)


def _own_line(csv_line: str) -> str:
    """The first line of a rejected record's text, without the line breaks around it."""
    return re.split(r"\r\n|\r|\n", csv_line.lstrip("\r\n"), maxsplit=1)[0]


def _rest_after(source: Path, reject: dict, target: Path) -> Path | None:
    """A copy of `source` from the line after the runaway record's first line; None when nothing follows
    it, or when the record is not where DuckDB says (its line_byte_position is 1-based)."""
    text = reject["csv_line"].encode()
    start = int(reject["at"]) - 1
    with open(source, "rb") as handle:
        handle.seek(max(start, 0))
        if start < 0 or handle.read(len(text)) != text:
            return None
        lead = len(text) - len(text.lstrip(b"\r\n"))
        line = _own_line(reject["csv_line"]).encode()
        handle.seek(start + lead + len(line))
        handle.seek(start + lead + len(line) + (2 if handle.read(2) == b"\r\n" else 1))
        with open(target, "wb") as out:
            shutil.copyfileobj(handle, out, 1 << 22)
    with open(target, "rb") as copy:
        while block := copy.read(1 << 22):
            if block.strip():
                return target
    return None


# DuckDB's rejects error_type -> (our reason, its code); DuckDB's own message follows in brackets
CSV_REASONS = {
    "UNQUOTED VALUE": ("unbalanced quotes: a quoted value is not closed properly", "import.csv_quotes"),
    "TOO MANY COLUMNS": ("wrong number of columns", "import.csv_columns"),
    "MISSING COLUMNS": ("wrong number of columns", "import.csv_columns"),
    "LINE SIZE OVER MAXIMUM": (
        f"a field or line longer than {MAX_FIELD_BYTES:,} bytes",
        "import.csv_too_long",
    ),
    "INVALID ENCODING": ("bytes that are not valid text in the file's encoding", "import.csv_encoding"),
}
# DuckDB's message of a wrong column count, whose numbers the wording shows
_COLUMN_COUNTS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def _csv_problem(reject: dict, before: int) -> Problem:
    """A rejected record as a quarantined row (`before`: the rows of the file before the piece read). Its
    text is shown without the line breaks around it: DuckDB's starts with the line break before it in a
    file of CRLF lines, or after an empty line."""
    error_type, message = str(reject["error_type"]), str(reject["message"])
    text, code = CSV_REASONS.get(error_type, (error_type.lower(), "import.csv_other"))
    params: dict = {"detail": message}
    if code == "import.csv_too_long":
        params["limit"] = MAX_FIELD_BYTES
    elif code == "import.csv_other":
        params["kind"] = error_type.lower()
    counts = _COLUMN_COUNTS.fullmatch(message) if code == "import.csv_columns" else None
    if counts:
        code, params["expected"], params["found"] = "import.csv_columns.counts", counts[1], counts[2]
    reason = Reason(f"{text} ({message})", code, **params)
    line = reject["csv_line"].strip("\r\n") if reject["csv_line"] is not None else None
    value = line if line is None or len(line) <= 200 else line[:200] + "…"
    record = json.dumps({"line": line[:10_000] if line else None})
    return Problem(int(reject["line"]) + before, reject["column"], value, reason, record)


def _number_rows(con, pieces: list[_Piece]) -> None:
    """RAW: the records of every piece with their spreadsheet row: the piece's first row plus the record's
    position plus the rows before it that it does not count, the rejected records (DuckDB's line is the
    spreadsheet row) and the empty lines DuckDB skipped. A piece's records from its runaway line on are left
    out: the next piece reads them again."""
    con.execute("CREATE OR REPLACE TEMP TABLE _segmint_gaps (p INTEGER, g BIGINT, n BIGINT)")
    gaps = [
        (index, line - piece.first - i, i + 1)
        for index, piece in enumerate(pieces)
        for i, line in enumerate(piece.skipped)
    ]
    if gaps:
        con.executemany("INSERT INTO _segmint_gaps VALUES (?, ?, ?)", gaps)
    selects = [
        f"SELECT * FROM (SELECT b.*, b._k + {piece.first} + coalesce((SELECT max(n) FROM _segmint_gaps "
        f"WHERE p = {index} AND g <= b._k), 0) AS _row "
        f"FROM (SELECT *, rowid - (SELECT min(rowid) FROM {piece.table}) AS _k FROM {piece.table}) b)"
        + (f" WHERE _row < {piece.end}" if piece.end is not None else "")
        for index, piece in enumerate(pieces)
    ]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {RAW} AS SELECT * EXCLUDE (_k) FROM ("
        + " UNION ALL ".join(selects)
        + ") ORDER BY _row"
    )
    con.execute("DROP TABLE _segmint_gaps")
    for piece in pieces:
        con.execute(f"DROP TABLE {piece.table}")


def _read_parquet(con, path: Path) -> RawTable:
    try:
        names = [
            r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet($p)", {"p": str(path)}).fetchall()
        ]
    except duckdb.Error as exc:
        raise DataError(
            f"not a readable Parquet file: {exc}",
            str(path),
            code="import.parquet",
            params={"detail": str(exc)},
        ) from exc
    # A view, not a copy: the staging step reads the file once, with its own types.
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {RAW} AS SELECT * EXCLUDE (file_row_number), file_row_number "
        f"+ 1 AS _row "
        f"FROM read_parquet('{_sql_string(path)}', file_row_number=true)"
    )
    rows = con.execute(f"SELECT count(*) FROM {RAW}").fetchone()[0]
    if rows == 0:
        raise DataError("the file has no rows", str(path), code="import.no_rows")
    return RawTable(names, rows, typed=True)


def _sql_string(path: Path) -> str:
    # Views cannot take parameters; the path is a quoted SQL string literal.
    return str(path).replace("'", "''")


def _read_jsonl(con, path: Path, encoding: str | None) -> RawTable:
    if path.stat().st_size == 0:
        raise DataError("the file is empty", str(path), code="import.file_empty")
    columns: dict[str, list] = {}
    rows: list[int] = []
    problems: list[Problem] = []
    with open(path, encoding=encoding or "utf-8-sig", errors="strict") as handle:
        try:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict):
                        raise ValueError("not a JSON object")
                except ValueError as exc:
                    reason = Reason(f"not a JSON object: {exc}", "import.json_line", detail=str(exc))
                    problems.append(Problem(line_no, None, line[:200], reason, None))
                    continue
                for key in record:
                    columns.setdefault(key, [None] * len(rows))
                for key, values in columns.items():
                    value = record.get(key)
                    values.append(value if value is None or isinstance(value, str) else json.dumps(value))
                rows.append(line_no)
        except UnicodeDecodeError as exc:
            raise DataError(
                f"not valid {encoding or 'utf-8'} text ({exc.reason})",
                str(path),
                len(rows) + 1,
                code="import.not_text",
                params={"encoding": encoding or "utf-8", "detail": exc.reason},
            ) from exc
    if not rows and not problems:
        raise DataError("the file has no records", str(path), code="import.no_records")
    table = pa.table(
        {**{k: pa.array(v, pa.string()) for k, v in columns.items()}, "_row": pa.array(rows, pa.int64())}
    )
    raw = _load_arrow(con, table, path)
    raw.problems = problems
    return raw


def _load_arrow(con, table: pa.Table, path: Path) -> RawTable:
    con.register("_segmint_arrow", table)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {RAW} AS SELECT * FROM _segmint_arrow")
    finally:
        con.unregister("_segmint_arrow")
    columns = [c for c in table.column_names if c != "_row"]
    return RawTable(columns, table.num_rows)
