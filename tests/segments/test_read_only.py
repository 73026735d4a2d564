"""A workspace opened read-only (a notebook reading beside a running job) answers rules as a writable one:
reading the stored features' date created the refresh-state table first, and DuckDB refuses every
CREATE on a read-only database, even CREATE TABLE IF NOT EXISTS of a table that exists."""

from __future__ import annotations

import segmint as sm
from segmint import Workspace
from segmint.rules import select_members

from .test_history_groups_of_then import _ids
from .tinyshop import JAN, TODAY


def test_a_read_only_workspace_answers_rules_on_any_date(shop):
    sm.refresh(shop)
    rules = ('rfm.group = "At Risk"', "orders_count >= 2", "total_spent > 100")
    writable = {
        (rule, day): _ids(select_members(shop, rule, as_of=day))
        for rule in rules
        for day in (None, TODAY, JAN)
    }
    path = shop.path
    shop.close()
    with Workspace.open(path, read_only=True) as ws:
        read_only = {
            (rule, day): _ids(select_members(ws, rule, as_of=day))
            for rule in rules
            for day in (None, TODAY, JAN)
        }
    assert read_only == writable
    assert any(writable.values())  # the rules select someone: the comparison is not of empty sets
