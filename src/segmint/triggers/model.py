"""Triggers as stored in the workspace: what starts them, how long they wait, and what they do.

A trigger names its segment as the campaigns do (a segment's name, or family:group such as rfm:At Risk) and
keeps the segment's id, so renaming the segment does not break it. `since` keeps a new trigger from firing
for what happened before it existed: entries dated after the last refresh of its segment, events imported
after it was created. Entries dated on that last day count too, but for the customers who had them when
the trigger was made (trigger_baseline): a later refresh the same day dates its new entries on that day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import asdict, dataclass
from urllib.parse import urlparse

from segmint.errors import CodedError
from segmint.ingest.fields import EVENT_TYPE_ALIASES, EVENT_TYPES
from segmint.store.names import check_addressable

ON = ("enter", "exit", "event")
MAX_NAME_LENGTH = 200  # as a segment's name (and the web form's maxlength)
# The longest delay: ten years. A due time is an occurrence plus the delay; 99999999999d was stored and
# then broke every run (and the refresh of every events import) on Python's timedelta, and 10**9 days
# on the calendar's end. 365d would refuse a plain "400d" (a year and a month after an entry).
MAX_DELAY_DAYS = 3650
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a webhook secret_env: read when it is sent
ACTIONS = {  # action -> the parameter it needs
    "message": "campaign",
    "webhook": "url",
    "tag": "tag",
    "static_segment": "segment",
}
_DELAY = re.compile(r"(\d+)\s*([wdhms])", re.IGNORECASE)
_UNIT = {"w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1}


class TriggerError(CodedError, ValueError):
    """A trigger that cannot be made or found (unknown segment, bad delay, missing parameter). Its `code`
    and `params` word it in the web UI's languages (web/campaign_errors.py)."""


@dataclass(frozen=True)
class Trigger:
    trigger_id: str
    name: str
    on_what: str
    target: str
    ref_kind: str | None
    ref: str | None
    group_name: str | None
    delay_seconds: int
    action: str
    params: dict
    since: dt.datetime | None
    enabled: bool
    created_at: dt.datetime

    def to_dict(self) -> dict:
        document = asdict(self)
        document["params"] = {k: ("***" if k == "secret" else v) for k, v in self.params.items()}
        for key in ("since", "created_at"):
            document[key] = document[key].isoformat() if document[key] else None
        return document

    def delay(self) -> dt.timedelta:
        """How long a firing waits. A stored delay longer than MAX_DELAY_DAYS is a TriggerError naming the
        trigger, as `triggers create` refuses one: an older segmint stored 99999999999d, which no timedelta
        holds, and its OverflowError stopped every run and the refresh of every events import (the run
        now skips the trigger and reports it: triggers/run.py)."""
        if self.delay_seconds > MAX_DELAY_DAYS * 86_400:
            days = self.delay_seconds // 86_400
            raise TriggerError(
                f"trigger {self.name!r} is skipped: its delay of {days}d is longer than the longest, "
                f"{MAX_DELAY_DAYS} days (an older segmint stored it); delete it and create it again with "
                f"a delay of at most {MAX_DELAY_DAYS}d",
                code="trigger.stored_delay_too_long",
                params={"name": self.name, "days": days, "limit": MAX_DELAY_DAYS},
            )
        return dt.timedelta(seconds=self.delay_seconds)


def parse_delay(text: str | int) -> int:
    """'0', '90' (seconds), '30m', '2h', '3d', '1w', '1d12h' -> seconds."""
    if isinstance(text, int):
        seconds = text
    elif str(text).strip().isdigit():
        seconds = int(str(text).strip())
    else:
        spec = str(text).replace(" ", "")
        parts = _DELAY.findall(spec)
        if not parts or "".join(n + u for n, u in parts) != spec:
            raise TriggerError(
                f"cannot read the delay {text!r}: write e.g. 0, 30m, 2h, 3d, 1w or 1d12h",
                code="trigger.delay",
                params={"delay": text},
            )
        seconds = sum(int(n) * _UNIT[u.lower()] for n, u in parts)
    if seconds < 0:
        raise TriggerError(
            f"the delay must not be negative, got {text!r}",
            code="trigger.delay_negative",
            params={"delay": text},
        )
    if seconds > MAX_DELAY_DAYS * 86_400:
        raise TriggerError(
            f"--delay is at most {MAX_DELAY_DAYS} days ({MAX_DELAY_DAYS}d, ten years), not {text!r}",
            code="trigger.delay_too_long",
            params={"delay": text, "days": MAX_DELAY_DAYS},
        )
    return seconds


def event_type(text: str) -> str:
    """The event type an event trigger waits for, as an import stores it (ingest.checks.event_type): lower
    case, runs of spaces and hyphens as "_", a Ukrainian or Russian name as its type ("покинутий кошик" is
    cart_abandon). A type the import does not know is refused: no imported event could ever fire it."""
    folded = re.sub(r"[\s\-]+", "_", text.strip().lower())
    folded = next((kind for kind, names in EVENT_TYPE_ALIASES.items() if folded in _folded(names)), folded)
    if folded not in EVENT_TYPES:
        raise TriggerError(
            f"unknown event type {text!r} for --event; one of {', '.join(EVENT_TYPES)}",
            code="trigger.unknown_event_type",
            params={"event_type": text, "expected": list(EVENT_TYPES)},
        )
    return folded


def _folded(names: tuple[str, ...]) -> set[str]:
    return {re.sub(r"[\s\-]+", "_", name) for name in names}


def resolve_target(ws, target: str) -> tuple[str, str, str]:
    """(kind, ref, group_name) of a segment name or family:group, as membership_history keys them; the
    group in any case, apostrophe or spacing, as campaigns and KPIs take it (history.spelled_target)."""
    from segmint.history.evaluate import family_definitions
    from segmint.history.queries import spelled_target, unknown_group, unknown_target
    from segmint.segments.model import find

    target = spelled_target(ws, target)
    segment = find(ws, target)
    if segment is not None:
        return "segment", segment.segment_id, "member"
    family, sep, group = target.partition(":")
    families = family_definitions(ws)
    if sep and family in families:
        groups = families[family].groups
        if groups is not None and group not in groups:  # a trigger on it would never fire, silently
            raise unknown_group(family, group, groups, error=TriggerError, code="trigger.unknown_group")
        return "family", family, group
    raise unknown_target(
        ws, target, "segment", "rfm:At Risk", error=TriggerError, code="trigger.unknown_segment"
    )


def _last_computed(ws, kind: str, ref: str) -> dt.datetime | None:
    (day,) = ws.raw.execute(
        "SELECT max(as_of) FROM membership_snapshots WHERE kind = ? AND ref = ?", [kind, ref]
    ).fetchone()
    return dt.datetime.combine(day, dt.time()) if day else None


def _check_params(ws, action: str, params: dict) -> dict:
    if action not in ACTIONS:
        raise TriggerError(
            f"unknown action {action!r}; one of {', '.join(ACTIONS)}",
            code="trigger.unknown_action",
            params={"action": action, "actions": list(ACTIONS)},
        )
    needed = ACTIONS[action]
    if not str(params.get(needed) or "").strip():
        raise TriggerError(
            f"the {action} action needs --{needed.replace('_', '-')}",
            code="trigger.action_needs",
            params={"action": action, "parameter": needed},
        )
    if action == "webhook" and urlparse(params["url"]).scheme not in ("http", "https"):
        raise TriggerError(
            f"the webhook URL must start with http:// or https://, got {params['url']!r}",
            code="trigger.webhook_url",
            params={"url": params["url"]},
        )
    if action == "webhook" and params.get("secret_env") is not None:
        if params.get("secret") is not None:
            raise TriggerError(
                "give the webhook's signing key as --secret or --secret-env, not both",
                code="trigger.secret_both",
            )
        if not ENV_NAME.fullmatch(str(params["secret_env"])):
            raise TriggerError(
                f"{params['secret_env']!r} is not an environment variable name (letters, digits, _)",
                code="trigger.secret_env_name",
                params={"name": params["secret_env"]},
            )
    if action == "message":  # refused now, not found failing at the first entry
        from segmint.campaigns.model import CampaignError, get

        try:
            get(ws, params["campaign"])
        except CampaignError as exc:
            raise TriggerError(exc.message, code=exc.code, params=exc.params) from exc  # campaign.unknown
    if action == "static_segment":
        from segmint.segments.model import find

        segment = find(ws, params["segment"])
        if segment is None or segment.kind != "static":
            raise TriggerError(
                f"{params['segment']!r} is not a static segment: create it first",
                code="trigger.not_static",
                params={"segment": params["segment"]},
            )
        params = {**params, "segment": segment.name}  # as stored: delete and rename find it by that text
    return {k: v for k, v in params.items() if v is not None}


def create_trigger(
    ws,
    name: str,
    on: str,
    target: str,
    action: str,
    params: dict,
    delay: str | int = 0,
    since: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Trigger:
    """Store a new trigger. `since` defaults to the last day its segment was computed (events: now); the
    entries or exits already dated on its day are the trigger's baseline, which it never fires for."""
    name = (name or "").strip()
    if not name:
        raise TriggerError("a trigger needs a name", code="trigger.no_name")
    if len(name) > MAX_NAME_LENGTH:
        raise TriggerError(
            f"a trigger's NAME is at most {MAX_NAME_LENGTH} characters, not {len(name)}",
            code="trigger.name_too_long",
            params={"limit": MAX_NAME_LENGTH, "length": len(name)},
        )
    # such a trigger could not be deleted or its firings read through the API
    check_addressable(name, "trigger", error=TriggerError, code="trigger.name_")
    if on not in ON:
        raise TriggerError(
            f"a trigger fires on {', '.join(ON)}, not {on!r}",
            code="trigger.on",
            params={"on": on, "choices": list(ON)},
        )
    if find_trigger(ws, name) is not None:
        raise TriggerError(
            f"a trigger named {name!r} already exists", code="trigger.name_taken", params={"name": name}
        )
    now = now or ws.now(whole_seconds=False)  # an event trigger compares it with imported_at
    kind = ref = group = None
    if on == "event":
        if not target.strip():
            raise TriggerError(
                "an event trigger needs the event type (e.g. cart_abandon)", code="trigger.no_event_type"
            )
        target = event_type(target)
        default_since = now
    else:
        from segmint.history.queries import spelled_target

        target = spelled_target(ws, target)  # listed as it fires: "rfm:At Risk", not "rfm:at risk"
        kind, ref, group = resolve_target(ws, target)
        default_since = _last_computed(ws, kind, ref)
    trigger = Trigger(
        trigger_id=uuid.uuid4().hex[:12],
        name=name,
        on_what=on,
        target=target,
        ref_kind=kind,
        ref=ref,
        group_name=group,
        delay_seconds=parse_delay(delay),
        action=action,
        params=_check_params(ws, action, dict(params)),
        since=since if since is not None else default_since,
        enabled=True,
        created_at=now,
    )
    with ws.transaction() as raw:
        raw.execute(
            "INSERT INTO triggers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                trigger.trigger_id, trigger.name, trigger.on_what, trigger.target, kind, ref, group,
                trigger.delay_seconds, trigger.action, json.dumps(trigger.params, ensure_ascii=False),
                trigger.since, trigger.enabled, trigger.created_at,
            ],
        )  # fmt: skip
        if on != "event" and trigger.since is not None:
            day = "valid_from" if on == "enter" else "valid_to"
            raw.execute(
                "INSERT INTO trigger_baseline SELECT ?, customer_id, CAST(valid_from AS VARCHAR) "
                f"FROM membership_history WHERE kind = ? AND ref = ? AND group_name = ? AND {day} = ?",
                [trigger.trigger_id, kind, ref, group, trigger.since.date()],
            )
    return trigger


def _from_row(row: dict) -> Trigger:
    params = row["params"]
    row = {**row, "params": json.loads(params) if isinstance(params, str) else dict(params or {})}
    return Trigger(**row)


def all_triggers(ws, enabled_only: bool = False) -> list[Trigger]:
    t = ws.table("triggers")
    if enabled_only:
        t = t.filter(t.enabled)
    return [_from_row(row) for row in t.order_by("created_at", "name").to_pyarrow().to_pylist()]


def find_trigger(ws, name: str) -> Trigger | None:
    return next((t for t in all_triggers(ws) if name in (t.name, t.trigger_id)), None)


def delete_trigger(ws, name: str) -> int:
    """Delete a trigger and its firings still waiting; the executed firings stay as the record.
    Returns how many waiting firings were dropped."""
    trigger = find_trigger(ws, name)
    if trigger is None:
        raise TriggerError(f"no trigger {name!r}", code="trigger.unknown", params={"name": name})
    with ws.transaction() as raw:
        (dropped,) = raw.execute(
            "SELECT count(*) FROM trigger_firings WHERE trigger_id = ? AND state = 'due'",
            [trigger.trigger_id],
        ).fetchone()
        raw.execute(
            "DELETE FROM trigger_firings WHERE trigger_id = ? AND state = 'due'", [trigger.trigger_id]
        )
        raw.execute("DELETE FROM trigger_baseline WHERE trigger_id = ?", [trigger.trigger_id])
        raw.execute("DELETE FROM triggers WHERE trigger_id = ?", [trigger.trigger_id])
    return int(dropped)
