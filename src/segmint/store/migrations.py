"""Apply numbered migrations so a workspace made by an older segmint opens in a newer one."""

from __future__ import annotations

import re
from collections.abc import Callable
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


_SPELLING_MACRO = re.compile(r"^CREATE TEMP MACRO segment_spelling\(name\) AS .*?;$", re.M | re.S)


def spelling_macro(sql: str) -> str:
    """The statement in 0024's `sql` that creates its segment_spelling macro: the one SQL copy of a name's
    one spelling (segments/model.py spelling), so the check before 0024 spells names as 0024 writes them."""
    match = _SPELLING_MACRO.search(sql)
    if match is None:
        raise WorkspaceError("migration 0024 has no segment_spelling macro")
    return match[0]


def _segment_names(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Before 0024 (`sql`): refuse segment names that become one name in their one spelling
    ('Мій\u00a0сегмент' beside 'Мій сегмент'), naming them, rather than fail on the names' UNIQUE
    constraint half way. The spelling is 0024's own macro (spelling_macro)."""
    con.execute(spelling_macro(sql))
    groups = con.execute(
        "SELECT list(name ORDER BY name) FROM segments GROUP BY segment_spelling(name) HAVING count(*) > 1 "
        "ORDER BY 1"
    ).fetchall()
    con.execute("DROP MACRO segment_spelling")
    if groups:
        names = [" = ".join(repr(name) for name in group) for (group,) in groups]
        raise WorkspaceError(
            f"cannot bring this workspace's segment names to their one spelling (a no-break or other "
            f"Unicode space as a space, NFC), as this segmint stores and finds them: {', '.join(names)} "
            "would be one name; rename all but one of them with the segmint that made the workspace "
            "(segmint segments edit NAME --rename NEW), then open it again",
            code="workspace.segment_names",
            params={"names": names},
        )


# refusals a migration's SQL cannot word: run first, in its transaction, by its version, given its SQL
BEFORE: dict[int, Callable[[duckdb.DuckDBPyConnection, str], None]] = {24: _segment_names}


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
            if migration.version in BEFORE:
                BEFORE[migration.version](con, migration.sql)
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
