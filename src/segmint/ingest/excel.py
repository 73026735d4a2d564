"""Excel .xlsx: the first sheet, read with openpyxl in read-only mode, every cell as text.

A merged header cell would leave columns without a name (openpyxl's read-only mode reports the covered
cells as empty), so such a sheet is refused with the file, sheet and cell to fix.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pyarrow as pa
from openpyxl.utils import get_column_letter

from segmint.errors import DataError


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _merged_header_cell(path: Path, sheet_name: str) -> str | None:
    """The first merged range touching row 1 (needs the full, not read-only, workbook: only on failure)."""
    workbook = openpyxl.load_workbook(path)
    try:
        for merged in workbook[sheet_name].merged_cells.ranges:
            if merged.min_row == 1:
                return merged.coord
    finally:
        workbook.close()
    return None


def read_xlsx(path: Path) -> pa.Table:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, xml, key errors) for a broken workbook
        raise DataError(
            f"not a readable .xlsx workbook: {exc}",
            str(path),
            code="import.xlsx",
            params={"detail": str(exc)},
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header_cells = next(rows, None)
        if header_cells is None:
            raise DataError(
                f"sheet {sheet.title!r} is empty",
                str(path),
                code="import.sheet_empty",
                params={"sheet": sheet.title},
            )
        header = [_text(h) for h in header_cells]
        columns: list[list] = [[] for _ in header]
        numbers: list[int] = []
        for row_no, values in enumerate(rows, start=2):
            if values is None or all(v is None for v in values):
                continue
            for index, column in enumerate(columns):
                column.append(_text(values[index]) if index < len(values) else None)
            numbers.append(row_no)
    finally:
        workbook.close()
    for index, name in enumerate(header):
        if (name is None or not name.strip()) and not any(v is not None for v in columns[index]):
            continue  # an unused column at the edge of the sheet
        if name is None or not name.strip():
            cell = f"{get_column_letter(index + 1)}1"
            merged = _merged_header_cell(path, sheet.title)
            if merged:
                raise DataError(
                    f"sheet {sheet.title!r}, cell {cell}: the header cells {merged} are merged; "
                    f"unmerge them so "
                    "every column has its own header",
                    str(path),
                    1,
                    code="import.sheet_merged",
                    params={"sheet": sheet.title, "cell": cell, "merged": merged},
                )
            raise DataError(
                f"sheet {sheet.title!r}, cell {cell}: empty header; every column needs a name",
                str(path),
                1,
                code="import.sheet_header_empty",
                params={"sheet": sheet.title, "cell": cell},
            )
    keep = [i for i, name in enumerate(header) if name is not None and name.strip()]
    header, columns = [header[i] for i in keep], [columns[i] for i in keep]
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise DataError(
            f"sheet {sheet.title!r}: the header {dup!r} appears twice",
            str(path),
            1,
            dup,
            code="import.sheet_header_twice",
            params={"sheet": sheet.title, "name": dup},
        )
    if not numbers:
        raise DataError(
            f"sheet {sheet.title!r} has a header but no data rows",
            str(path),
            2,
            code="import.sheet_no_rows",
            params={"sheet": sheet.title},
        )
    arrays = {name: pa.array(column, pa.string()) for name, column in zip(header, columns, strict=True)}
    return pa.table({**arrays, "_row": pa.array(numbers, pa.int64())})
