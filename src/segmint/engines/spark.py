"""Run segmint's Ibis expressions on Apache Spark (the optional `segmint[spark]` extra).

Everything analytical in segmint is an Ibis expression over the canonical tables, so running it on Spark
is a matter of putting those tables into a Spark session with the same types and handing the Ibis PySpark
backend to `CompileContext.from_workspace` (the workspace's reference date, country and group names):

    session = local_session()                    # or your cluster's SparkSession
    con = load_workspace(ws, session)            # the canonical tables and products (+ features)
    ctx = CompileContext.from_workspace(ws, backend=con)

Types are kept as DuckDB stores them: TIMESTAMP (no time zone) becomes Spark's TIMESTAMP_NTZ, so the date
of an order is the same wall-clock date on both engines whatever the JVM's or the session's time zone;
DATE, DECIMAL(p, s), BOOLEAN, SMALLINT and VARCHAR[] (tags, interests, values) map one to one; JSON
columns arrive as text. docs/engines.md lists what differs between the engines.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable

import ibis
import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql.pandas.types import from_arrow_schema

# products: the catalogue names the category of an order line imported without one (rules/frame.py), so
# without it bought(category = ...), spent_on(...) and favourite_category differed from the workspace's
CANONICAL = ("customers", "orders", "order_items", "events", "products")
OPTIONAL = ("features",)


def local_session(
    cores: int = 2,
    memory: str = "2g",
    shuffle_partitions: int | None = None,
    app_name: str = "segmint",
    conf: dict[str, str] | None = None,
    short_jobs: bool = True,
) -> SparkSession:
    """A Spark session in local mode sized for a laptop or a CI runner: `cores` threads, few shuffle
    partitions (the default 200 makes every small GROUP BY schedule 200 tasks), UTC session time, no UI,
    an in-memory catalogue and a throwaway warehouse folder (nothing is written into the working
    directory). With `short_jobs` the JVM compiles with its quick JIT tier only (-XX:TieredStopAtLevel=1):
    measured on 2 busy cores, the parity suite's queries ran 2-3x faster and the session started in half
    the time, because the optimising compiler no longer competes for the cores; turn it off for long jobs
    on large data. `conf` adds or overrides settings. Reuses the running session when there is one (its
    settings then stay as they were); starting a JVM takes 10-20 s."""
    # the Python workers Spark starts (pandas UDFs) must be this interpreter, not whatever `python` is
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    warehouse = tempfile.mkdtemp(prefix="segmint-spark-")
    # the quick tier alone reserves 48 MB for compiled code (the full JIT 240 MB): Spark's generated classes
    # filled it in the parity suite ("CodeCache is full. Compiler has been disabled"), and everything after
    # ran interpreted, slower and on deeper stacks
    quick = ["-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m"]
    java_options = ["-Duser.timezone=UTC", *(quick if short_jobs else [])]
    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app_name)
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions or cores * 2))
        .config("spark.default.parallelism", str(cores * 2))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", " ".join(java_options))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def connect(session: SparkSession | None = None):
    """An Ibis PySpark backend on a session of its own (`newSession()`: same JVM and cluster, separate
    temporary views and SQL settings), so several workspaces can be loaded side by side."""
    session = session or local_session()
    return ibis.pyspark.connect(session.newSession())


def load_workspace(ws, session: SparkSession | None = None, tables: Iterable[str] | None = None):
    """Copy a workspace's canonical tables (customers, orders, order_items, events and the products
    catalogue, which names the category of a line imported without one; and `features` when it has one)
    into a fresh Spark session as temporary views with faithful types, and return the Ibis PySpark
    backend over them."""
    con = connect(session)
    present = set(ws.con.list_tables())
    names = list(tables) if tables is not None else [*CANONICAL, *(n for n in OPTIONAL if n in present)]
    for name in names:
        table = ws.con.table(name)
        required = [column for column, dtype in table.schema().items() if not dtype.nullable]
        add_table(con, name, table.to_pyarrow(), required=required)
    return con


def add_table(con, name: str, data: pa.Table, required: Iterable[str] = ()):
    """Register an Arrow table as temporary view `name` on the backend's session and return it as an
    Ibis table. Naive timestamps stay naive (TIMESTAMP_NTZ); JSON-typed columns become text; the
    `required` columns are declared NOT NULL, as in the workspace."""
    data = _plain(data)
    schema = from_arrow_schema(data.schema, prefer_timestamp_ntz=True)
    for field in schema.fields:
        field.nullable = field.nullable and field.name not in set(required)
    frame = con._session.createDataFrame(data, schema=schema)
    frame.createOrReplaceTempView(name)
    return con.table(name)


def _plain(data: pa.Table) -> pa.Table:
    """Arrow extension types (DuckDB's JSON) as their storage type, which Spark understands."""
    fields = [
        pa.field(f.name, f.type.storage_type if isinstance(f.type, pa.ExtensionType) else f.type, f.nullable)
        for f in data.schema
    ]
    return data.cast(pa.schema(fields)) if fields != list(data.schema) else data
