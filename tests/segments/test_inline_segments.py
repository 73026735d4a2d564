"""in_segment(...) of a dynamic segment is compiled on the frame of the rule reading it (rules/compile.py
inline_segment): the rules of a refresh are one statement over one scan of the orders."""

from __future__ import annotations

from segmint import refresh, segments
from segmint.rules import compile_rules
from segmint.segments.store import rule_context

from .tinyshop import BIG, RECENT


def test_rules_reading_other_dynamic_segments_scan_the_orders_once_and_select_their_members(shop):
    segments.create(shop, "Recent", RECENT)
    segments.create(shop, "Big", BIG)
    segments.create(shop, "Big not recent", 'in_segment("Big") and not in_segment("Recent")')
    segments.create(shop, "Reader of reader", 'in_segment("Big not recent") or city = "Київ"')
    refresh(shop)
    names = ("Recent", "Big", "Big not recent", "Reader of reader")
    rules = {f"r{i}": segments.find(shop, name).rule for i, name in enumerate(names)}
    table = compile_rules(rules, rule_context(shop, rules["r3"]))
    # before, each in_segment(...) was a member list compiled on a frame of its own, one more scan
    assert shop.con.compile(table).count('FROM "orders"') == 1
    result = table.to_pyarrow().to_pylist()
    for i, name in enumerate(names):
        chosen = {row["customer_id"] for row in result if row[f"r{i}"]}
        listed = set(segments.members(shop, name).to_pyarrow().column("customer_id").to_pylist())
        assert chosen == listed, name
    assert any(row["r3"] for row in result) and not all(row["r3"] for row in result)
