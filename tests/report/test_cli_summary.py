"""`segmint report`'s terminal summary is in the terminal's language, line by line, as the rest of the CLI:
the notes of the empty sections were the page's (--lang) under titles in the terminal's, and English
titles were the bare keys (segments, clusters)."""

from __future__ import annotations

import re

from tests.cli import segmint

from segmint import Workspace
from segmint.report.texts import text

CYRILLIC = re.compile("[а-яіїєґёыэъ]", re.I)


def _empty_lines(output: str, titles: list[str]) -> dict[str, str]:
    return {t: line for line in output.splitlines() for t in titles if line.startswith(f"{t}: ")}


def test_the_summary_speaks_the_terminals_language_whatever_the_pages(tmp_path):
    path = tmp_path / "shop"
    Workspace.init(path).close()  # Ukrainian, nothing refreshed: most sections say what to run
    keys = ("segments", "clusters")
    english = segmint("-w", path, "report", "-o", tmp_path / "a.html", language="en", wide=True)
    assert english.returncode == 0, english.stderr
    lines = _empty_lines(english.stderr, [text(f"{key}_title", "en") for key in keys])
    assert len(lines) == 2, english.stderr
    assert not any(CYRILLIC.search(line) for line in lines.values()), lines
    assert "Your segments: " + text("no_segments", "en") in lines.values()

    russian_page = segmint(
        "-w", path, "report", "-o", tmp_path / "b.html", "--lang", "ru", language=None, wide=True
    )
    assert russian_page.returncode == 0, russian_page.stderr
    lines = _empty_lines(russian_page.stderr, [text(f"{key}_title", "uk") for key in keys])
    assert (
        lines[text("clusters_title", "uk")] == f"{text('clusters_title', 'uk')}: {text('no_clusters', 'uk')}"
    )
    assert text("no_clusters", "ru") in (tmp_path / "b.html").read_text(encoding="utf-8")  # the page: --lang
