"""One self-contained HTML page: plotly.js embedded once, every chart and card inline, no network needed.

Text from the workspace (segment names, personas, strategies) is escaped here; figures are serialised by
Plotly. Div ids are derived from the section order, so the same workspace gives the same file.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import plotly.graph_objects as go
import plotly.offline

from segmint import localize

CONFIG = {"displaylogo": False, "responsive": True}

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2933;
       background: #f5f7fa; }
header { background: #1f3a5f; color: #fff; padding: 24px 40px; }
header h1 { margin: 0 0 4px 0; font-size: 26px; }
header p { margin: 0; opacity: .85; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 24px 60px; }
section { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin: 18px 0;
          padding: 18px 22px; }
section h2 { margin: 0 0 10px 0; font-size: 19px; }
.note { color: #52606d; }
.figures .chart { min-height: 420px; }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; }
.tile { flex: 1 1 150px; background: #eef2f7; border-radius: 6px; padding: 10px 14px; }
.tile b { display: block; font-size: 21px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 14px; }
.card { border: 1px solid #d9e2ec; border-radius: 8px; padding: 12px 16px; }
.card h3 { margin: 0 0 6px 0; font-size: 16px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
th { background: #f0f4f8; }
table.numbers td, table.numbers th { white-space: nowrap; }
table.numbers td:not(:first-child) { text-align: right; }
"""


def escape(value) -> str:
    return html.escape("" if value is None else str(value))


@dataclass
class Section:
    """A titled block: charts, then HTML the builder made from escaped text, then a note."""

    key: str
    title: str
    figures: list[go.Figure] = field(default_factory=list)
    body: str = ""  # already-escaped HTML
    note: str | None = None  # plain text, e.g. what to run to fill this section
    said: tuple[str, dict] | None = None  # the note's text key and values (report/texts.py), to reword it


def tiles(items: list[tuple[str, str]]) -> str:
    return '<div class="tiles">' + "".join(
        f'<div class="tile"><b>{escape(value)}</b>{escape(label)}</div>' for label, value in items
    ) + "</div>"  # fmt: skip


def table(header: list[str], rows: list[list], numbers: bool = False) -> str:
    """An HTML table; `numbers` keeps every cell on one line (figures, not prose)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    kind = ' class="numbers"' if numbers else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def card(title: str, lines: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in lines)
    return f'<div class="card"><h3>{escape(title)}</h3><table>{rows}</table></div>'


def _figure_html(figure: go.Figure, div_id: str) -> str:
    return figure.to_html(
        full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG, default_height="420px"
    )


def render(title: str, subtitle: str, sections: list[Section], lang: str = "en") -> str:
    """The page in `lang`: its charts write ticks and hover numbers with the language's separators
    (1 234,5 in uk and ru; Plotly's own 1,234.5 in English)."""
    marks = localize.separators(lang)
    parts = []
    for number, section in enumerate(sections):
        figures = [
            go.Figure(fig).update_layout(separators=marks) if marks else fig for fig in section.figures
        ]
        charts = "".join(
            f'<div class="chart">{_figure_html(fig, f"chart-{number}-{i}")}</div>'
            for i, fig in enumerate(figures)
        )
        note = f'<p class="note">{escape(section.note)}</p>' if section.note else ""
        parts.append(
            f'<section id="{escape(section.key)}"><h2>{escape(section.title)}</h2>'
            f'<div class="figures">{charts}</div>{section.body}{note}</section>'
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style>"
        f"<script>{plotly.offline.get_plotlyjs()}</script></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f"<main>{''.join(parts)}</main></body></html>\n"
    )
