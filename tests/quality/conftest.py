"""Helpers for quality tests: rows go straight into the canonical tables (the import has its own tests)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from segmint import Workspace

NOW = dt.datetime(2024, 6, 1, 12, 0)


def insert(ws: Workspace, table: str, rows: list[dict]) -> None:
    """Insert rows by column name inside one transaction; imported_at is filled in."""
    if not rows:
        return
    columns = {
        name
        for (name,) in ws.raw.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }
    stamp = {"imported_at": NOW} if "imported_at" in columns else {}
    frame = pd.DataFrame([{**stamp, **row} for row in rows])
    with ws.transaction() as con:
        con.register("_rows", frame)
        try:
            con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM _rows')
        finally:
            con.unregister("_rows")


@pytest.fixture
def insert_rows():
    return insert
