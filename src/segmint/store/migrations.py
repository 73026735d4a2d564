"""Apply numbered migrations so a workspace made by an older segmint opens in a newer one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import duckdb

from segmint.errors import WorkspaceError

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available() -> list[Migration]:
    """Migrations shipped with this version, checked to be numbered 1..n without gaps."""
    found = []
    for entry in resources.files("segmint.store.schema").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    numbers = [m.version for m in found]
    if numbers != list(range(1, len(found) + 1)):
        raise WorkspaceError(f"migrations are not numbered 1..n without gaps: {numbers}")
    return found


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    (version,) = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(version)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring the schema up to date; returns the versions applied now."""
    have = current_version(con)
    shipped = available()
    if have > len(shipped):
        raise WorkspaceError(
            f"this workspace has schema version {have}, newer than this segmint knows ({len(shipped)}); "
            "upgrade segmint"
        )
    applied = []
    for migration in shipped[have:]:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
