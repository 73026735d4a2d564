"""Tags a `tag` trigger gave survive a re-import of the customers file (HIGH-3), through the real CLI."""

from __future__ import annotations

import json

from tests.cli import ok

from segmint import Workspace

FILE = (
    "id;name;tags;signup_date\nK1;Олена;vip;2024-01-01\nK2;Петро;;2024-01-01\nK3;Іван;vip, new;2024-01-01\n"
)


def _tags(path) -> dict[str, list[str] | None]:
    with Workspace.open(path) as ws:
        return dict(ws.raw.execute("SELECT customer_id, tags FROM customers").fetchall())


def test_reimporting_the_customers_file_keeps_the_tags_triggers_gave(tmp_path):
    """The old code stored the file's tags over them: K1 ['vip'], K2 NULL after the second import, counted
    as 2 updated, and the trigger never fired again (its firings are done)."""
    path, file = tmp_path / "tg", tmp_path / "tg1.csv"
    file.write_text(FILE, encoding="utf-8")
    ok("init", path)
    ok("-w", path, "import", "customers", file)
    ok("-w", path, "segments", "create", "Усі", "--rule", "signup_date >= 2020-01-01")
    ok("-w", path, "triggers", "create", "hello", "--on", "enter", "--segment", "Усі", "--action", "tag",
       "--tag", "welcome", "--since", "2020-01-01")  # fmt: skip
    ok("-w", path, "triggers", "run")
    tagged = {"K1": ["vip", "welcome"], "K2": ["welcome"], "K3": ["vip", "new", "welcome"]}
    assert _tags(path) == tagged

    again = json.loads(ok("-w", path, "import", "customers", file, "--json").stdout)
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert _tags(path) == tagged

    # the file's own tags still change: its tags first, then the trigger's
    file.write_text(FILE.replace("K1;Олена;vip;", "K1;Олена;gold;").replace("vip, new", ""), encoding="utf-8")
    changed = json.loads(ok("-w", path, "import", "customers", file, "--json").stdout)
    assert (changed["updated"], changed["unchanged"]) == (2, 1)
    assert _tags(path) == {"K1": ["gold", "welcome"], "K2": ["welcome"], "K3": ["welcome"]}
