"""The report's summary counts the customers the rest of the report counts."""

from __future__ import annotations

from pathlib import Path

import segmint
from segmint import Workspace, import_file
from segmint.kpis import kpi_report
from segmint.quality.merge import merge_duplicates
from segmint.report import data


def test_the_summary_counts_live_customers_as_the_kpis_do(tmp_path: Path):
    """A record dedupe merged away was counted in the summary's customers tile (count(*) of the table):
    2 customers above a KPI base ("All customers") of 1 in the same report."""
    (tmp_path / "customers.csv").write_text(
        "customer_id;first_name;last_name;phone;signup_date\n"
        "K1;Олена;Коваль;+380671112233;01.02.2024\n"
        "K2;Olena;Koval;+380671112233;01.03.2024\n",
        encoding="utf-8",
    )
    (tmp_path / "orders.csv").write_text(
        "order_id;customer_id;ordered_at;total\nO1;K1;10.03.2024;100\nO2;K2;15.03.2024;50\n", encoding="utf-8"
    )
    with Workspace.init(tmp_path / "ws") as ws:
        import_file(ws, "customers", tmp_path / "customers.csv", refresh=False)
        import_file(ws, "orders", tmp_path / "orders.csv", refresh=False)
        assert merge_duplicates(ws).survivors == {"K1": ["K2"]}
        segmint.refresh(ws)
        head = data.headline(ws)
        assert head.as_of.isoformat() == "2024-03-15"
        assert head.customers == kpi_report(ws, family="rfm")["base"]["size"] == 1
        assert head.buyers == 1 and head.orders == 2
