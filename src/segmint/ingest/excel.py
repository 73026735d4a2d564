"""Excel .xlsx: the first sheet, every cell as text, read with python-calamine (Rust).

calamine reads the UCI Online Retail II sheet (525k lines) in a few seconds of CPU where openpyxl took a
minute. It reads an Excel error cell (#N/A, #REF!) as empty (python-calamine issue #105), which would let a
later export clear a stored value where the old reader refused "#N/A" and kept it; so a sheet with error
cells is read by openpyxl (read-only), whose rows are the same otherwise, and so is a workbook calamine
cannot open (it expects its parts where Excel puts them).

A merged header cell would leave columns without a name (both readers report the covered cells as empty),
so such a sheet is refused with the file, sheet and cell to fix.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

import pyarrow as pa
import python_calamine
from openpyxl.utils import get_column_letter

from segmint.errors import DataError


def _text(value) -> str | None:
    """A cell as the text a person sees; by the type's identity first, as this runs once per cell."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        return str(int(value)) if value.is_integer() else str(value)
    if value is None:
        return None
    if kind is dt.datetime:
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _unreadable(path: Path, exc: Exception) -> DataError:
    if not zipfile.is_zipfile(path):  # a CSV or an old .xls under an .xlsx name: zipfile's "File is not a
        # zip file" told the user nothing, and in English whatever the workspace's language
        return DataError(
            "not a readable Excel workbook (.xlsx): the file is not in that format (a CSV or an old .xls "
            "under an .xlsx name?); save it from Excel as an .xlsx workbook or as CSV",
            str(path),
            code="import.xlsx_not_workbook",
        )
    return DataError(
        f"not a readable .xlsx workbook: {exc}",
        str(path),
        code="import.xlsx",
        params={"detail": str(exc)},
    )


def _first_sheet_part(book: zipfile.ZipFile) -> str:
    """The zip member holding the first sheet, as xl/workbook.xml orders the sheets (any namespace: strict
    OOXML names them differently)."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    first = next(e for e in workbook.iter() if e.tag.endswith("}sheet"))
    rel_id = next(v for k, v in first.attrib.items() if k.endswith("}id"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def _has_error_cells(path: Path) -> bool:
    """Whether the first sheet holds a cell of type error (`t="e"`): a scan of its XML, ~1 s per 200 MB."""
    with zipfile.ZipFile(path) as book, book.open(_first_sheet_part(book)) as sheet:
        tail = b""
        while chunk := sheet.read(1 << 20):
            if b't="e"' in tail + chunk:
                return True
            tail = chunk[-4:]
    return False


class _Sheet(NamedTuple):
    name: str
    rows: list[Sequence]  # from A1; an empty cell is None or ''
    merged_header: Callable[[], str | None]  # the first merged range touching row 1 ("B1:C1"), if any


def _calamine_sheet(path: Path) -> _Sheet:
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    merged = sheet.merged_cell_ranges or []  # taken now: the sheet's cells are freed when it goes

    def merged_header() -> str | None:
        return next(
            (
                f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"
                for (r0, c0), (r1, c1) in merged
                if r0 == 0
            ),
            None,
        )

    return _Sheet(sheet.name, sheet.to_python(skip_empty_area=False), merged_header)


def _openpyxl_sheet(path: Path) -> _Sheet:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        name, rows = sheet.title, list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()

    def merged_header() -> str | None:  # read-only mode has no merged cells: load the full workbook
        full = openpyxl.load_workbook(path)
        try:
            return next((m.coord for m in full[name].merged_cells.ranges if m.min_row == 1), None)
        finally:
            full.close()

    return _Sheet(name, rows, merged_header)


def _sheet(path: Path) -> _Sheet:
    """The first sheet, by calamine unless it has error cells or calamine cannot read the workbook (it
    expects the parts where Excel puts them; openpyxl follows the package's relationships)."""
    try:
        if not _has_error_cells(path):
            return _calamine_sheet(path)
    except Exception:
        pass
    try:
        return _openpyxl_sheet(path)
    except Exception as exc:  # openpyxl raises many kinds (zip, xml, key errors) for a broken workbook
        raise _unreadable(path, exc) from exc


def _columns(rows: Iterable[Sequence], width: int) -> tuple[list[list[str | None]], list[int]]:
    """Every data row's cells as text, column by column, and the rows' numbers (empty rows skipped)."""
    columns: list[list[str | None]] = [[] for _ in range(width)]
    numbers: list[int] = []
    for row_no, values in enumerate(rows, start=2):
        cells = [_text(v) for v in values[:width]] if values else []
        if all(c is None for c in cells):
            continue
        cells += [None] * (width - len(cells))
        for column, cell in zip(columns, cells, strict=True):
            column.append(cell)
        numbers.append(row_no)
    return columns, numbers


def read_xlsx(path: Path) -> pa.Table:
    title, rows, merged_header = _sheet(path)
    if not rows:
        raise DataError(
            f"sheet {title!r} is empty",
            str(path),
            code="import.sheet_empty",
            params={"sheet": title},
        )
    header = [_text(h) for h in rows[0]]
    columns, numbers = _columns(rows[1:], len(header))
    for index, name in enumerate(header):
        if (name is None or not name.strip()) and not any(v is not None for v in columns[index]):
            continue  # an unused column at the edge of the sheet
        if name is None or not name.strip():
            cell = f"{get_column_letter(index + 1)}1"
            merged = merged_header()
            if merged:
                raise DataError(
                    f"sheet {title!r}, cell {cell}: the header cells {merged} are merged; "
                    f"unmerge them so "
                    "every column has its own header",
                    str(path),
                    1,
                    code="import.sheet_merged",
                    params={"sheet": title, "cell": cell, "merged": merged},
                )
            raise DataError(
                f"sheet {title!r}, cell {cell}: empty header; every column needs a name",
                str(path),
                1,
                code="import.sheet_header_empty",
                params={"sheet": title, "cell": cell},
            )
    keep = [i for i, name in enumerate(header) if name is not None and name.strip()]
    header, columns = [header[i] for i in keep], [columns[i] for i in keep]
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise DataError(
            f"sheet {title!r}: the header {dup!r} appears twice",
            str(path),
            1,
            dup,
            code="import.sheet_header_twice",
            params={"sheet": title, "name": dup},
        )
    if not numbers:
        raise DataError(
            f"sheet {title!r} has a header but no data rows",
            str(path),
            2,
            code="import.sheet_no_rows",
            params={"sheet": title},
        )
    arrays = {name: pa.array(column, pa.string()) for name, column in zip(header, columns, strict=True)}
    return pa.table({**arrays, "_row": pa.array(numbers, pa.int64())})
