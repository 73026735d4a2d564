"""The statements run on a workspace's real DuckDB connection, recorded: what the tests share that check
how a refresh or a send reads and writes (the orders read once, a requeue in one UPDATE)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


class Recording:
    """The workspace's real DuckDB connection, keeping the text of every statement run on it (execute and
    sql); everything else passes through."""

    def __init__(self, con):
        self.con, self.statements = con, []

    def __getattr__(self, name):
        return getattr(self.con, name)

    def execute(self, sql, *args, **kwargs):
        self.statements.append(sql)
        return self.con.execute(sql, *args, **kwargs)

    def sql(self, sql, *args, **kwargs):
        self.statements.append(sql)
        return self.con.sql(sql, *args, **kwargs)


@contextlib.contextmanager
def recorded(ws) -> Iterator[list[str]]:
    """The text of every statement run on `ws`'s DuckDB connection inside the block, as run."""
    recording = Recording(ws.con.con)
    ws.con.con = recording
    try:
        yield recording.statements
    finally:
        ws.con.con = recording.con
