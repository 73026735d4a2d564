"""DuckDB's memory limit lowered for a heavy job (an import, a refresh) and restored after it.

The limit is one setting of the database, shared by all its connections. `segmint serve` runs a refresh on
a connection of its own while a request imports a file on another (api/refreshing.py); when each job set
its own limit and put back the one it found, a refresh ending during an import left the import to put back
the refresh's lowered limit for good. So the jobs of one database share the setting here: while any runs,
the limit is the sum of their budgets (each job may use its own), never above the limit found before the
first, which is restored after the last. A lower limit set by the user is kept.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator

_guard = threading.Lock()
_running: dict[str, dict] = {}  # database file -> {"before": setting text, "budgets": [bytes, ...]}


def size_in_bytes(text: str) -> float | None:
    """'953.6 MiB', '1GB', '2.0 GiB' (as DuckDB prints and reads sizes) in bytes; None when not a size
    (an unlimited setting)."""
    found = re.fullmatch(r"\s*([\d.]+)\s*([KMGT]?)(i?)(?:B|bytes)?\s*", text, re.IGNORECASE)
    if not found:
        return None
    number, prefix, binary = found.groups()
    power = "KMGT".find(prefix.upper()) + 1 if prefix else 0
    return float(number) * (1024 if binary else 1000) ** power


@contextlib.contextmanager
def bounded(raw, budget: float) -> Iterator[None]:
    """Run the block with DuckDB's memory limit at most `budget` bytes for it (see the module)."""
    with _guard:
        (key,) = raw.execute(
            "SELECT coalesce(path, ':memory:') FROM duckdb_databases() "
            "WHERE database_name = current_database()"
        ).fetchone()
        job = _running.get(key)
        if job is None:
            (before,) = raw.execute("SELECT current_setting('memory_limit')").fetchone()
            job = _running[key] = {"before": before, "budgets": []}
        job["budgets"].append(budget)
        _apply(raw, job)
    try:
        yield
    finally:
        with _guard:
            job["budgets"].remove(budget)
            if job["budgets"]:
                _apply(raw, job)
            else:
                del _running[key]
                raw.execute(f"SET memory_limit = '{job['before']}'")


def _apply(raw, job: dict) -> None:
    before, wanted = size_in_bytes(job["before"]), sum(job["budgets"])
    setting = job["before"] if before is not None and before <= wanted else f"{int(wanted)}B"
    raw.execute(f"SET memory_limit = '{setting}'")
