"""Triggers and automations: when a customer enters or exits a segment, or an event of a type is imported,
after a delay, send a message, call a webhook, add a tag or add them to a static segment (docs/triggers.md).

    >>> from segmint import triggers
    >>> triggers.create_trigger(ws, "Win back", "enter", "rfm:At Risk", "tag", {"tag": "wb"}) # doctest: +SKIP
    >>> triggers.run(ws)                                                                    # doctest: +SKIP
"""

from segmint.triggers.firings import list_firings
from segmint.triggers.model import (
    ACTIONS,
    ON,
    Trigger,
    TriggerError,
    all_triggers,
    create_trigger,
    delete_trigger,
    find_trigger,
    parse_delay,
)
from segmint.triggers.run import RunSummary, run, run_if_any

__all__ = [
    "ACTIONS",
    "ON",
    "RunSummary",
    "Trigger",
    "TriggerError",
    "all_triggers",
    "create_trigger",
    "delete_trigger",
    "find_trigger",
    "list_firings",
    "parse_delay",
    "run",
    "run_if_any",
]
