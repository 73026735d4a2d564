"""Fixtures of the rule tests: one small awkward shop in a real workspace, shared by the module."""

from __future__ import annotations

import pytest

from segmint import Workspace
from segmint.rules import CompileContext

from .shop import TODAY, draw, load


@pytest.fixture(scope="session")
def shop_rows() -> dict[str, list[dict]]:
    return draw()


@pytest.fixture(scope="session")
def shop(tmp_path_factory, shop_rows) -> Workspace:
    ws = Workspace.init(tmp_path_factory.mktemp("rules") / "ws")
    load(ws, shop_rows)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def shop_ctx(shop) -> CompileContext:
    vip = shop.table("customers").filter(lambda t: t.tags.contains("vip").fill_null(False))
    segments = {
        "VIP": vip.select("customer_id"),
        "Київ": shop.table("customers").filter(lambda t: t.city == "Київ").select("customer_id"),
    }
    return CompileContext.from_backend(shop.con, today=TODAY, segments=segments.get)
