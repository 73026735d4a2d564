"""Entries of a refresh later on the day a trigger was made fire; those the trigger found when it was made
do not. Entries are dated by the refresh's day, and the trigger counted only entries dated after its
`since` day: a trigger made in the morning never fired for the customers an afternoon import brought into
its segment, then or later (the next refresh saw them as members already)."""

from __future__ import annotations

import datetime as dt

import segmint
from segmint import triggers

from .conftest import AT_RISK, D2


def _fired(ws, name: str) -> set[str]:
    return {
        c for (c,) in ws.raw.execute(
            "SELECT f.customer_id FROM trigger_firings f JOIN triggers t USING (trigger_id) WHERE t.name = ?",
            [name],
        ).fetchall()
    }  # fmt: skip


def _import_tags(ws, folder, tags: dict[str, str]) -> None:
    """A customers import giving these customers these tags, with its refresh (as `segmint import`)."""
    path = folder / f"tags-{len(list(folder.glob('tags-*.csv')))}.csv"
    path.write_text("customer_id,tags\n" + "".join(f"{c},{t}\n" for c, t in tags.items()), encoding="utf-8")
    summary = segmint.import_file(ws, "customers", path)
    assert summary.refresh is not None


def test_an_entry_of_a_later_refresh_that_day_fires_and_the_members_found_do_not(shop, tmp_path):
    ids = [c for (c,) in shop.raw.execute("SELECT customer_id FROM customers ORDER BY 1 LIMIT 5").fetchall()]
    _import_tags(shop, tmp_path, dict.fromkeys(ids[:2], "wave"))
    segmint.segments.create(shop, "Wave", 'tags contains "wave"')
    day = segmint.refresh(shop).as_of  # the morning's refresh
    made = triggers.create_trigger(shop, "welcome", "enter", "Wave", "tag", {"tag": "welcomed"})
    assert made.since.date() == day
    _import_tags(shop, tmp_path, dict.fromkeys(ids[2:4], "wave"))  # the afternoon's import and refresh
    assert segmint.refresh(shop).as_of == day  # the same day: the new entries are dated on it too
    assert _fired(shop, "welcome") == set(ids[2:4])
    _import_tags(shop, tmp_path, dict.fromkeys(ids[4:], "wave"))
    assert _fired(shop, "welcome") == set(ids[2:])


def test_an_exit_trigger_likewise_and_deleting_a_trigger_drops_its_baseline(shop, tmp_path):
    segmint.refresh(shop, as_of=D2)  # some leave At Risk on D2
    made = triggers.create_trigger(shop, "goodbye", "exit", AT_RISK, "tag", {"tag": "left"})
    assert made.since.date() == D2
    left_on_d2 = shop.raw.execute(
        "SELECT count(*) FROM membership_history WHERE kind = 'family' AND ref = 'rfm'"
        " AND group_name = 'At Risk' AND valid_to = ?",
        [D2],
    ).fetchone()
    baseline = shop.raw.execute(
        "SELECT count(*) FROM trigger_baseline WHERE trigger_id = ?", [made.trigger_id]
    ).fetchone()
    assert baseline == left_on_d2 and baseline[0] > 0
    (customer,) = shop.raw.execute(
        "SELECT min(customer_id) FROM membership_history WHERE kind = 'family' AND ref = 'rfm'"
        " AND group_name = 'At Risk' AND valid_to IS NULL"
    ).fetchone()
    orders = tmp_path / "orders.csv"
    day_before = D2 - dt.timedelta(days=1)
    orders.write_text(f"order_id,customer_id,ordered_at,total\nLATE-1,{customer},{day_before},900\n")
    segmint.import_file(shop, "orders", orders, refresh=False)
    segmint.refresh(shop, as_of=D2)  # a second refresh of D2: they buy again and leave At Risk
    assert _fired(shop, "goodbye") == {customer}
    triggers.delete_trigger(shop, "goodbye")
    assert shop.raw.execute("SELECT count(*) FROM trigger_baseline").fetchone() == (0,)
