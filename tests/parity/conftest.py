"""Fixtures of the parity suite: ONE local Spark session for the whole run (a JVM takes 10-20 s to
start), and the rule tests' shop loaded both in a DuckDB workspace and in Spark.

With `--dist loadgroup` (pyproject addopts) all parity tests run in the same xdist worker (the scheduler
in tests/conftest.py groups tests/parity by path; the modules' xdist_group("spark") marks say the same
for xdist versions that honour them), so `pytest -n 2` starts one JVM, not two.
"""

from __future__ import annotations

import pytest

from segmint import Workspace

pytest.importorskip("pyspark", reason="the parity suite needs the spark extra: pip install -e '.[spark]'")

from rules.shop import draw, load
from segmint.engines.spark import add_table, load_workspace, local_session

from .cases import catalogue, extend, predictions


@pytest.fixture(scope="session")
def spark():
    session = local_session()
    yield session
    session.stop()


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
