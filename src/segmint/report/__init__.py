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
from segmint.families import FAMILIES, families, labels
from segmint.report import charts, data
from segmint.report.page import Section, card, escape, render, table, tiles
from segmint.report.texts import text
from segmint.segments.membership import overview
from segmint.web import personas

LOOKBACK_DAYS = 90  # the movement chart: from the snapshot closest to this many days before the latest
NBSP = "\u00a0"  # keeps a sum and its currency on one line


@dataclass
class ReportSummary:
    path: str
    bytes: int
    sections: list[str] = field(default_factory=list)  # keys of the sections with content
    empty: dict[str, str] = field(default_factory=dict)  # key -> what to run to fill it
    said: dict[str, tuple[str, dict]] = field(default_factory=dict)  # key -> that note's (text key, values)
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
    shown = [
        (text("tile_customers", lang), _num(head.customers, 0, lang)),
        (text("tile_buyers", lang), _num(head.buyers, 0, lang)),
        (text("tile_orders", lang), _num(head.orders, 0, lang)),
        (text("tile_revenue", lang), _money(head.revenue, currency, lang)),
        (text("tile_aov", lang), _money(head.aov, currency, lang)),
        (text("tile_span", lang), span),
    ]
    if head.guest_orders:  # the shop's takings from guests: no customer's, so in no KPI
        shown.append((text("tile_guests", lang), _money(head.guest_revenue, currency, lang)))
    body = tiles(shown)
    return Section("summary", text("summary_title", lang, date=head.as_of), body=body)


def rfm_section(ws, lang: str = "en") -> Section:
    grid = data.rfm_grid(ws)
    if grid is None or grid.num_rows == 0:
        return _empty("rfm", text("rfm_title_empty", lang), lang, _unscored(ws))
    figures = [charts.rfm_heatmap(grid, ws.settings.families.rfm.bins, lang)]
    # the groups in the order of the workspace's map: the built-in map's (FAMILIES) put a map of one's
    # own's No Purchases first and its other names after, alphabetically
    rfm = families(ws.settings.families)["rfm"]
    rows = data.group_values(ws, rfm.column, rfm.groups)
    if rows:
        bars = _labelled(rows, "rfm", labels.Namer(lang, ws.settings.families))
        figures.append(charts.group_bars(bars, text("rfm_bars", lang), lang))
    return Section("rfm", text("rfm_title", lang), figures=figures)


def _labelled(rows: list[dict], family: str, names: labels.Namer) -> list[dict]:
    """The groups of a chart as the page's reader reads them (Чемпіони; families/labels.py: a group of
    the workspace's own RFM map as it is named)."""
    return [{**row, "group": names.label(family, row["group"])} for row in rows]


def families_section(ws, lang: str = "en") -> Section:
    figures, names = [], labels.Namer(lang, ws.settings.families)
    for name in ("lifecycle", "rfm_simple", "activity", "temperature"):
        family = FAMILIES[name]
        rows = data.group_values(ws, family.column, family.groups)
        if rows:
            title = text("family_bars", lang, family=name)
            figures.append(charts.group_bars(_labelled(rows, name, names), title, lang))
    title = text("families_title", lang)
    if not figures:
        return _empty("families", title, lang, _unscored(ws))
    return Section("families", title, figures=figures)


def segments_section(ws, lang: str = "en") -> Section:
    found = overview(ws)["segments"]
    title = text("segments_title", lang)
    if not found:
        return _empty("segments", title, lang, "no_segments")
    words = {kind: text(f"kind_{kind}", lang) for kind in ("dynamic", "static")}
    rows = [
        [s["name"], words.get(s["kind"], s["kind"]), s["rule"] or text("member_list", lang),
         _num(s["size"], 0, lang), s["as_of"] or "—"]
        for s in found
    ]  # fmt: skip
    header = [text(k, lang) for k in ("col_segment", "col_kind", "col_rule", "col_customers", "col_as_of")]
    return Section("segments", title, body=table(header, rows))


def transitions_section(ws, lang: str = "en") -> Section:
    moves = data.transitions(ws, "rfm", LOOKBACK_DAYS)
    title = text("transitions_title", lang)
    if moves is None:  # the example date is the workspace's: 2025-09-30 in a shop whose data ends in 2011
        from segmint.rules.context import reference_date

        example = reference_date(ws) - dt.timedelta(days=LOOKBACK_DAYS)
        note = "one_snapshot" if data.snapshot_count(ws, "rfm") else "no_snapshot"
        return _empty("transitions", title, lang, note, date=example.isoformat())
    names = labels.Namer(lang, ws.settings.families)
    return Section("transitions", title, figures=[charts.transitions_sankey(moves, names)])


def clv_section(ws, lang: str = "en") -> Section:
    values = data.clv_values(ws)
    title = text("clv_title", lang)
    if values is None or values.num_rows == 0:
        return _empty("clv", title, lang, _unscored(ws))
    if data.clv_fell_back(values):  # the historical average, titled "predicted" it read as a forecast
        return _empty("clv", title, lang, "clv_fallback")
    return Section("clv", title, figures=[charts.clv_histogram(values, lang)])


def kpi_section(kpis: dict | None, currency: str, names: labels.Namer, clv_fallback: bool = False) -> Section:
    """The KPIs per RFM group, in the language of `names` (the workspace's labels.Namer); `clv_fallback`:
    the CLV is the refresh's historical average, not a prediction, so the predicted-CLV column is left
    empty and the note says why."""
    lang = names.lang
    title = text("kpis_title", lang)
    if kpis is None:
        return _empty("kpis", title, lang, "no_refresh")
    period = kpis["period"]
    keys = ("col_group", "col_customers", "col_share", "col_revenue", "col_revenue_share", "col_aov",
            "col_frequency", "col_churn", "col_clv", "col_nps")  # fmt: skip
    header = [text(k, lang, currency=currency) for k in keys]
    rows = []
    base = {**kpis["base"], "name": text("all_customers", lang)}  # the document's name is English
    for row in [*kpis["segments"], base]:
        rows.append(
            [_named(row, names), _num(row["size"], 0, lang), _pct(row["share"], lang),
             _num(row["revenue"], 0, lang), _pct(row["revenue_share"], lang), _num(row["aov"], 0, lang),
             _num(row["purchase_frequency"], 1, lang), _pct(row["churn_rate"], lang),
             _num(None if clv_fallback else row["predicted_clv"], 0, lang), _num(row["nps"], 0, lang)]
        )  # fmt: skip
    note = text("kpis_note", lang, start=period["start"], end=period["end"])
    if clv_fallback:
        note += " " + text("clv_fallback", lang)
    return Section("kpis", title, body=table(header, rows, numbers=True), note=note)


def _named(row: dict, names: labels.Namer) -> str:
    """A KPI row's name: a family group labelled with its key (Чемпіони (Champions)), others as named."""
    if not row.get("family"):
        return row["name"]
    return names.shown(row["family"], row["group"], row["name"])


def insights_section(kpis: dict | None, names: labels.Namer) -> Section:
    """Each insight worded in the page's language (that of `names`, the workspace's labels.Namer) from its
    code and figures (English: the CLI's sentence)."""
    from segmint.kpis.insights import segment_names, word

    lang = names.lang
    title = text("insights_title", lang)
    if kpis is None:
        return _empty("insights", title, lang, "no_refresh")
    found = kpis.get("insights") or []
    if not found:
        return _empty("insights", title, lang, "no_insights")
    named = segment_names(kpis, names)  # a family group by its label: Чемпіони (Champions)
    items = "".join(f"<li>{escape(word(item, lang, names=named))}</li>" for item in found)
    return Section("insights", title, body=f"<ul>{items}</ul>")


def cohorts_section(kpis: dict | None, months: int = 24, lang: str = "en") -> Section:
    """The last `months` acquisition cohorts, up to `months` months after their first purchase."""
    title = text("cohorts_title", lang)
    if kpis is None:
        return _empty("cohorts", title, lang, "no_refresh")
    cohorts = (kpis.get("cohorts") or [])[-months:]
    if not cohorts:
        return _empty("cohorts", title, lang, "no_purchases")
    width = min(months, max(len(c["retention"]) for c in cohorts))
    rates = [(c["retention"] + [None] * width)[:width] for c in cohorts]
    labels = [f"{c['cohort']} ({c['customers']})" for c in cohorts]
    figure = charts.retention_heatmap(labels, list(range(width)), rates, lang)
    return Section("cohorts", title, figures=[figure])


def _unscored(ws) -> str:
    """The note of a section the refresh's features fill when it has nothing: no refresh yet, none of
    the customers to score, or none who bought (RFM scores and CLV are of buyers). Each said "run
    segmint refresh", false after a refresh of a workspace with no customers or no orders. Else (a
    refresh from before a column was stored) a refresh does fill it."""
    counts = data.scored(ws)
    if counts is None:
        return "no_refresh"
    customers, buyers = counts
    return "no_customers_scored" if not customers else "no_buyers_scored" if not buyers else "no_refresh"


def _empty(key: str, title: str, lang: str, note: str, **values) -> Section:
    """A section with nothing to show yet: its note in the page's language, and the text's key and values,
    from which the CLI words it in its own (cli/report.py)."""
    return Section(key, title, note=text(note, lang, **values), said=(note, values))


def playbook_section(ws, lang: str) -> Section:
    """Every group of every family with the entry `segmint kpis` shows it. A family that takes its groups
    from the data (preferences' categories, cluster numbers) has only a general entry ("*"): its groups
    are those of its last refresh, and before one the general entry is a row for every group. The "*"
    entries used to be dropped, and with them the whole preferences family."""
    from segmint.history.evaluate import family_definitions
    from segmint.playbook import load_playbook
    from segmint.playbook.load import FALLBACK

    book, definitions = load_playbook(ws), family_definitions(ws)
    names, rows = labels.Namer(lang, ws.settings.families), []
    for family in book.families():
        known = definitions[family].groups if family in definitions else None
        found = [] if known is not None else _data_groups(ws, family, definitions)
        groups = list(known) if known is not None else list(found)
        groups += [g for f, g in book.plays if f == family and g != FALLBACK and g not in groups]
        for group in groups:
            play = book.get(family, group)
            if play is not None:
                shown = names.shown(family, group)  # Чемпіони (Champions)
                rows.append([family, shown, play.strategy[lang], play.channel[lang]])
        general = book.plays.get((family, FALLBACK))
        if known is None and general is not None and not found:
            rows.append(
                [family, text("playbook_every_group", lang), general.strategy[lang], general.channel[lang]]
            )
    header = [text(k, lang) for k in ("col_family", "col_group", "col_strategy", "col_channel")]
    body = table(header, rows)
    return Section("playbook", text("playbook_title", lang), body=body, note=text("playbook_where", lang))


def _data_groups(ws, family: str, definitions: dict) -> list[str]:
    """The groups a family named from the data on its last refresh (none before one, or when no refresh
    computes the family: clusters not fitted)."""
    from segmint.history.queries import lookup, membership_on

    if family not in definitions:
        return []
    rows = membership_on(ws, lookup(ws, family)).select("group_name").distinct().order_by("group_name")
    return [g for g in rows.to_pyarrow().column("group_name").to_pylist() if g is not None]


def clusters_section(ws, lang: str = "en") -> Section:
    title = text("clusters_title", lang)
    view = data.clusters(ws)
    if view is None:
        return _empty("clusters", title, lang, "no_clusters")
    cards = []
    for cluster in view.run.clusters:
        persona = cluster["persona"]
        five = persona.get("five_w", {})
        if lang in personas.LANGUAGES and persona.get("demographics"):  # the library words them in English
            five = personas.five_w(cluster, ws.settings.currency, lang)
        channel = persona.get("preferred_channel", {})
        lines = [
            (text("card_size", lang), f"{_num(cluster['size'], 0, lang)} ({_pct(cluster['share'], lang)})"),
            *[(text(f"card_{w}", lang), five[w]) for w in ("who", "what", "why", "when", "where")
              if w in five],
            (text("card_channel", lang),
             ", ".join(str(v) for k, v in channel.items() if not k.endswith("_share") and v) or "—"),
            (text("card_rule", lang), cluster["rule"] or "—"),
            (text("card_quality", lang), " / ".join(_pct(cluster[k], lang) for k in ("precision", "recall"))
             if cluster["precision"] is not None and cluster["recall"] is not None else "—"),
        ]  # fmt: skip
        cards.append(card(f"{cluster['cluster']}. {cluster['name']}", lines))
    run = view.run
    note = text("clusters_note", lang, method=run.method, k=run.k, seed=run.seed,
                customers=_num(run.customers, 0, lang), as_of=run.as_of)  # fmt: skip
    figure = charts.cluster_map(view.x, view.y, view.labels, lang)
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
    names = labels.Namer(chosen, ws.settings.families)  # a group of one's own RFM map is named as it is
    return [
        summary_section(ws, head or data.headline(ws), chosen),
        insights_section(kpis, names),
        rfm_section(ws, chosen),
        kpi_section(kpis, ws.settings.currency, names, data.clv_fell_back(data.clv_values(ws))),
        families_section(ws, chosen),
        segments_section(ws, chosen),
        transitions_section(ws, chosen),
        cohorts_section(kpis, lang=chosen),
        clv_section(ws, chosen),
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
        text("page_title", chosen),
        text(
            "subtitle",
            chosen,
            workspace=ws.path.name,
            date=head.as_of,
            written=f"{ws.now():%Y-%m-%d %H:%M}",
        ),
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
        said={s.key: s.said for s in sections if not (s.figures or s.body) and s.said},
        headline=head,
    )


__all__ = ["ReportSummary", "build_sections", "escape", "write_report"]
