"""A Russian or Ukrainian interface text names the same commands, API routes and options as the English
one (H6's Russian hunt, session 20): a translation left behind when the English changed gives advice the
English no longer gives."""

from __future__ import annotations

import re

from segmint.web.i18n import STRINGS

# `code`, a CLI command, an API route, a CLI option
NAMED = re.compile(r"`[^`]+`|segmint [a-z]+|(?:GET|POST|PATCH|DELETE) /[\w/{}.-]*\w|--[a-z-]+")


def test_every_language_names_the_same_commands_as_the_english():
    """Old code: the Russian 'no_clusters' said "запустите `segmint clusters fit`" where the English and
    Ukrainian say only "No clustering yet." beside the page's fit button; the CLI cannot open the workspace
    while `segmint serve` holds it (docs/web.md, /ui/clusters)."""
    different = {
        key: dict(texts)
        for key, texts in STRINGS.items()
        if len({tuple(sorted(NAMED.findall(text))) for text in texts.values()}) > 1
    }
    assert different == {}
