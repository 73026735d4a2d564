"""A headless Chromium session (Debian's /usr/bin/chromium through Playwright, the flags of
tests/report/browser.py) that records console errors and every URL the page requests."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.report.browser import FLAGS, chromium


@dataclass
class Watch:
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def off_loopback(self) -> list[str]:
        """Requests to anything but 127.0.0.1 (data: and blob: URLs stay in the page)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"
        ]


@contextmanager
def browser_page(base_url: str):
    """(page, watch) on a fresh browser context; accepts downloads."""
    from playwright.sync_api import sync_playwright

    watch = Watch()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), args=FLAGS)
        try:
            context = browser.new_context(
                base_url=base_url, viewport={"width": 1400, "height": 1000}, accept_downloads=True
            )
            page = context.new_page()
            # Generous: a Save or an import makes the server refresh segments, which on a loaded CI machine
            # (two xdist workers plus this browser on 2 cores) has taken over 20 s. A wait here is a
            # correctness check, not a speed target (those live in benchmarks/).
            page.set_default_timeout(90_000)
            page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
            page.on("request", lambda request: watch.requests.append(request.url))
            yield page, watch
        finally:
            browser.close()
