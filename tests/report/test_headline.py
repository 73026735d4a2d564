"""The report's summary counts the customers the rest of the report counts, and its revenue is the KPIs'
revenue (the same purchases), to date."""

from __future__ import annotations

from pathlib import Path

import pytest

import segmint
from segmint import Workspace, import_file
from segmint.kpis import kpi_report
from segmint.quality.merge import merge_duplicates
from segmint.report import data, summary_section
from segmint.report.texts import LANGUAGES, text
from segmint.web.i18n import translator


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


@pytest.fixture
def shop(tmp_path: Path):
    """Three customers, K3 signed up after the last order (the reference date); a completed, a pending,
    a cancelled order and a guest purchase."""
    (tmp_path / "customers.csv").write_text(
        "customer_id;first_name;signup_date\nK1;Олена;01.02.2024\nK2;Петро;01.03.2024\nK3;Ірина;01.05.2024\n",
        encoding="utf-8",
    )
    (tmp_path / "orders.csv").write_text(
        "order_id;customer_id;ordered_at;total;status\n"
        "O1;K1;10.03.2024;100;completed\n"
        "O2;K2;12.03.2024;50;pending\n"
        "O3;K1;13.03.2024;30;cancelled\n"
        "O4;;15.03.2024;70;completed\n",
        encoding="utf-8",
    )
    with Workspace.init(tmp_path / "ws") as ws:
        import_file(ws, "customers", tmp_path / "customers.csv", refresh=False)
        import_file(ws, "orders", tmp_path / "orders.csv", refresh=False)
        segmint.refresh(ws)
        yield ws


def test_the_summary_revenue_is_the_kpis_purchases_to_date_and_guests_apart(shop):
    """The summary took completed orders with guest purchases (170: O1 and the guest's O4) and left the
    pending O2 out, while the KPIs' revenue is every purchase (completed or pending) of a customer (150):
    two "revenue" figures of one base in one report. Guest purchases are the shop's takings too: now their
    own tile, apart. K3 signed up after the reference date: not in the base, as the refresh counts it."""
    head = data.headline(shop)
    base = kpi_report(shop, family="rfm")["base"]
    assert head.as_of.isoformat() == "2024-03-15"
    assert (head.customers, head.buyers, head.orders, head.revenue) == (2, 2, 2, 150.0)
    assert head.aov == 75.0
    assert head.customers == base["size"] and head.revenue == base["historical_clv"] * base["size"]
    assert (head.guest_orders, head.guest_revenue) == (1, 70.0)
    body = summary_section(shop, head, "uk").body
    assert text("tile_guests", "uk") in body and "70" in body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_summary_does_not_call_revenue_to_date_what_the_web_calls_the_periods(lang):
    """The summary's tiles were the web dashboard's words ("Виручка", "Середній чек"), which there name
    the KPI period's figures: the same word for two numbers."""
    for tile, web in (("tile_revenue", "kpi_revenue"), ("tile_aov", "kpi_aov")):
        assert text(tile, lang).casefold() != translator(lang)(web).casefold()
