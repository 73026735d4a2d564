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

Static segments are no refresh's to recompute: their members are their list (segment_members), and their
history is written only when the list changes, dated on the reference date of that moment (segments.store).
Removing their later snapshots like the others' left a list created or changed after the new date empty
in every reader of the history (members, sizes, the campaign audience) while in_segment(...) and export
read the list, or brought back a customer removed by hand; no refresh wrote them again. So the static
segments that had a snapshot after the date get their list as it stands written as of the date instead
(`rewrite_static`), after their later snapshots went with the rest.
"""

from __future__ import annotations

import datetime as dt

from segmint.history import state
from segmint.history.groups import INTERVALS
from segmint.history.splice import drop_inputs, splice, static_lists
from segmint.segments.model import MEMBER_GROUP


def after(raw, day: dt.date) -> list[dt.date]:
    """The snapshot dates after `day`, oldest first."""
    rows = raw.execute(
        "SELECT DISTINCT as_of FROM membership_snapshots WHERE as_of > ? ORDER BY 1", [day]
    ).fetchall()
    return [row[0] for row in rows]


def drop_after(raw, day: dt.date) -> list[dt.date]:
    """Remove every snapshot after `day` from the history (inside the caller's transaction) and write the
    static segments' lists as of `day` instead of theirs; the dates removed."""
    dates = after(raw, day)
    if not dates:
        return []
    static = static_after(raw, day)
    raw.execute(f"DELETE FROM {INTERVALS} WHERE valid_from > ?", [day])
    raw.execute(f"UPDATE {INTERVALS} SET valid_to = NULL WHERE valid_to > ?", [day])
    raw.execute("DELETE FROM membership_snapshots WHERE as_of > ?", [day])
    state.ensure(raw)
    raw.execute(f"DELETE FROM {state.STATE} WHERE as_of > ?", [day])  # the stored results are of those dates
    raw.execute("DELETE FROM trigger_firings WHERE state = 'due' AND CAST(occurred_at AS DATE) > ?", [day])
    rewrite_static(raw, day, static)
    return dates


def static_after(raw, day: dt.date) -> list[str]:
    """The ids of the static segments with a snapshot after `day`, whose list was written then."""
    rows = raw.execute(
        """SELECT segment_id FROM segments s WHERE kind = 'static' AND EXISTS (
            SELECT 1 FROM membership_snapshots m WHERE m.kind = 'segment' AND m.ref = s.segment_id
            AND m.as_of > ?) ORDER BY 1""",
        [day],
    ).fetchall()
    return [row[0] for row in rows]


def rewrite_static(raw, day: dt.date, segment_ids: list[str]) -> None:
    """Write the lists of these static segments, as they stand, into the history as of `day`, once their
    snapshots after it are gone. Their dates after `day` cannot stay: they would be the latest state
    every reader takes (after the reference date, which no refresh may write after), and a later hand
    change, dated on the reference date before them, would be undone from their date on. Written on `day`
    (when the workspace now stands), membership from `day` is the list, as a change of the list on `day`
    would have written it; what the history held before `day` stays."""
    if not segment_ids:
        return
    static_lists(raw, segment_ids, MEMBER_GROUP)
    splice(raw, day)
    drop_inputs(raw)
