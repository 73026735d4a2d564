"""A workspace is a folder: `segmint.toml` (settings) and `segmint.duckdb` (the store).

Everything above the store reads through one Ibis backend (`Workspace.con`), so it does not know which
engine runs; writes that must be atomic (imports, merges) go through `Workspace.transaction()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import ibis
from ibis.backends.duckdb import Backend as DuckDBBackend

from segmint.config import CONFIG_FILE, Settings, dump_settings, load_settings
from segmint.errors import WorkspaceError
from segmint.store.migrations import migrate

DATABASE_FILE = "segmint.duckdb"
WORKSPACE_ENV = "SEGMINT_WORKSPACE"


def resolve_path(path: str | os.PathLike | None) -> Path:
    """The workspace folder: the given path, else $SEGMINT_WORKSPACE, else the current folder."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(WORKSPACE_ENV) or Path.cwd())


class TransactionAborted(RuntimeError):
    """A transaction was rolled back at its end because a transaction joined into it failed and the
    caller caught that error: a bug of the calling code, not of the user's input."""


class Workspace:
    """An open workspace. Use `Workspace.init` to create one and `Workspace.open` to open one."""

    def __init__(self, path: Path, settings: Settings, con: DuckDBBackend):
        self.path = path
        self.settings = settings
        self.con = con

    # -- creating and opening -------------------------------------------------------------------
    @classmethod
    def init(cls, path: str | os.PathLike, settings: Settings | None = None) -> Workspace:
        """Create a workspace folder (or adopt an empty one) and open it."""
        path = Path(path)
        if (path / CONFIG_FILE).exists():
            raise WorkspaceError(
                f"{path} is already a segmint workspace", code="workspace.exists", params={"path": str(path)}
            )
        if path.exists() and any(path.iterdir()):
            raise WorkspaceError(
                f"{path} exists and is not empty; choose a new or empty folder",
                code="workspace.not_empty",
                params={"path": str(path)},
            )
        path.mkdir(parents=True, exist_ok=True)
        (path / CONFIG_FILE).write_text(dump_settings(settings or Settings()), encoding="utf-8")
        return cls.open(path)

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, read_only: bool = False) -> Workspace:
        """Open a workspace and bring its schema up to date."""
        path = resolve_path(path)
        config = path / CONFIG_FILE
        if not config.exists():
            raise WorkspaceError(
                f"{path} is not a segmint workspace (no {CONFIG_FILE}); "
                f"create one with `segmint init {path}`",
                code="workspace.missing",
                params={"path": str(path), "file": CONFIG_FILE},
            )
        settings = load_settings(config)
        try:
            raw = duckdb.connect(str(path / DATABASE_FILE), read_only=read_only)
        except duckdb.IOException as exc:
            raise _why_not_opened(path, exc) from exc
        # DuckDB draws a progress bar on stdout for any query over 2 s, even when stdout is a pipe: at
        # 1M customers a refresh's queries did, and `--json` printed bars before its JSON document
        raw.execute("SET enable_progress_bar = false")
        if not read_only:
            try:
                migrate(raw)
            except BaseException:  # refused (a migration's coded refusal): the file is not left held open
                raw.close()
                raise
        return cls(path, settings, ibis.duckdb.from_connection(raw))

    def close(self) -> None:
        self.con.disconnect()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- access ---------------------------------------------------------------------------------
    @property
    def raw(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection under the Ibis backend, for transactions and bulk loading."""
        return self.con.con

    def table(self, name: str) -> ibis.Table:
        return self.con.table(name)

    def now(self, *, whole_seconds: bool = True) -> dt.datetime:
        """Wall-clock time, naive, in the workspace's time zone (settings.timezone), not the machine's:
        orders and events are stored in it (docs/data-model.md), so every stamp segmint writes beside
        them and every "today" it compares them with is too. On a UTC server a Kyiv shop's campaign
        launch was stamped two hours early, and purchases made before the send counted as conversions."""
        moment = dt.datetime.now(ZoneInfo(self.settings.timezone)).replace(tzinfo=None)
        return moment.replace(microsecond=0) if whole_seconds else moment

    def today(self) -> dt.date:
        return self.now().date()

    _in_transaction = False  # a transaction of this workspace is open (set by `transaction`)
    _joined_failed = False  # a joined transaction ended in an error (the whole must roll back)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: an error, Ctrl-C or a kill inside leaves the store as it was. Inside another
        transaction of this workspace it joins that one (DuckDB has no nested transactions): its error
        rolls back the whole, so two library changes can be made all or nothing (the API's PATCH). A
        joined one's error caught by the caller still rolls the whole back at its end (TransactionAborted):
        the failed change may be half written, and committing it would break its all or nothing."""
        raw = self.raw
        if self._in_transaction:
            try:
                yield raw
            except BaseException:
                self._joined_failed = True
                raise
            return
        raw.execute("BEGIN TRANSACTION")
        self._in_transaction, self._joined_failed = True, False
        try:
            yield raw
        except BaseException:
            raw.execute("ROLLBACK")
            raise
        finally:
            self._in_transaction = False
        if self._joined_failed:
            raw.execute("ROLLBACK")
            raise TransactionAborted(
                "a change inside this transaction failed and its error was caught: nothing was written"
            )
        raw.execute("COMMIT")

    def counts(self) -> dict[str, int]:
        """Rows per canonical table, for summaries."""
        names = ["customers", "orders", "order_items", "events", "products", "quarantine"]
        return {name: int(self.table(name).count().execute()) for name in names}


def _why_not_opened(path: Path, exc: duckdb.IOException) -> WorkspaceError:
    """DuckDB's lock error in plain words: the file is locked by a process that has the workspace open
    (a refresh, an import, `segmint serve`, a notebook), and the way out is to wait for it."""
    held = re.search(r"Conflicting lock is held in .*?\(PID (\d+)\)", str(exc))
    if held is None:
        return WorkspaceError(f"cannot open {path / DATABASE_FILE}: {exc}")
    return WorkspaceError(
        f"the workspace {path} is in use by another process (PID {held[1]}: a refresh, an import, "
        "segmint serve or a notebook that has it open); wait until it ends, or stop it, and try again",
        code="workspace.in_use",
        params={"path": str(path), "pid": int(held[1])},
    )
