"""Open a page in real headless Chromium and record what a user's browser would do with it.

Chromium comes from the system (Debian's `chromium` package: /usr/bin/chromium), driven by Playwright,
with the flags that keep it off the network on its own (no background networking, sync, component
updates). `.ci/run` installs the package when it is missing and sets SEGMINT_REQUIRE_BROWSER=1, so in CI
a missing browser fails the tests; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    for candidate in (os.environ.get("SEGMINT_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    message = "no Chromium found (install Debian's `chromium` package or set SEGMINT_CHROMIUM)"
    if os.environ.get("SEGMINT_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Visit:
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    drawn_charts: int = 0
    charts: int = 0
    text: str = ""


def visit(path: Path, settle_ms: int = 1500) -> Visit:
    """Load the file, let scripts run, and report errors, every request made, and how many charts drew."""
    from playwright.sync_api import sync_playwright

    seen = Visit()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
            page.on("request", lambda request: seen.requests.append(request.url))
            page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(path.resolve().as_uri())
            page.wait_for_timeout(settle_ms)
            seen.charts = page.locator(".plotly-graph-div").count()
            seen.drawn_charts = page.evaluate(  # a div Plotly has laid out and drawn an SVG into
                "[...document.querySelectorAll('.plotly-graph-div')]"
                ".filter(d => d._fullLayout && d.querySelector('.main-svg')).length"
            )
            seen.text = page.inner_text("body")
        finally:
            browser.close()
    return seen
