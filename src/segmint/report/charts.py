"""The report's Plotly figures, one function per chart, each from the plain data data.py reads, its titles,
axes and hover texts in the page's language (texts.py)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pyarrow as pa

from segmint.families.labels import Namer
from segmint.report.data import Transitions
from segmint.report.texts import text

FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=13)


def _layout(figure: go.Figure, title: str, **extra) -> go.Figure:
    figure.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        font=FONT,
        template="plotly_white",
        margin=dict(l=60, r=30, t=60, b=50),
        **extra,
    )
    # Plotly groups thousands only from 10 000 on (1000, 1 200 beside 12 000): every axis and colour bar
    # groups them from 1 000, with the page's separators (page.render)
    figure.update_xaxes(separatethousands=True).update_yaxes(separatethousands=True)
    figure.update_traces(colorbar_separatethousands=True, selector={"type": "heatmap"})
    return figure


def rfm_heatmap(grid: pa.Table, bins: int, lang: str = "en") -> go.Figure:
    """R score across, F score up: how many customers sit in each cell, their average spend on hover."""
    counts = np.zeros((bins, bins), dtype=int)
    spend = np.full((bins, bins), np.nan)
    for row in grid.to_pylist():
        r, f = int(row["rfm_r"]) - 1, int(row["rfm_f"]) - 1
        counts[f, r] = int(row["customers"])
        spend[f, r] = row["avg_monetary"]
    scores = list(range(1, bins + 1))
    figure = go.Figure(
        go.Heatmap(
            z=counts,
            x=scores,
            y=scores,
            customdata=np.round(spend, 2),
            text=counts,
            texttemplate="%{text}",
            colorscale="Blues",
            colorbar=dict(title=text("col_customers", lang)),
            hovertemplate=text("rfm_hover", lang) + "<extra></extra>",
        )
    )
    return _layout(
        figure,
        text("rfm_grid", lang),
        xaxis=dict(title=text("axis_recency", lang), dtick=1),
        yaxis=dict(title=text("axis_frequency", lang), dtick=1),
    )


def group_bars(rows: list[dict], title: str, lang: str = "en") -> go.Figure:
    """Customers and revenue per group, side by side on two axes."""
    names = [r["group"] for r in rows]
    customers, revenue = text("bars_customers", lang), text("bars_revenue", lang)
    figure = go.Figure(
        [
            go.Bar(name=customers, x=names, y=[r["customers"] for r in rows], offsetgroup=0),
            go.Bar(name=revenue, x=names, y=[r["revenue"] for r in rows], offsetgroup=1, yaxis="y2"),
        ]
    )
    return _layout(
        figure,
        title,
        barmode="group",
        yaxis=dict(title=customers),
        yaxis2=dict(title=revenue, overlaying="y", side="right", showgrid=False),
        legend=dict(orientation="h", y=1.08, x=1, xanchor="right"),
    )


def transitions_sankey(moves: Transitions, names: Namer) -> go.Figure:
    """Groups on the start date on the left, on the end date on the right, flows sized by customers, in
    the language of `names` (the workspace's families/labels.Namer: its own RFM groups named as they are)."""
    lang = names.lang
    labels = [text("not_yet", lang) if g is None else names.label(moves.family, str(g)) for g in moves.groups]
    count = len(labels)
    sources, targets, values = [], [], []
    for i, row in enumerate(moves.matrix):
        for j, customers in enumerate(row):
            if customers:
                sources.append(i)
                targets.append(count + j)
                values.append(customers)
    figure = go.Figure(
        go.Sankey(
            node=dict(
                label=[f"{label} ({moves.start})" for label in labels]
                + [f"{label} ({moves.end})" for label in labels],
                pad=12,
                thickness=14,
            ),
            link=dict(source=sources, target=targets, value=values),
        )
    )
    title = text("sankey_title", lang, family=moves.family, start=moves.start, end=moves.end)
    return _layout(figure, title)


def clv_histogram(values: pa.Table, lang: str = "en") -> go.Figure:
    """Predicted 12-month CLV per customer; the long tail clipped at the 99th percentile for reading."""
    clv = np.asarray(values.column("clv_12m").to_numpy(zero_copy_only=False), dtype=float)
    top = float(np.quantile(clv, 0.99)) if len(clv) else 0.0
    figure = go.Figure(go.Histogram(x=np.minimum(clv, top), nbinsx=40, marker_color="#3b6ea5"))
    return _layout(
        figure,
        text("clv_chart", lang),
        xaxis=dict(title=text("axis_clv", lang)),
        yaxis=dict(title=text("col_customers", lang)),
        bargap=0.05,
    )


def retention_heatmap(
    cohorts: list[str], periods: list[int], rates: list[list[float | None]], lang: str = "en"
) -> go.Figure:
    """Share of each monthly acquisition cohort still buying N months later."""
    z = [[None if rate is None else round(100 * rate, 1) for rate in row] for row in rates]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=periods,
            y=cohorts,
            colorscale="Greens",
            zmin=0,
            colorbar=dict(title=text("cohorts_active", lang)),
            hovertemplate=text("cohorts_hover", lang) + "<extra></extra>",
        )
    )
    return _layout(
        figure,
        text("cohorts_chart", lang),
        xaxis=dict(title=text("axis_months", lang), dtick=1),
        yaxis=dict(title=text("axis_cohort", lang), autorange="reversed", type="category"),
    )


def cluster_map(x: np.ndarray, y: np.ndarray, labels: list[str], lang: str = "en") -> go.Figure:
    """Customers projected on two dimensions, coloured by cluster. SVG markers, not WebGL: the page must
    draw in any browser, headless ones without a GPU included, so callers pass a sample of points."""
    figure = go.Figure()
    names = np.asarray(labels)
    for name in sorted(set(labels)):
        chosen = names == name
        figure.add_trace(go.Scatter(x=x[chosen], y=y[chosen], mode="markers", name=name,
                                      marker=dict(size=4, opacity=0.6)))  # fmt: skip
    return _layout(
        figure, text("clusters_chart", lang), xaxis=dict(title=text("axis_component", lang, n=1)),
        yaxis=dict(title=text("axis_component", lang, n=2)),
    )  # fmt: skip
