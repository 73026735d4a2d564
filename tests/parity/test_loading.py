"""A workspace loaded into Spark is the same data: the same column types (timestamps stay naive, lists stay
lists, decimals keep precision and scale) and the same rows, value for value, in every canonical table."""

from __future__ import annotations

import pytest

from segmint.engines.spark import load_workspace

from .compare import differences

pytestmark = [
    pytest.mark.xdist_group("spark"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),  # pyspark 4.0 on pandas 3
]

KEYS = {
    "customers": ["customer_id"],
    "orders": ["order_id"],
    "order_items": ["order_id", "line_no"],
    "events": ["event_id"],
    "products": ["product_id"],
    "features": ["customer_id"],
}


def neutral(dtype):
    """The type up to what Spark cannot say: nullability (Ibis reads it as nullable), JSON (text in
    Spark) and the timestamp's stated precision (microseconds on both)."""
    if dtype.is_json():
        return "string"
    if dtype.is_timestamp():
        return ("timestamp", dtype.timezone)
    return str(dtype.copy(nullable=True))


@pytest.mark.parametrize("name", list(KEYS))
def test_tables_keep_their_types_and_not_null_columns(duck_shop, spark_shop, name):
    duck, spark = duck_shop.con.table(name).schema(), spark_shop.table(name).schema()
    assert list(duck) == list(spark)
    assert {c: neutral(t) for c, t in duck.items()} == {c: neutral(t) for c, t in spark.items()}
    assert all(t.timezone is None for t in spark.values() if t.is_timestamp())  # naive, as in DuckDB
    required = {f.name for f in spark_shop._session.table(name).schema.fields if not f.nullable}
    assert required == {c for c, t in duck.items() if not t.nullable}


@pytest.mark.parametrize("name", list(KEYS))
def test_tables_hold_the_same_rows(duck_shop, spark_shop, name):
    frames = []
    for con in (duck_shop.con, spark_shop):
        frame = con.table(name).to_pandas()
        frame.insert(0, "key", frame[KEYS[name]].astype(str).agg("|".join, axis=1))
        frames.append(frame)
    assert len(frames[0]) >= (30 if name == "products" else 100)  # the parity catalogue: 30 products
    assert differences(*frames, key="key") == []


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Los_Angeles"])
def test_a_timestamp_keeps_its_date_whatever_the_session_time_zone(duck_shop, spark, zone):
    """Workspace timestamps are wall-clock times without a zone; on Spark they are TIMESTAMP_NTZ, so the
    day of an order (which every window and as-of date compares) does not move with the session's zone."""
    con = load_workspace(duck_shop, spark, tables=["orders"])
    con._session.conf.set("spark.sql.session.timeZone", zone)
    days = []
    for orders in (duck_shop.con.table("orders"), con.table("orders")):
        frame = orders.select(
            "order_id", day=orders.ordered_at.date(), hour=orders.ordered_at.hour()
        ).to_pandas()
        days.append(frame)
    assert (days[0].hour == 23).any()  # late-evening orders: the ones a zone shift would move to another day
    assert differences(*days, key="order_id") == []


def test_the_jvm_keeps_room_for_the_code_spark_generates(spark):
    """local_session's quick JIT tier alone reserved 48 MB for compiled code; Spark's generated classes
    filled it during this suite and the JVM switched its compiler off ("CodeCache is full. Compiler has
    been disabled" in the JVM's log), so the rest of the run was interpreted. It reserves 256 MB now."""
    pools = spark._jvm.java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
    code = [pool.getUsage().getMax() for pool in pools if "Code" in pool.getName()]
    assert sum(code) >= 240 * 2**20, code
