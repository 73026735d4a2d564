"""docs/metrics.md names only REST routes the API has: it named `GET /kpis`, which answered 404."""

from __future__ import annotations

import re
from pathlib import Path

from segmint.api import create_app

METRICS = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"


def test_every_route_the_metrics_doc_names_exists(workspace):
    path = workspace.path
    workspace.close()
    paths = create_app(path).openapi()["paths"]
    routes = {(method.upper(), route) for route, methods in paths.items() for method in methods}
    named = re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`?\s]*)", METRICS.read_text(encoding="utf-8"))
    assert named
    assert [route for route in named if route not in routes] == []
