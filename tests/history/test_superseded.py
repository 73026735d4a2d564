"""Customers imported before their orders: the first refresh runs on today (nothing bought yet, so the
last activity is no date), the orders then move the reference date back. The refresh on the new reference
date must be the workspace's state, as if the early snapshot had never been computed."""

from __future__ import annotations

import datetime as dt
import json

from tests.cli import segmint as run_cli

import segmint
from segmint import Workspace
from segmint.config import Settings
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


STATIC_CUSTOMERS = "customer_id,full_name,signup_date\nA,Анна,2025-01-01\nB,Богдан,2025-01-01\n"
STATIC_ORDERS = (
    "order_id,customer_id,ordered_at,total,status\n"
    "o1,A,2025-01-10 10:00:00,100,completed\no2,B,2025-02-20 10:00:00,100,completed\n"
)


def static_files(folder):
    (folder / "c.csv").write_text(STATIC_CUSTOMERS, encoding="utf-8")
    (folder / "o.csv").write_text(STATIC_ORDERS, encoding="utf-8")
    return folder / "c.csv", folder / "o.csv"


def read_as_the_list(ws, name: str) -> dict:
    """What every reader says the static segment `name` holds: its list, its members (default date and
    the reference date), its size in the overview, in_segment(...) and a campaign's audience."""
    from segmint.campaigns.audience import targeted
    from segmint.rules.context import reference_date

    segment = segmint.segments.find(ws, name)
    listed = ws.raw.execute(
        "SELECT customer_id FROM segment_members WHERE segment_id = ? ORDER BY 1", [segment.segment_id]
    ).fetchall()
    sizes = {s["name"]: s["size"] for s in segmint.segments.overview(ws)["segments"]}
    return {
        "list": [row[0] for row in listed],
        "members": sorted(segmint.segments.members(ws, name).to_pandas().customer_id),
        "on the reference date": sorted(
            segmint.segments.members(ws, name, reference_date(ws)).to_pandas().customer_id
        ),
        "size": sizes[name],
        "in_segment": sorted(
            segmint.rules.select_members(ws, f'in_segment("{name}")').to_pandas().customer_id
        ),
        "audience": sorted(targeted(ws, [name]).customer_id),
    }


def test_a_static_list_made_before_the_orders_keeps_its_members_when_the_reference_date_moves_back(tmp_path):
    """findings-history 1 (a): customers imported, a static segment made on 'today', then the orders move
    the reference date back. The refresh removed the static segment's history with the later snapshots and
    nothing wrote it again: it read as empty everywhere but in_segment(...) and export."""
    customers, orders = static_files(tmp_path)
    with Workspace.init(tmp_path / "ws") as ws:
        import_file(ws, "customers", customers)
        segmint.refresh(ws)
        segmint.segments.create(ws, "Focus", kind="static", members=["A", "B"])
        import_file(ws, "orders", orders)
        summary = segmint.refresh(ws)
        assert summary.as_of == dt.date(2025, 2, 20) and summary.removed_after  # the date moved back
        read = read_as_the_list(ws, "Focus")
        assert read == {reader: ["A", "B"] for reader in read} | {"size": 2}
        overview = {s["name"]: s for s in segmint.segments.overview(ws)["segments"]}
        assert overview["Focus"]["as_of"] == dt.date(2025, 2, 20)  # no date after the reference date
        assert ws.raw.execute("SELECT max(as_of) FROM membership_snapshots").fetchone() == (summary.as_of,)


def test_a_customer_removed_by_hand_stays_out_when_the_reference_date_moves_back(tmp_path):
    """findings-history 1 (b): A removed by hand on 2025-04-30, then the reference date set back to
    2025-04-15: the refresh re-opened A's interval, so A was a member again (members, campaign audience)
    and could not be removed ('not a member'), while the list held B only."""
    customers, orders = static_files(tmp_path)
    with Workspace.init(tmp_path / "ws", Settings(reference_date=dt.date(2025, 3, 31))) as ws:
        import_file(ws, "customers", customers)
        import_file(ws, "orders", orders)
        segmint.refresh(ws)
        segmint.segments.create(ws, "Focus", kind="static", members=["A", "B"])
        segmint.segments.create(ws, "Before", kind="static", members=["A"])
        ws.settings = ws.settings.model_copy(update={"reference_date": dt.date(2025, 4, 30)})
        segmint.refresh(ws)
        assert segmint.segments.remove_members(ws, "Focus", ["A"]) == 1
        ws.settings = ws.settings.model_copy(update={"reference_date": dt.date(2025, 4, 15)})
        assert segmint.refresh(ws).removed_after == [dt.date(2025, 4, 30)]
        read = read_as_the_list(ws, "Focus")
        assert read == {reader: ["B"] for reader in read} | {"size": 1}
        focus = segmint.segments.find(ws, "Focus").segment_id
        history = ws.raw.execute(
            "SELECT customer_id, valid_from, valid_to FROM membership_history WHERE ref = ? ORDER BY ALL",
            [focus],
        ).fetchall()
        # the list as it stands, as of the new reference date; the history before it stays
        assert history == [
            ("A", dt.date(2025, 3, 31), dt.date(2025, 4, 15)),
            ("B", dt.date(2025, 3, 31), None),
        ]
        # a static list last written before the date keeps its history as it was: no snapshot added
        before = segmint.segments.find(ws, "Before").segment_id
        dates = ws.raw.execute("SELECT as_of FROM membership_snapshots WHERE ref = ?", [before]).fetchall()
        assert dates == [(dt.date(2025, 3, 31),)]
        assert read_as_the_list(ws, "Before")["members"] == ["A"]


def test_the_cli_lists_a_static_segment_made_before_the_orders_with_its_members(tmp_path):
    """findings-cli 1: `import orders` refreshes on the moved-back date; `segments list` showed Focus with
    size 0 and `segments members` only the header."""
    customers, orders = static_files(tmp_path)
    ws = tmp_path / "ws"
    for args in (
        ("init", ws),
        ("-w", ws, "import", "customers", customers),
        ("-w", ws, "segments", "create", "Focus", "--members", "A,B"),
        ("-w", ws, "import", "orders", orders),
    ):
        done = run_cli(*args)
        assert done.returncode == 0, done.stderr
    listed = run_cli("-w", ws, "segments", "list", "--json")
    focus = next(s for s in json.loads(listed.stdout)["segments"] if s["name"] == "Focus")
    assert (focus["size"], focus["as_of"]) == (2, "2025-02-20")
    members = run_cli("-w", ws, "segments", "members", "Focus", "-f", "csv", "--columns", "customer_id")
    assert members.stdout.split() == ['"customer_id"', '"A"', '"B"']
