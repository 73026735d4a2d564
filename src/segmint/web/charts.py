"""Plotly figures of the segment page as plain dicts (data + layout): the page's charts.js draws them with
the plotly.js the app serves, so no figure HTML with an inline script is needed."""

from __future__ import annotations

from segmint import segments as library


def size_history(sizes: list[dict], title: str) -> dict:
    """Members on every date the segment was computed for."""
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": [str(row["date"]) for row in sizes],
                "y": [row["size"] for row in sizes],
                "name": title,
            }
        ],
        "layout": {"margin": {"l": 50, "r": 20, "t": 20, "b": 40}, "yaxis": {"rangemode": "tozero"}},
    }


def movement(ws, name: str, start, end) -> dict:
    """Members on `start` against `end`: who stayed, who left, who entered."""
    before = library.members(ws, name, as_of=start).select("customer_id")
    after = library.members(ws, name, as_of=end).select("customer_id")
    stayed = int(before.join(after, "customer_id").count().execute())
    left = int(before.count().execute()) - stayed
    entered = int(after.count().execute()) - stayed
    return {"start": start, "end": end, "stayed": stayed, "left": left, "entered": entered}


def sankey(flows: dict, labels: dict[str, str]) -> dict:
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
        "layout": {"margin": {"l": 20, "r": 20, "t": 20, "b": 20}},
    }
