"""User-defined segments stored in the workspace: static (a frozen member list) or dynamic (a rule
re-evaluated on every refresh). docs/segments.md describes them.

    >>> import segmint
    >>> segmint.segments.create(ws, "Сплячі VIP", 'rfm.group = "At Risk"')   # doctest: +SKIP
    >>> segmint.segments.members(ws, "Сплячі VIP").execute()                   # doctest: +SKIP

The names below load on first use: segmint.history builds on segments.model and segments.resolve, and
the operations here build on segmint.history, so this package must not import them all up front.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "Segment": "model",
    "SegmentError": "model",
    "all_segments": "model",
    "find": "model",
    "get": "model",
    "add_members": "store",
    "change_members": "store",
    "create": "store",
    "delete": "store",
    "edit": "store",
    "remove_members": "store",
    "export_members": "membership",
    "member_table": "membership",
    "members": "membership",
    "overview": "membership",
    "summary": "membership",
    "export_yaml": "yamlio",
    "load_yaml": "yamlio",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f"segmint.segments.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'segmint.segments' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
