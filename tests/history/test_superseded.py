"""Customers imported before their orders: the first refresh runs on today (nothing bought yet, so the
last activity is no date), the orders then move the reference date back. The refresh on the new reference
date must be the workspace's state, as if the early snapshot had never been computed."""

from __future__ import annotations

import datetime as dt
import json

from tests.cli import segmint as run_cli

import segmint
from segmint import Workspace
from segmint.history.refresh import features_date
from segmint.ingest.pipeline import import_file
from segmint.triggers.model import create_trigger

CUSTOMERS = """\
Код клієнта;Ім'я;Місто;Дата реєстрації
1001;Олена;Київ;05.03.2023
1002;Петро;Львів;01.04.2023
1003;Ірина;Одеса;31.12.2022
1004;Андрій;Харків;02.01.2023
"""
ORDERS = """\
Номер замовлення;Код клієнта;Дата;Сума;Статус
A-1;1001;05.03.2023;1250,50;виконано
A-2;1002;01.04.2023;799,00;виконано
A-3;1001;10.05.2023;2100;виконано
"""
LAST_ORDER = dt.date(2023, 5, 10)
HISTORY = (
    "SELECT kind, ref, group_name, customer_id, valid_from, valid_to FROM membership_history ORDER BY ALL"
)


def files(folder):
    (folder / "customers.csv").write_text(CUSTOMERS, encoding="cp1251")
    (folder / "orders.csv").write_text(ORDERS, encoding="cp1251")
    return folder / "customers.csv", folder / "orders.csv"


def test_a_refresh_on_the_moved_back_reference_date_replaces_the_snapshot_of_today(tmp_path):
    customers, orders = files(tmp_path)
    with Workspace.init(tmp_path / "late") as ws:
        import_file(ws, "customers", customers)
        early = segmint.refresh(ws)
        assert early.as_of > LAST_ORDER and early.families["rfm"] == {"No Purchases": 4}
        create_trigger(ws, "welcome", "enter", "rfm:No Purchases", "tag", {"tag": "new"}, delay="30d",
                       since=dt.datetime(2000, 1, 1))  # fmt: skip
        segmint.triggers.run(ws)
        assert ws.raw.execute("SELECT count(*) FROM trigger_firings WHERE state = 'due'").fetchone() == (4,)

        import_file(ws, "orders", orders)
        summary = segmint.refresh(ws)
        assert summary.as_of == LAST_ORDER and summary.families["rfm"]["No Purchases"] == 2
        assert ws.raw.execute("SELECT max(as_of) FROM membership_snapshots").fetchone() == (LAST_ORDER,)
        assert features_date(ws) == LAST_ORDER  # the rules read this date's features
        assert summary.removed_after == [early.as_of]
        buyers = segmint.rules.select_members(ws, 'rfm.group != "No Purchases"')
        assert sorted(buyers.to_pandas().customer_id) == ["1001", "1002"]
        # the due firings of today's entries are gone: those memberships no longer exist
        assert ws.raw.execute(
            "SELECT count(*) FROM trigger_firings WHERE state = 'due' AND occurred_at::DATE > ?", [LAST_ORDER]
        ).fetchone() == (0,)
        late = ws.raw.execute(HISTORY).fetchall()

    # the same history as importing both files before the first refresh
    with Workspace.init(tmp_path / "together") as ws:
        import_file(ws, "customers", customers)
        import_file(ws, "orders", orders)
        assert segmint.refresh(ws).removed_after == []
        assert ws.raw.execute(HISTORY).fetchall() == late

    listed = run_cli("segments", "list", "--json", "-w", tmp_path / "late")
    assert listed.returncode == 0, listed.stderr
    assert {family["as_of"] for family in json.loads(listed.stdout)["families"]} == {LAST_ORDER.isoformat()}


def test_an_as_of_refresh_of_a_past_date_keeps_the_later_snapshots(tmp_path):
    customers, orders = files(tmp_path)
    with Workspace.init(tmp_path / "ws") as ws:
        import_file(ws, "customers", customers)
        import_file(ws, "orders", orders)
        segmint.refresh(ws)
        past = segmint.refresh(ws, as_of=dt.date(2023, 4, 15))
        assert past.removed_after == []
        dates = ws.raw.execute("SELECT DISTINCT as_of FROM membership_snapshots ORDER BY 1").fetchall()
        assert dates == [(dt.date(2023, 4, 15),), (LAST_ORDER,)]
        assert features_date(ws) == LAST_ORDER
