"""Presets: known export layouts, so a well-known file imports without any mapping.

`online-retail` reads the UCI Online Retail invoice-line files (both the original, with InvoiceNo /
UnitPrice / CustomerID, and Online Retail II, with Invoice / Price / "Customer ID"): one order per invoice,
every line an order item (exact duplicate lines included, as separate line numbers), customers created
with their country, invoices with a 'C' prefix cancelled, 'A' prefix adjustments (bad debt), and invoices
whose lines take stock out without a customer and without 'C' stock adjustments, not sales.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis

from segmint.errors import MappingError
from segmint.ingest.fields import header_key
from segmint.ingest.mapping import hinted, nearest


@dataclass(frozen=True)
class Preset:
    name: str
    entity: str
    columns: dict[str, str]  # header_key(source) -> field
    status: Callable[[ibis.Table], ibis.Value] | None = None
    create_missing_customers: bool = False
    source: str | None = None

    def mapping_for(self, source_columns: list[str]) -> dict[str, str]:
        found = {c: self.columns[header_key(c)] for c in source_columns if header_key(c) in self.columns}
        missing = sorted(set(self.columns.values()) - set(found.values()))
        if missing:
            raise MappingError(
                f"the {self.name} preset expects columns for {', '.join(missing)}; "
                f"the file has {', '.join(source_columns)}",
                code="import.preset_columns",
                params={"preset": self.name, "missing": missing, "columns": list(source_columns)},
            )
        return found


def _online_retail_status(lines: ibis.Table) -> ibis.Value:
    """Per line; every line of an invoice gets the same status (the rules look only at invoice-wide facts)."""
    all_negative = (lines.quantity < 0).all().over(group_by=lines.order_id)
    no_customer = lines.customer_id.isnull().all().over(group_by=lines.order_id)
    return ibis.cases(
        (lines.order_id.startswith("C"), "cancelled"),
        (lines.order_id.startswith("A"), "adjustment"),
        (all_negative & no_customer, "adjustment"),
        else_="completed",
    )


ONLINE_RETAIL = Preset(
    name="online-retail",
    entity="orders",
    columns={
        **dict.fromkeys(("invoiceno", "invoice"), "order_id"),
        "stockcode": "product_id",
        "description": "product_name",
        "quantity": "quantity",
        "invoicedate": "ordered_at",
        **dict.fromkeys(("unitprice", "price"), "unit_price"),
        "customerid": "customer_id",
        "country": "country",
    },
    status=_online_retail_status,
    create_missing_customers=True,
    source="online-retail",
)

PRESETS = {p.name: p for p in (ONLINE_RETAIL,)}


def matching(entity: str, source_columns: list[str]) -> str | None:
    """The preset whose every column the file has, for a file of its entity imported without it (the
    summary suggests it: without the preset, UCI's cancelled invoices are quarantined as negative sales)."""
    keys = {header_key(c) for c in source_columns}
    for preset in PRESETS.values():
        wanted: dict[str, set[str]] = {}
        for source, target in preset.columns.items():
            wanted.setdefault(target, set()).add(source)
        if preset.entity == entity and all(keys & sources for sources in wanted.values()):
            return preset.name
    return None


def get(name: str) -> Preset:
    if name not in PRESETS:
        hint, params = nearest(name, PRESETS, cutoff=0.6)
        raise MappingError(
            f"unknown preset {name!r}{hint} (presets: {', '.join(PRESETS)})",
            code=hinted("import.unknown_preset", params),
            params={"name": name, **params, "presets": list(PRESETS)},
        )
    return PRESETS[name]
