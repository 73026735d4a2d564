"""The plain-text version of an HTML email body, sent next to it (multipart/alternative).

Mail clients that show text only read it, and spam filters score HTML-only mail up (SpamAssassin's
MIME_HTML_ONLY). Hand-written on html.parser: no HTML-to-text library is among our dependencies
(html2text is GPL, inscriptis brings lxml), and campaign bodies are short, simple HTML: paragraphs, line
breaks, lists, links. Links keep their address after their text, so the unsubscribe link stays usable.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "ul", "ol", "li", "table", "tr", "blockquote", "pre", "hr", "section", "article", "header"}
    | {"footer", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_LINE_STARTS = {"li": "\n- ", "tr": "\n"}  # one line each, not a paragraph
_HIDDEN = frozenset({"script", "style", "head", "title", "template"})
_SPACES = re.compile(r"[ \t\r\f\v\n]+")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.links: list[tuple[str | None, int]] = []  # (href, where its text starts in parts)

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append(_LINE_STARTS.get(tag, "\n\n"))
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href"), len(self.parts)))
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("" if tag in _LINE_STARTS else "\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            text = "".join(self.parts[start:]).strip()
            if href and not href.startswith("#") and href != text:
                self.parts.append(f" ({href.removeprefix('mailto:')})" if text else href)

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(_SPACES.sub(" ", data))


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
