"""DuckDB's memory limit is one setting of the database, shared by its connections. `segmint serve` runs a
refresh on a connection of its own while a request imports a file on another; each lowers the limit for
its work and put back what it found, so when the refresh ended during the import, the import put back the
refresh's lowered limit and the server kept it for good. Now the limit is the sum of the running jobs'
budgets (capped by the limit from before) and the limit from before the first job is restored after the
last."""

from __future__ import annotations

import threading

import ibis

import segmint
from segmint import Workspace, build_demo
from segmint.ingest import pipeline

BEFORE = "3.0 GiB"


def limit(raw) -> str:
    return raw.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_a_refresh_ending_during_an_import_leaves_the_limit_as_it_was(tmp_path):
    path = tmp_path / "ws"
    build_demo(path, n_customers=300, seed=3)
    csv = tmp_path / "customers.csv"
    csv.write_text("customer_id,full_name\nM-1,Марія\nM-2,Іван\n", encoding="utf-8")
    with Workspace.open(path) as ws:
        ws.raw.execute(f"SET memory_limit = '{BEFORE}'")
        cursors = [ws.raw.cursor(), ws.raw.cursor()]
        on = [Workspace(ws.path, ws.settings, ibis.duckdb.from_connection(c)) for c in cursors]
        importing, refreshed = threading.Event(), threading.Event()
        seen: dict[str, str] = {}
        errors: list[BaseException] = []

        def refresh() -> None:
            def progress(done, total, day) -> None:  # inside the refresh, its limit set
                seen["refresh"] = limit(ws.raw)
                assert importing.wait(60)  # the import has started and lowered it again

            try:
                segmint.refresh(on[0], progress=progress)
            except BaseException as exc:
                errors.append(exc)
            finally:
                refreshed.set()

        def import_() -> None:
            def progress(step, done, total) -> None:
                if step == "read" and not importing.is_set():
                    seen["both"] = limit(ws.raw)
                    importing.set()
                    assert refreshed.wait(60)  # the refresh ends (and restores) while the import runs
                    seen["import"] = limit(ws.raw)

            try:
                pipeline.import_file(on[1], "customers", csv, progress=progress)
            except BaseException as exc:
                errors.append(exc)

        refresher = threading.Thread(target=refresh)
        refresher.start()
        while "refresh" not in seen and refresher.is_alive():
            refresher.join(0.05)
        importer = threading.Thread(target=import_)
        importer.start()
        refresher.join(120)
        importer.join(120)
        for cursor in cursors:
            cursor.close()
        assert errors == []
        assert seen["refresh"] == "2.0 GiB"  # the refresh's budget
        assert seen["both"] == "2.9 GiB"  # the refresh's and the import's budgets (2 GiB + 1 GB)
        assert seen["import"] == "953.6 MiB"  # the import's alone
        assert limit(ws.raw) == BEFORE  # and the limit from before, once both are done


def test_the_limit_does_not_creep_down_job_after_job(tmp_path):
    """DuckDB shows the limit rounded down ('18.8 GiB'), and setting that text back made it show 0.1 GiB
    less: every refresh or import lowered a server's limit for good (1.5GB was 1.0 GiB after four)."""
    from segmint.store import memory

    path = tmp_path / "ws"
    build_demo(path, n_customers=300, seed=3)
    with Workspace.open(path) as ws:
        ws.raw.execute("SET memory_limit = '1.5GB'")
        first = None
        for _ in range(6):
            with memory.bounded(ws.raw, 2**30):
                assert limit(ws.raw) != "1.5GB"  # lowered for the job
            shown = limit(ws.raw)
            first = first or shown
            assert shown == first
        assert memory.size_in_bytes(first) >= 1.2 * 2**30  # 1.5GB shows as 1.3 GiB: one rounding at most
        ws.raw.execute("SET memory_limit = '900MB'")  # a limit the user sets between jobs is kept
        with memory.bounded(ws.raw, 2**30):
            pass
        assert 800e6 < memory.size_in_bytes(limit(ws.raw)) < 900e6
