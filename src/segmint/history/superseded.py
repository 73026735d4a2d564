"""Snapshots dated after the reference date: computed when the workspace's "now" was later, they go.

The reference date moves back when the data says so: `reference_date = "last_activity"` is today while
nothing has been bought yet (customers imported before their orders: the first thing many people do), and
the last order's date once orders arrive; a fixed date may be set earlier in segmint.toml. The snapshots of
the old, later "now" then outlived it: every page, size and transition read them as the latest state (all
customers "No Purchases" on a date after every order), the refresh on the real date could not become the
state the rules read, and no refresh replaced them. A refresh on the reference date therefore removes them
first, as if they had never been computed: history intervals that start after the date are deleted, those
that end after it are open again, and the due trigger firings of those dates are cancelled (a message for
a membership that no longer exists must not go out). The refreshes log keeps its rows.
"""

from __future__ import annotations

import datetime as dt

from segmint.history import state
from segmint.history.groups import INTERVALS


def after(raw, day: dt.date) -> list[dt.date]:
    """The snapshot dates after `day`, oldest first."""
    rows = raw.execute(
        "SELECT DISTINCT as_of FROM membership_snapshots WHERE as_of > ? ORDER BY 1", [day]
    ).fetchall()
    return [row[0] for row in rows]


def drop_after(raw, day: dt.date) -> list[dt.date]:
    """Remove every snapshot after `day` from the history (inside the caller's transaction); the dates."""
    dates = after(raw, day)
    if not dates:
        return []
    raw.execute(f"DELETE FROM {INTERVALS} WHERE valid_from > ?", [day])
    raw.execute(f"UPDATE {INTERVALS} SET valid_to = NULL WHERE valid_to > ?", [day])
    raw.execute("DELETE FROM membership_snapshots WHERE as_of > ?", [day])
    state.ensure(raw)
    raw.execute(f"DELETE FROM {state.STATE} WHERE as_of > ?", [day])  # the stored results are of those dates
    raw.execute(
        "DELETE FROM trigger_firings WHERE state = 'due' AND CAST(occurred_at AS DATE) > ?", [day]
    )
    return dates
