"""Fixtures of the parity suite: ONE local Spark session for the whole run (a JVM takes 10-20 s to
start), and the rule tests' shop loaded both in a DuckDB workspace and in Spark.

With `--dist loadgroup` (pyproject addopts) all parity tests run in the same xdist worker (the scheduler
in tests/conftest.py groups tests/parity by path; the modules' xdist_group("spark") marks say the same
for xdist versions that honour them), so `pytest -n 2` starts one JVM, not two.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from segmint import Workspace

pytest.importorskip("pyspark", reason="the parity suite needs the spark extra: pip install -e '.[spark]'")

from py4j.protocol import Py4JError, Py4JJavaError

from rules.shop import draw, load
from segmint.engines.spark import add_table, load_workspace, local_session

from .cases import catalogue, extend, predictions


@pytest.fixture(scope="session")
def spark_log(tmp_path_factory) -> Path:
    """Where the JVM writes its log (its standard error: Spark's ERROR lines). Without this the JVM keeps
    the standard error it was started with, the captured output of the test that happened to start it,
    which pytest throws away when that test passes: a CI run whose SparkContext stopped halfway showed 207
    failures and no word of why."""
    return tmp_path_factory.mktemp("spark") / "jvm.log"


@pytest.fixture(scope="session")
def spark(spark_log):
    with open(spark_log, "ab") as log, _stderr_to(log.fileno()):
        session = local_session()
    yield session
    session.stop()


@contextlib.contextmanager
def _stderr_to(fd: int):
    """Point file descriptor 2 at `fd` while the block runs: a child process started in it (the JVM)
    keeps that standard error for its life."""
    saved = os.dup(2)
    try:
        os.dup2(fd, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@pytest.fixture(autouse=True)
def _spark_not_stopped(request, spark_log):
    """A test that uses Spark fails at once, saying why, when the JVM has died or its SparkContext has
    stopped (Spark stops it itself on an error in one of its own threads). Without this every later query
    failed with a NullPointerException from SparkPlan.session that named neither, and the JVM's own
    account of it was lost (spark_log)."""
    if "spark" not in request.fixturenames:
        return
    try:
        context = request.getfixturevalue("spark")._jsc.sc()
        if not context.isStopped():
            return
        context.assertNotStopped()  # raises; its message says where the context was created and stopped
        where = "the SparkContext stopped"
    except Py4JJavaError as error:
        where = f"the SparkContext stopped earlier in this run.\n{error}"
    except (Py4JError, OSError) as error:
        where = f"the JVM is gone: {error!r}"
    log = spark_log.read_text(errors="replace") if spark_log.exists() else ""
    pytest.fail(f"{where}\nthe JVM's log (its end):\n{log[-6000:]}")


@pytest.fixture(scope="session")
def shop_rows() -> dict[str, list[dict]]:
    """The rule tests' shop with the parity cases' additions (cases.extend)."""
    return extend(draw())


@pytest.fixture(scope="session")
def duck_shop(tmp_path_factory, shop_rows) -> Workspace:
    ws = Workspace.init(tmp_path_factory.mktemp("parity") / "shop")
    load(ws, shop_rows)
    ws.raw.register("incoming", catalogue())
    ws.raw.execute("INSERT INTO products BY NAME SELECT * FROM incoming")
    ws.raw.unregister("incoming")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def spark_shop(spark, duck_shop):
    """The Ibis PySpark backend over the same shop."""
    return load_workspace(duck_shop, spark)


@pytest.fixture(scope="session")
def predicted(duck_shop, spark_shop, shop_rows):
    """The same stored predictions and clustering (cases.predictions) on each engine, by engine name."""
    table = predictions([c["customer_id"] for c in shop_rows["customers"]])
    duck_shop.raw.register("incoming", table)
    duck_shop.raw.execute("CREATE TABLE parity_predictions AS SELECT * FROM incoming")
    duck_shop.raw.unregister("incoming")
    return {
        "duckdb": duck_shop.con.table("parity_predictions"),
        "spark": add_table(spark_shop, "parity_predictions", table),
    }
