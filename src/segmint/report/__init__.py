"""`segmint report -o report.html`: the whole base on one self-contained page.

    >>> segmint.report.write_report(ws, "report.html")      # doctest: +SKIP

The page reads what the last refresh stored (features, membership history) and never changes the
workspace. A section with nothing to show yet says which command fills it instead of failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from segmint.families import FAMILIES
from segmint.report import charts, data
from segmint.report.page import Section, escape, render, table, tiles
from segmint.segments.membership import overview

NO_REFRESH = "No refresh stored yet: run `segmint refresh` (it also runs after every import)."


@dataclass
class ReportSummary:
    path: str
    bytes: int
    sections: list[str] = field(default_factory=list)  # keys of the sections with content
    empty: dict[str, str] = field(default_factory=dict)  # key -> what to run to fill it

    def to_dict(self) -> dict:
        return {"path": self.path, "bytes": self.bytes, "sections": self.sections, "empty": self.empty}


def _money(value: float | None, currency: str) -> str:
    return "—" if value is None else f"{value:,.0f} {currency}".replace(",", " ")


def summary_section(ws) -> Section:
    head = data.headline(ws)
    currency = ws.settings.currency
    span = (
        f"{head.first_order:%Y-%m-%d} … {head.last_order:%Y-%m-%d}"
        if head.first_order and head.last_order
        else "—"
    )
    body = tiles(
        [
            ("customers", f"{head.customers:,}".replace(",", " ")),
            ("customers who bought", f"{head.buyers:,}".replace(",", " ")),
            ("completed orders", f"{head.orders:,}".replace(",", " ")),
            ("revenue", _money(head.revenue, currency)),
            ("average order value", _money(head.aov, currency)),
            ("orders between", span),
        ]
    )
    return Section("summary", f"The base on {head.as_of}", body=body)


def rfm_section(ws) -> Section:
    grid = data.rfm_grid(ws)
    if grid is None or grid.num_rows == 0:
        return Section("rfm", "RFM grid", note=NO_REFRESH)
    figures = [charts.rfm_heatmap(grid, ws.settings.families.rfm.bins)]
    rows = data.group_values(ws, FAMILIES["rfm"].column, FAMILIES["rfm"].groups)
    if rows:
        figures.append(charts.group_bars(rows, "RFM groups: customers and revenue"))
    return Section("rfm", "RFM grid and groups", figures=figures)


def families_section(ws) -> Section:
    figures = []
    for name in ("lifecycle", "rfm_simple", "activity", "temperature"):
        family = FAMILIES[name]
        rows = data.group_values(ws, family.column, family.groups)
        if rows:
            figures.append(charts.group_bars(rows, f"{name}: customers and revenue per group"))
    if not figures:
        return Section("families", "Segment sizes and revenue", note=NO_REFRESH)
    return Section("families", "Segment sizes and revenue", figures=figures)


def segments_section(ws) -> Section:
    found = overview(ws)["segments"]
    if not found:
        return Section(
            "segments", "Your segments", note='No segments yet: `segmint segments create NAME --rule "..."`.'
        )
    rows = [[s["name"], s["kind"], s["rule"] or "(member list)", s["size"], s["as_of"] or "—"] for s in found]
    return Section(
        "segments", "Your segments", body=table(["segment", "kind", "rule", "customers", "as of"], rows)
    )


def transitions_section(ws) -> Section:
    moves = data.transitions(ws, "rfm")
    if moves is None:
        return Section(
            "transitions",
            "Movement between RFM groups",
            note="One snapshot only: movement needs two dates, e.g. `segmint refresh --as-of 2025-09-30` "
            "then `segmint refresh`, or `segmint refresh --backfill monthly`.",
        )
    return Section("transitions", "Movement between RFM groups", figures=[charts.transitions_sankey(moves)])


def clv_section(ws) -> Section:
    values = data.clv_values(ws)
    if values is None or values.num_rows == 0:
        return Section("clv", "Customer lifetime value", note=NO_REFRESH)
    return Section("clv", "Customer lifetime value", figures=[charts.clv_histogram(values)])


SECTIONS = (
    summary_section,
    rfm_section,
    families_section,
    segments_section,
    transitions_section,
    clv_section,
)


def build_sections(ws) -> list[Section]:
    return [make(ws) for make in SECTIONS]


def write_report(ws, path: str | Path) -> ReportSummary:
    """Write the report to `path` (parent folders must exist) and say what it holds."""
    path = Path(path)
    sections = build_sections(ws)
    page = render(
        "segmint report",
        f"{ws.path.name} · as of {data.headline(ws).as_of} · written {dt.datetime.now():%Y-%m-%d %H:%M}",
        sections,
        lang=ws.settings.language,
    )
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)  # a reader never sees half a report
    return ReportSummary(
        path=str(path),
        bytes=path.stat().st_size,
        sections=[s.key for s in sections if s.figures or s.body],
        empty={s.key: s.note for s in sections if not (s.figures or s.body) and s.note},
    )


__all__ = ["ReportSummary", "build_sections", "escape", "write_report"]
