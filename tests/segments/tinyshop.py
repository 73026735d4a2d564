"""A five-customer shop with known answers, brought in through the real importer (CSV files).

    customer  signed up    orders (date: total)
    A         2024-01-01   2024-01-10: 100, 2024-03-05: 50
    B         2024-01-01   2024-02-15: 300
    C         2024-02-01   2024-03-20: 20
    D         2024-01-01   2024-01-05: 500, 2024-02-20: 500
    E         2024-01-01   none

The reference date is the last order, 2024-03-20. "Recent" = orders(within = 30d) >= 1 and "Big" =
total_spent > 250 give, on the month ends and the reference date:

    2024-01-31   Recent {A, D}     Big {D}
    2024-02-29   Recent {B, D}     Big {B, D}
    2024-03-20   Recent {A, C, D}  Big {B, D}
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from segmint import Workspace, import_file

TODAY = dt.date(2024, 3, 20)
JAN, FEB = dt.date(2024, 1, 31), dt.date(2024, 2, 29)
RECENT = "orders(within = 30d) >= 1"
BIG = "total_spent > 250"
EXPECTED = {
    "Recent": {JAN: {"A", "D"}, FEB: {"B", "D"}, TODAY: {"A", "C", "D"}},
    "Big": {JAN: {"D"}, FEB: {"B", "D"}, TODAY: {"B", "D"}},
}

CUSTOMERS = """customer_id,first_name,city,signup_date
A,Олена,Київ,2024-01-01
B,Іван,Львів,2024-01-01
C,Anna,Київ,2024-02-01
D,Петро,Одеса,2024-01-01
E,Марія,Київ,2024-01-01
"""
ORDERS = """order_id,customer_id,ordered_at,total,status
o1,A,2024-01-10,100,completed
o2,A,2024-03-05,50,completed
o3,B,2024-02-15,300,completed
o4,C,2024-03-20,20,completed
o5,D,2024-01-05,500,completed
o6,D,2024-02-20,500,completed
"""


def build(folder: Path) -> Workspace:
    folder.mkdir(parents=True, exist_ok=True)
    ws = Workspace.init(folder / "ws")
    import_csv(ws, "customers", CUSTOMERS, folder / "customers.csv")
    import_csv(ws, "orders", ORDERS, folder / "orders.csv")
    return ws


def import_csv(ws: Workspace, entity: str, text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")
    summary = import_file(ws, entity, path, refresh=False)  # the tests refresh when they need it
    assert summary.quarantined == 0, summary.to_dict()


def history(ws: Workspace, kind: str | None = None) -> list[tuple]:
    """membership_history with segment ids replaced by names, sorted: comparable across workspaces."""
    rows = ws.raw.execute(
        """SELECT h.kind, coalesce(s.name, h.ref), h.group_name, h.customer_id, h.valid_from, h.valid_to
        FROM membership_history h LEFT JOIN segments s ON h.kind = 'segment' AND s.segment_id = h.ref
        ORDER BY ALL"""
    ).fetchall()
    return [row for row in rows if kind is None or row[0] == kind]
