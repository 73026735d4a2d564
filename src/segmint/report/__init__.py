"""`segmint report -o report.html`: the whole base on one self-contained page.

    >>> segmint.report.write_report(ws, "report.html")      # doctest: +SKIP

The page reads what the last refresh stored (features, membership history) and never changes the
workspace. A section with nothing to show yet says which command fills it instead of failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from segmint import localize
from segmint.families import FAMILIES
from segmint.report import charts, data
from segmint.report.page import Section, card, escape, render, table, tiles
from segmint.segments.membership import overview

NBSP = "\u00a0"  # keeps a sum and its currency on one line
NO_REFRESH = "No refresh stored yet: run `segmint refresh` (it also runs after every import)."


@dataclass
class ReportSummary:
    path: str
    bytes: int
    sections: list[str] = field(default_factory=list)  # keys of the sections with content
    empty: dict[str, str] = field(default_factory=dict)  # key -> what to run to fill it
    headline: data.Headline | None = None  # the figures of the summary section, for the CLI's table

    def to_dict(self) -> dict:
        return {"path": self.path, "bytes": self.bytes, "sections": self.sections, "empty": self.empty}


def _num(value, digits: int = 0, lang: str = "en") -> str:
    """A figure in the page's language (segmint.localize): 1 234,5 in uk and ru, 1 234.5 in English."""
    return "—" if value is None else localize.number(value, digits, lang, group=" ")


def _pct(value, lang: str = "en") -> str:
    return "—" if value is None else localize.percent(value, 0, lang, space="")


def _money(value: float | None, currency: str, lang: str = "en") -> str:
    return "—" if value is None else f"{_num(value, 0, lang)}{' ' if lang == 'en' else NBSP}{currency}"


def summary_section(ws, head: data.Headline, lang: str = "en") -> Section:
    currency = ws.settings.currency
    span = (
        f"{head.first_order:%Y-%m-%d} … {head.last_order:%Y-%m-%d}"
        if head.first_order and head.last_order
        else "—"
    )
    body = tiles(
        [
            ("customers", _num(head.customers, 0, lang)),
            ("customers who bought", _num(head.buyers, 0, lang)),
            ("completed orders", _num(head.orders, 0, lang)),
            ("revenue", _money(head.revenue, currency, lang)),
            ("average order value", _money(head.aov, currency, lang)),
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


def segments_section(ws, lang: str = "en") -> Section:
    found = overview(ws)["segments"]
    if not found:
        return Section(
            "segments", "Your segments", note='No segments yet: `segmint segments create NAME --rule "..."`.'
        )
    rows = [
        [s["name"], s["kind"], s["rule"] or "(member list)", _num(s["size"], 0, lang), s["as_of"] or "—"]
        for s in found
    ]
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


def kpi_section(kpis: dict | None, currency: str, lang: str = "en") -> Section:
    title = "KPIs and strategy per RFM group"
    if kpis is None:
        return Section("kpis", title, note=NO_REFRESH)
    period = kpis["period"]
    header = ["group", "customers", "share", f"revenue, {currency}", "revenue share", "AOV", "orders/buyer",
              "churn", "predicted CLV", "NPS"]  # fmt: skip
    rows = []
    for row in [*kpis["segments"], kpis["base"]]:
        rows.append(
            [row["name"], _num(row["size"], 0, lang), _pct(row["share"], lang), _num(row["revenue"], 0, lang),
             _pct(row["revenue_share"], lang), _num(row["aov"], 0, lang),
             _num(row["purchase_frequency"], 1, lang), _pct(row["churn_rate"], lang),
             _num(row["predicted_clv"], 0, lang), _num(row["nps"], 0, lang)]
        )  # fmt: skip
    note = (
        f"Period {period['start']} … {period['end']}; formulas in docs/metrics.md. "
        "ROI per group, from the campaigns launched in the period: segmint kpis. "
        "The strategy for each group is in the playbook below."
    )
    return Section("kpis", title, body=table(header, rows, numbers=True), note=note)


def insights_section(kpis: dict | None, lang: str = "en") -> Section:
    """Each insight worded in the page's language from its code and figures (English: the CLI's sentence)."""
    from segmint.kpis.insights import word

    title = "Insights"
    found = (kpis or {}).get("insights") or []
    if not found:
        return Section("insights", title, note="Nothing notable flagged (or no refresh yet).")
    items = "".join(f"<li>{escape(word(item, lang))}</li>" for item in found)
    return Section("insights", title, body=f"<ul>{items}</ul>")


def cohorts_section(kpis: dict | None, months: int = 24) -> Section:
    """The last `months` acquisition cohorts, up to `months` months after their first purchase."""
    title = "Cohort retention"
    cohorts = ((kpis or {}).get("cohorts") or [])[-months:]
    if not cohorts:
        return Section("cohorts", title, note="No purchases yet.")
    width = min(months, max(len(c["retention"]) for c in cohorts))
    rates = [(c["retention"] + [None] * width)[:width] for c in cohorts]
    labels = [f"{c['cohort']} ({c['customers']})" for c in cohorts]
    figure = charts.retention_heatmap(labels, list(range(width)), rates)
    return Section("cohorts", title, figures=[figure])


def playbook_section(ws, lang: str) -> Section:
    from segmint.playbook import load_playbook

    book = load_playbook(ws)
    rows = [
        [play.family, play.group, play.strategy[lang], play.channel[lang]]
        for (family, group), play in book.plays.items()
        if group != "*"
    ]
    where = "Change it per workspace in playbook.toml or [playbook] in segmint.toml (docs/playbook.md)."
    body = table(["family", "group", "strategy", "channel"], rows)
    return Section("playbook", "Playbook: what to do with each group", body=body, note=where)


def clusters_section(ws, lang: str = "en") -> Section:
    title = "Clusters and buyer personas"
    view = data.clusters(ws)
    if view is None:
        return Section(
            "clusters", title, note="No clustering yet: run `segmint clusters fit` (docs/clusters.md)."
        )
    cards = []
    for cluster in view.run.clusters:
        persona = cluster["persona"]
        five = persona.get("five_w", {})
        channel = persona.get("preferred_channel", {})
        lines = [
            ("size", f"{_num(cluster['size'], 0, lang)} ({_pct(cluster['share'], lang)})"),
            *[(w.capitalize(), five[w]) for w in ("who", "what", "why", "when", "where") if w in five],
            ("channel", ", ".join(str(v) for k, v in channel.items() if not k.endswith("_share") and v)),
            ("as a rule", cluster["rule"] or "—"),
            ("rule precision / recall", " / ".join(_pct(cluster[k], lang) for k in ("precision", "recall"))
             if cluster["precision"] is not None and cluster["recall"] is not None else "—"),
        ]  # fmt: skip
        cards.append(card(f"{cluster['cluster']}. {cluster['name']}", lines))
    run = view.run
    note = (
        f"{run.method}, k = {run.k} chosen automatically, seed {run.seed}, fitted on "
        f"{_num(run.customers, 0, lang)} customers as of {run.as_of}. Turn a cluster into a dynamic segment "
        "with its rule."
    )
    figure = charts.cluster_map(view.x, view.y, view.labels)
    return Section(
        "clusters", title, figures=[figure], body=f'<div class="cards">{"".join(cards)}</div>', note=note
    )


def kpi_document(ws, lang: str) -> dict | None:
    """One KPI document (RFM groups, cohorts, insights) shared by the sections that show parts of it."""
    if not data.has_features(ws):
        return None
    from segmint.kpis import kpi_report

    return kpi_report(ws, family="rfm", cohorts=True, with_insights=True, lang=lang)


def build_sections(ws, lang: str | None = None, head: data.Headline | None = None) -> list[Section]:
    from segmint.playbook import language

    chosen = language(ws, lang)
    kpis = kpi_document(ws, chosen)
    return [
        summary_section(ws, head or data.headline(ws), chosen),
        insights_section(kpis, chosen),
        rfm_section(ws),
        kpi_section(kpis, ws.settings.currency, chosen),
        families_section(ws),
        segments_section(ws, chosen),
        transitions_section(ws),
        cohorts_section(kpis),
        clv_section(ws),
        clusters_section(ws, chosen),
        playbook_section(ws, chosen),
    ]


def write_report(ws, path: str | Path, lang: str | None = None) -> ReportSummary:
    """Write the report to `path` (parent folders must exist) and say what it holds. `lang` is the
    language of the playbook and of the numbers (en, uk or ru; default the workspace's): 1 234,5 in uk and
    ru, in the tables and the charts alike."""
    from segmint.playbook import language

    path = Path(path)
    head = data.headline(ws)
    chosen = language(ws, lang)
    sections = build_sections(ws, chosen, head)
    page = render(
        "segmint report",
        f"{ws.path.name} · as of {head.as_of} · written {dt.datetime.now():%Y-%m-%d %H:%M}",
        sections,
        lang=chosen,
    )
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)  # a reader never sees half a report
    return ReportSummary(
        path=str(path),
        bytes=path.stat().st_size,
        sections=[s.key for s in sections if s.figures or s.body],
        empty={s.key: s.note for s in sections if not (s.figures or s.body) and s.note},
        headline=head,
    )


__all__ = ["ReportSummary", "build_sections", "escape", "write_report"]
