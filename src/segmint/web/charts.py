"""Plotly figures of the segment page as plain dicts (data + layout): the page's charts.js draws them with
the plotly.js the app serves, so no figure HTML with an inline script is needed."""

from __future__ import annotations

from segmint import localize
from segmint import segments as library


def _layout(lang: str, **layout) -> dict:
    """The figure's layout; Plotly writes its ticks and hover numbers with `lang`'s separators (1 234,5 on
    Ukrainian and Russian pages; Plotly's own 1,234.5 on English ones), thousands grouped from 1 000 on
    (Plotly's own start at 10 000)."""
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {"separatethousands": True, **layout.get(axis, {})}
    marks = localize.separators(lang)
    return {**layout, "separators": marks} if marks else layout


# up to this many computed dates, each is a tick of its own; more, and Plotly spaces the ticks
DATE_TICKS = 12


def size_history(sizes: list[dict], title: str, lang: str = "en") -> dict:
    """Members on every date the segment was computed for. The dates are written 2025-12-31 in every
    language: Plotly's own ticks are English month names ("Jan 2026"), and around a single date a run of
    sub-millisecond times; with few dates each one is a tick."""
    dates = [str(row["date"])[:10] for row in sizes]
    xaxis: dict = {"type": "date", "tickformat": "%Y-%m-%d", "hoverformat": "%Y-%m-%d"}
    if len(set(dates)) <= DATE_TICKS:
        xaxis.update(tickmode="array", tickvals=sorted(set(dates)), ticktext=sorted(set(dates)))
    yaxis: dict = {"rangemode": "tozero"}
    if max((row["size"] for row in sizes), default=0) < 5:  # members are whole: not 0.2, 0.4 … for 0-4
        yaxis["dtick"] = 1
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": dates,
                "y": [row["size"] for row in sizes],
                "name": title,
            }
        ],
        "layout": _layout(lang, margin={"l": 50, "r": 20, "t": 20, "b": 40}, xaxis=xaxis, yaxis=yaxis),
    }


def movement(ws, name: str, start, end) -> dict:
    """Members on `start` against `end`: who stayed, who left, who entered."""
    before = library.members(ws, name, as_of=start).select("customer_id")
    after = library.members(ws, name, as_of=end).select("customer_id")
    stayed = int(before.join(after, "customer_id").count().execute())
    left = int(before.count().execute()) - stayed
    entered = int(after.count().execute()) - stayed
    return {"start": start, "end": end, "stayed": stayed, "left": left, "entered": entered}


def sankey(flows: dict, labels: dict[str, str], lang: str = "en") -> dict:
    """The movement as a Sankey: in the segment on the first date -> in / out on the second."""
    nodes = [labels["in_start"], labels["out_start"], labels["in_end"], labels["out_end"]]
    links = [(0, 2, flows["stayed"]), (0, 3, flows["left"]), (1, 2, flows["entered"])]
    return {
        "data": [
            {
                "type": "sankey",
                "node": {"label": nodes, "pad": 20, "color": ["#1f6feb", "#9aa4b2", "#1f6feb", "#9aa4b2"]},
                "link": {
                    "source": [s for s, _, _ in links],
                    "target": [t for _, t, _ in links],
                    "value": [v for _, _, v in links],
                },
            }
        ],
        "layout": _layout(lang, margin={"l": 20, "r": 20, "t": 20, "b": 20}),
    }
