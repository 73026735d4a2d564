"""SIGKILL an import of a 1M-row file midway: the store stays as it was; the re-run equals a clean import.

The import runs as the real command (`python -m segmint import orders FILE`) on a pseudo-terminal, so it
draws its progress bar; the test kills it as soon as the bar says "storing": the quarantine rows are
written by then and the orders are being written, all inside the import's transaction. Two kills: during
the first import of a 1M-row file into an empty store, and during a later export's import that updates
100k of those orders and adds 50k new ones. Stores are compared by a fingerprint of every row of every
table the import writes (counts and an order-independent sum of row hashes), leaving out only what
differs between any two runs (import ids, times).
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROWS = 1_000_000
CHANGED_RANGE = 300_000  # the second file: the first 300k orders again (every third changed) ...
NEW = 50_000  # ... and 50k new ones
VOLATILE = {"import_id", "imported_at", "started_at", "finished_at"}
TABLES = ("customers", "orders", "order_items", "events", "quarantine", "rejected_values", "imports")
ENV = {**os.environ, "COLUMNS": "200", "TERM": "xterm-256color"}

pytestmark = pytest.mark.slow


def write_orders(path: Path, version: int) -> Path:
    """A Ukrainian CRM export: `;`, dd.mm.yyyy dates, comma decimals, guests, a few bad rows and duplicate
    ids. Version 1 has ROWS orders; version 2 (a later export) the first CHANGED_RANGE of them, every third
    with another total and status, and NEW new orders."""
    if version == 1:
        numbers, changed = f"range({ROWS})", "false"
    else:
        numbers = (
            f"(SELECT * FROM range({CHANGED_RANGE}) UNION ALL SELECT * FROM range({ROWS}, {ROWS + NEW}))"
        )
        changed = "i % 3 = 0"
    duckdb.connect().execute(
        f"""COPY (
        SELECT
          'O' || lpad((CASE WHEN i % 100003 = 7 THEN i - 1 ELSE i END)::VARCHAR, 7, '0')
            AS "Номер замовлення",
          CASE WHEN i % 17 = 0 THEN '' ELSE 'C' || (i % 100000)::VARCHAR END AS "Код клієнта",
          strftime(TIMESTAMP '2023-01-01' + to_seconds(i * 37), '%d.%m.%Y %H:%M') AS "Дата",
          CASE WHEN i % 250007 = 11 THEN '-5,00'
               ELSE replace((((i * 7919) % 100000 + CASE WHEN {changed} THEN 1 ELSE 0 END) / 100.0)::VARCHAR,
                            '.', ',') END AS "Сума",
          CASE WHEN i % 5 = 0 THEN '10,00' ELSE '0' END AS "Знижка",
          ['online', 'pos', 'офлайн'][i % 3 + 1] AS "Канал",
          CASE WHEN i % 3 = 1 THEN 'Київ, ТРЦ ' || (i % 40)::VARCHAR ELSE '' END AS "Магазин",
          CASE WHEN i % 333331 = 5 THEN 'загублено'
               WHEN {changed} THEN 'повернення'
               ELSE ['виконано', 'completed', 'скасовано', 'returned'][i % 4 + 1] END AS "Статус"
        FROM {numbers} t(i)
        ORDER BY i
        ) TO '{path}' (HEADER, DELIMITER ';')"""
    )
    return path


def segmint(*args) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "segmint", *map(str, args)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done


def import_command(file: Path, workspace: Path) -> list[str]:
    return ["import", "orders", str(file), "-w", str(workspace), "--create-missing-customers", "--no-refresh"]


def kill_while_storing(file: Path, workspace: Path) -> str:
    """Run the import on a pseudo-terminal; SIGKILL it once its progress bar reads 'storing'."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "segmint", *import_command(file, workspace)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=ENV,
    )
    os.close(follower)
    shown, deadline = "", time.monotonic() + 600
    try:
        while "storing" not in shown:
            assert process.poll() is None, f"the import ended before it was killed:\n{shown[-2000:]}"
            assert time.monotonic() < deadline, "the import never reached its storing step"
            if select.select([leader], [], [], 0.05)[0]:
                shown += os.read(leader, 1 << 16).decode(errors="replace")
        time.sleep(0.2)  # well inside the step: storing a million orders takes seconds
        assert "committing" not in shown
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    return shown


def fingerprint(workspace: Path) -> dict[str, tuple[int, int]]:
    """Per table: row count and the sum of row hashes (every column but the volatile ones)."""
    con = duckdb.connect(str(workspace / "segmint.duckdb"), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [
                name
                for (name,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                    [table],
                ).fetchall()
                if name not in VOLATILE
            ]
            row = ", ".join(f'"{c}"' for c in columns)
            count, total = con.execute(f"SELECT count(*), sum(hash({row})) FROM {table}").fetchone()
            out[table] = (count, int(total or 0))
        return out
    finally:
        con.close()


def test_a_killed_import_leaves_the_store_as_it_was_and_the_rerun_equals_a_clean_import(tmp_path):
    first = write_orders(tmp_path / "замовлення-1.csv", 1)
    second = write_orders(tmp_path / "замовлення-2.csv", 2)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    # in English: the test watches the progress bar for the word "storing"
    segmint("init", clean, "--language", "en")
    segmint("init", killed, "--language", "en")
    empty = fingerprint(killed)

    segmint(*import_command(first, clean))
    after_first = fingerprint(clean)
    segmint(*import_command(second, clean))
    after_second = fingerprint(clean)
    assert after_first["orders"][0] > 900_000 and after_first["quarantine"][0] > 0
    assert after_first["orders"][0] + NEW - 10 < after_second["orders"][0] <= after_first["orders"][0] + NEW
    assert after_second["orders"][1] != after_first["orders"][1]  # the second file changed orders

    kill_while_storing(first, killed)
    assert fingerprint(killed) == empty  # nothing of the killed import: no orders, customers, quarantine
    segmint(*import_command(first, killed))
    assert fingerprint(killed) == after_first

    kill_while_storing(second, killed)
    assert fingerprint(killed) == after_first  # not one order updated, no new order, no second import row
    segmint(*import_command(second, killed))
    assert fingerprint(killed) == after_second
