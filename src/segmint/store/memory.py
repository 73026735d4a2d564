"""DuckDB's memory limit lowered for a heavy job (an import, a refresh) and restored after it.

The limit is one setting of the database, shared by all its connections. `segmint serve` runs a refresh on
a connection of its own while a request imports a file on another (api/refreshing.py); when each job set
its own limit and put back the one it found, a refresh ending during an import left the import to put back
the refresh's lowered limit for good. So the jobs of one database share the setting here: while any runs,
the limit is the sum of their budgets (each job may use its own), never above the limit found before the
first, which is restored after the last. A lower limit set by the user is kept.

DuckDB shows a limit rounded down to one decimal ('18.8 GiB'), and setting that text back gives a limit
that shows as '18.7 GiB': put back as read, the limit crept down by 0.1 GiB with every job (a server's
refreshes and imports took it from 18.8 to 18.5 GiB in three; '1.5GB' ended at 1.0 GiB after four). So
the text read before a job is remembered with what the database shows once it is put back, and a later
job that finds the limit still showing that takes the remembered text: the limit stays put.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator

_guard = threading.Lock()
_running: dict[str, dict] = {}  # database file -> {"before": setting text, "budgets": [bytes, ...]}
_restored: dict[str, tuple[str, str]] = {}  # database file -> (text put back, what DuckDB then showed)


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
            before = _limit(raw)
            put_back, shown = _restored.get(key, (None, None))
            if before == shown:  # as the last job left it: the text it was put back from (see above)
                before = put_back
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
                _restored[key] = (job["before"], _limit(raw))


def _limit(raw) -> str:
    (text,) = raw.execute("SELECT current_setting('memory_limit')").fetchone()
    return text


def _apply(raw, job: dict) -> None:
    before, wanted = size_in_bytes(job["before"]), sum(job["budgets"])
    setting = job["before"] if before is not None and before <= wanted else f"{int(wanted)}B"
    raw.execute(f"SET memory_limit = '{setting}'")
