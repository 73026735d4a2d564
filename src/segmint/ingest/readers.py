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
    with tempfile.TemporaryDirectory(prefix="segmint-") as tmp:
        readable = to_utf8(path, found.encoding, Path(tmp) / "utf8.csv")
        blanks = blank_rows(readable)
        columns = dict.fromkeys(found.header, "VARCHAR")
        con.execute("DROP TABLE IF EXISTS _segmint_rejects; DROP TABLE IF EXISTS _segmint_scans")
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {RAW}_body AS SELECT * FROM read_csv($path, "
            f"delim=$delim, header=true, "
            "auto_detect=false, columns=$columns, quote='\"', escape='\"', strict_mode=true, "
            "max_line_size=$max_line, store_rejects=true, rejects_table='_segmint_rejects', "
            "rejects_scan='_segmint_scans')",
            {
                "path": str(readable),
                "delim": found.delimiter,
                "columns": columns,
                "max_line": MAX_FIELD_BYTES,
            },
        )
    rejects = con.execute(
        "SELECT line, column_name, error_type, csv_line, error_message FROM _segmint_rejects ORDER BY line"
    ).fetchall()
    con.execute("DROP TABLE IF EXISTS _segmint_rejects; DROP TABLE IF EXISTS _segmint_scans")
    first_per_line = {}
    for reject in rejects:  # a line can be rejected for several reasons; report the first
        first_per_line.setdefault(reject[0], reject)
    rejects = list(first_per_line.values())
    problems = [_csv_problem(*r) for r in rejects]
    # Each good record's spreadsheet row: its position plus the rows before it that it does not count, the
    # rejected records (DuckDB's line is the spreadsheet row) and the empty lines DuckDB skipped.
    skipped = sorted([int(line) for line, *_rest in rejects] + blanks)
    con.execute("CREATE OR REPLACE TEMP TABLE _segmint_gaps (g BIGINT, n BIGINT)")
    if skipped:
        gaps = [(line - 2 - i, i + 1) for i, line in enumerate(skipped)]
        con.executemany("INSERT INTO _segmint_gaps VALUES (?, ?)", gaps)
    if skipped:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {RAW} AS SELECT b.*, "
            "b._k + 2 + coalesce((SELECT max(n) FROM _segmint_gaps WHERE g <= b._k), 0) AS _row "
            f"FROM (SELECT *, rowid - (SELECT min(rowid) FROM {RAW}_body) AS _k FROM {RAW}_body) b "
            "ORDER BY b._k"
        )
        con.execute(f"DROP TABLE {RAW}_body; ALTER TABLE {RAW} DROP COLUMN _k")
    else:
        # Every record was read and no line skipped: its row is its position plus the header line. A view,
        # not a copy (a copy of every row costs as much as reading the file again); the body table stays
        # until cleanup.
        (first,) = con.execute(f"SELECT coalesce(min(rowid), 0) FROM {RAW}_body").fetchone()
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {RAW} AS SELECT *, rowid - {int(first)} + 2 AS _row FROM {RAW}_body"
        )
    con.execute("DROP TABLE _segmint_gaps")
    rows = con.execute(f"SELECT count(*) FROM {RAW}").fetchone()[0]
    if rows == 0 and not problems:
        raise DataError("the file has a header but no data rows", str(path), 2, code="import.no_data_rows")
    return RawTable(list(found.header), rows, problems, encoding=found.encoding, delimiter=found.delimiter)


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


def _csv_problem(line, column, error_type, csv_line, message) -> Problem:
    text, code = CSV_REASONS.get(str(error_type), (str(error_type).lower(), "import.csv_other"))
    params: dict = {"detail": str(message)}
    if code == "import.csv_too_long":
        params["limit"] = MAX_FIELD_BYTES
    elif code == "import.csv_other":
        params["kind"] = str(error_type).lower()
    counts = _COLUMN_COUNTS.fullmatch(str(message)) if code == "import.csv_columns" else None
    if counts:
        code, params["expected"], params["found"] = "import.csv_columns.counts", counts[1], counts[2]
    reason = Reason(f"{text} ({message})", code, **params)
    value = csv_line if csv_line is None or len(csv_line) <= 200 else csv_line[:200] + "…"
    return Problem(
        int(line), column, value, reason, json.dumps({"line": csv_line[:10_000] if csv_line else None})
    )


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
