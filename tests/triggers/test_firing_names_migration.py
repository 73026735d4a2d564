"""Migration 0026: a firing keeps the name of its trigger (trigger_firings.trigger_name), filled in for the
firings recorded before it from the triggers there are."""

from __future__ import annotations

import segmint
from segmint import Workspace
from segmint.store import migrations
from segmint.triggers import create_trigger, delete_trigger, list_firings

from .conftest import AT_RISK, D2


def test_the_firings_recorded_before_0026_get_their_triggers_name(shop):
    create_trigger(shop, "tagged", "enter", AT_RISK, "tag", {"tag": "t"})
    segmint.refresh(shop, as_of=D2)  # its run records the firings
    shop.raw.execute("UPDATE trigger_firings SET trigger_name = NULL")  # as a segmint before 0026 left them
    shop.raw.execute("DELETE FROM schema_migrations WHERE version >= 26")
    path = shop.path
    shop.close()
    with Workspace.open(path) as ws:
        assert migrations.current_version(ws.raw) == len(migrations.available())
        query = "SELECT count(*), count(trigger_name) FROM trigger_firings"
        (count, named) = ws.raw.execute(query).fetchone()
        assert count and named == count
        delete_trigger(ws, "tagged")
        assert {f["trigger"] for f in list_firings(ws, "tagged", limit=None)} == {"tagged"}
